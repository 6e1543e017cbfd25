import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DEFAULT_ATLAS_VIEW, labelsShown, parseAtlasView, serializeAtlasView, type AtlasView } from './atlas-view.js';
import { CLASSIFICATION_METHODS } from './classification.js';
import { PALETTE_KEYS } from './palettes.js';

describe('atlas view in the URL', () => {
  it('reads a full link', () => {
    const { view, invalid } = parseAtlasView({
      indicator: 'sgb2_rate',
      period: '2024',
      classification: 'natural_breaks',
      classes: '7',
      palette: 'Blues',
      view: '6.98512,51.57100,11.80',
      area: 'brauck',
      mode: 'change',
      base: '2019',
      change: 'relative',
    });
    expect(invalid).toEqual([]);
    expect(view).toMatchObject({
      indicator: 'sgb2_rate',
      period: '2024',
      method: 'natural_breaks',
      classes: 7,
      palette: 'Blues',
      camera: { longitude: 6.98512, latitude: 51.571, zoom: 11.8 },
      area: 'brauck',
      mode: 'change',
      base: '2019',
      change: 'relative',
    });
  });

  it('decides area names by the number of areas unless the link says otherwise', () => {
    expect(labelsShown(parseAtlasView({}).view, 10)).toBe(true);
    expect(labelsShown(parseAtlasView({}).view, 1000)).toBe(false);
    expect(labelsShown(parseAtlasView({ labels: '1' }).view, 1000)).toBe(true);
    expect(labelsShown(parseAtlasView({ labels: '0' }).view, 10)).toBe(false);
  });

  it('accepts the usual names for natural breaks', () => {
    expect(parseAtlasView({ classification: 'jenks' }).view.method).toBe('natural_breaks');
    expect(parseAtlasView({ method: 'Natural-Breaks' }).view.method).toBe('natural_breaks');
  });

  it('falls back to defaults for unusable parameters and names them', () => {
    const { view, invalid } = parseAtlasView({
      classes: '42',
      classification: 'astrology',
      view: 'here',
      palette: 'rainbow',
      breaks: 'a,b',
      area: '../etc',
      labels: 'maybe',
    });
    expect(view).toEqual(DEFAULT_ATLAS_VIEW);
    expect(invalid.sort()).toEqual(['area', 'breaks', 'classes', 'classification', 'labels', 'palette', 'view']);
  });

  it('sorts manual breaks and leaves defaults out of the link', () => {
    expect(parseAtlasView({ classification: 'manual', breaks: '20,5,10' }).view.breaks).toEqual([5, 10, 20]);
    expect(serializeAtlasView(DEFAULT_ATLAS_VIEW)).toEqual({});
  });

  it('reads back what it writes (property)', () => {
    const viewArb = fc.record<AtlasView>({
      indicator: fc.constantFrom(null, 'sgb2_rate', 'population'),
      period: fc.constantFrom(null, '2024', '2024-H1'),
      level: fc.constantFrom('district' as const, 'neighbourhood' as const),
      method: fc.constantFrom(...CLASSIFICATION_METHODS),
      classes: fc.integer({ min: 3, max: 9 }),
      breaks: fc.uniqueArray(fc.integer({ min: -100, max: 100 }), { maxLength: 8 }).map((b) => b.sort((x, y) => x - y)),
      palette: fc.constantFrom(null, ...PALETTE_KEYS),
      diverging: fc.boolean(),
      mode: fc.constantFrom('status' as const, 'change' as const),
      base: fc.constantFrom(null, '2019'),
      change: fc.constantFrom('absolute' as const, 'relative' as const),
      camera: fc.option(fc.record({ longitude: fc.constantFrom(6.98512), latitude: fc.constantFrom(51.571), zoom: fc.constantFrom(11.25) }), {
        nil: null,
      }),
      area: fc.constantFrom(null, 'mitte-1'),
      labels: fc.constantFrom(null, true, false),
    });
    fc.assert(
      fc.property(viewArb, (view) => {
        const parsed = parseAtlasView(serializeAtlasView(view)).view;
        const expected: AtlasView = {
          ...view,
          base: view.mode === 'change' ? view.base : null,
          change: view.mode === 'change' ? view.change : 'absolute',
          classes: view.method === 'manual' ? DEFAULT_ATLAS_VIEW.classes : view.classes,
          breaks: view.method === 'manual' ? view.breaks : [],
        };
        expect(parsed).toEqual(expected);
      }),
    );
  });
});
