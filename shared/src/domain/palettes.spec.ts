import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  DIVERGING_PALETTES,
  PALETTES,
  SEQUENTIAL_PALETTES,
  classColors,
  contrastRatio,
  defaultPalette,
  hexToRgb,
  interpolateRamp,
  textColorOn,
} from './palettes.js';

const luminance = (hex: string) => {
  const [r, g, b] = hexToRgb(hex);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

describe('classColors: sequential', () => {
  it('uses the published ColorBrewer colours for 3 to 9 classes', () => {
    expect(classColors({ palette: 'OrRd', classCount: 5, polarity: 'higher_is_worse' })).toEqual([
      '#fef0d9',
      '#fdcc8a',
      '#fc8d59',
      '#e34a33',
      '#b30000',
    ]);
    for (const key of SEQUENTIAL_PALETTES) {
      for (let n = 3; n <= 9; n++) expect(classColors({ palette: key, classCount: n, polarity: 'neutral' })).toEqual(PALETTES[key].colors[n]);
    }
  });

  it('gets darker towards the high values, and reverses for higher-is-better indicators', () => {
    const worse = classColors({ palette: 'OrRd', classCount: 6, polarity: 'higher_is_worse' });
    const better = classColors({ palette: 'OrRd', classCount: 6, polarity: 'higher_is_better' });
    expect(better).toEqual([...worse].reverse());
    expect(luminance(worse[0]!)).toBeGreaterThan(luminance(worse[5]!));
    expect(luminance(better[0]!)).toBeLessThan(luminance(better[5]!));
  });

  it('gives one or two colours for one or two classes, and none for none', () => {
    expect(classColors({ palette: 'Blues', classCount: 1, polarity: 'neutral' })).toHaveLength(1);
    expect(classColors({ palette: 'Blues', classCount: 2, polarity: 'neutral' })).toHaveLength(2);
    expect(classColors({ palette: 'Blues', classCount: 0, polarity: 'neutral' })).toEqual([]);
  });
});

describe('classColors: diverging', () => {
  it('puts red above the city for higher-is-worse and below it for higher-is-better', () => {
    const worse = classColors({ palette: 'RdBu', classCount: 4, polarity: 'higher_is_worse', classesBelowCentre: 2 });
    expect(worse).toEqual(['#0571b0', '#92c5de', '#f4a582', '#ca0020']);
    const better = classColors({ palette: 'RdBu', classCount: 4, polarity: 'higher_is_better', classesBelowCentre: 2 });
    expect(better).toEqual(['#ca0020', '#f4a582', '#92c5de', '#0571b0']);
  });

  it('keeps equal steps from the centre equally strong on both sides when the sides differ', () => {
    const colors = classColors({ palette: 'RdBu', classCount: 4, polarity: 'higher_is_better', classesBelowCentre: 1 });
    // one class below, three above: the six-colour scheme, nearest-to-centre colours first
    expect(colors).toEqual(['#fddbc7', '#d1e5f0', '#67a9cf', '#2166ac']);
  });

  it('gives every class a distinct colour for any split (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DIVERGING_PALETTES),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        fc.constantFrom('higher_is_better' as const, 'higher_is_worse' as const, 'neutral' as const),
        (palette, count, below, polarity) => {
          const colors = classColors({ palette, classCount: count, polarity, classesBelowCentre: Math.min(below, count) });
          expect(colors).toHaveLength(count);
          expect(new Set(colors).size).toBe(count);
          for (const c of colors) expect(c).toMatch(/^#[0-9a-f]{6}$/);
        },
      ),
    );
  });
});

describe('palette helpers', () => {
  it('picks orange–red for judged indicators and a judgement-free scheme for neutral ones', () => {
    expect(defaultPalette('higher_is_worse', false)).toBe('OrRd');
    expect(defaultPalette('neutral', false)).toBe('YlGnBu');
    expect(defaultPalette('higher_is_better', true)).toBe('RdBu');
    expect(defaultPalette('neutral', true)).toBe('PuOr');
  });

  it('interpolates ramps through their anchors', () => {
    expect(interpolateRamp(['#000000', '#ffffff'], 3)).toEqual(['#000000', '#808080', '#ffffff']);
  });

  it('chooses readable text on every class colour (WCAG AA for large text)', () => {
    for (const key of [...SEQUENTIAL_PALETTES, ...DIVERGING_PALETTES]) {
      for (const color of PALETTES[key].colors[9] ?? []) expect(contrastRatio(color, textColorOn(color))).toBeGreaterThanOrEqual(4.5);
    }
  });
});
