import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { assignIndexClass, compositeIndex, dynamicsIndex, signFromPolarity, STATUS_CLASS_THRESHOLDS, zStandardise } from './composite-index.js';

const areas = ['a', 'b', 'c', 'd', 'e'];
const values = (list: number[]) => new Map(areas.map((a, i) => [a, list[i]!]));
// Figures as delivered: hundredths, not float noise (where "all equal" is a matter of rounding).
const finiteList = fc.array(
  fc.integer({ min: -100_000, max: 100_000 }).map((v) => v / 100),
  { minLength: 5, maxLength: 5 },
);

describe('zStandardise', () => {
  it('gives mean 0 and standard deviation 1', () => {
    const { z, mean, sd } = zStandardise(values([2, 4, 4, 4, 6]));
    expect(mean).toBe(4);
    expect(sd).toBeCloseTo(Math.sqrt(1.6));
    const zs = [...z.values()];
    expect(zs.reduce((s, v) => s + v, 0)).toBeCloseTo(0);
    expect(zs.reduce((s, v) => s + v * v, 0) / zs.length).toBeCloseTo(1);
  });

  it('gives zeros when every area has the same value', () => {
    expect([...zStandardise(values([3, 3, 3, 3, 3])).z.values()]).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('compositeIndex', () => {
  it('ranks the area that is worst on every component highest', () => {
    const result = compositeIndex(
      [
        { key: 'sgb2', weight: 1, sign: 1, values: values([10, 20, 30, 15, 12]) },
        { key: 'employment', weight: 1, sign: -1, values: values([60, 50, 40, 55, 58]) },
      ],
      areas,
    );
    const ranking = [...result.index.entries()].sort((x, y) => y[1] - x[1]).map(([k]) => k);
    expect(ranking[0]).toBe('c');
    expect(ranking.at(-1)).toBe('a');
  });

  it('leaves out areas with a missing component instead of imputing', () => {
    const result = compositeIndex(
      [
        {
          key: 'x',
          weight: 1,
          sign: 1,
          values: new Map([
            ['a', 1],
            ['b', 2],
            ['c', 3],
            ['d', 4],
            ['e', null],
          ]),
        },
        { key: 'y', weight: 1, sign: 1, values: values([1, 3, 2, 5, 4]) },
      ],
      areas,
    );
    expect(result.incomplete).toEqual(['e']);
    expect([...result.index.keys()].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('needs at least three areas to say anything about spread', () => {
    const result = compositeIndex(
      [
        {
          key: 'x',
          weight: 1,
          sign: 1,
          values: new Map([
            ['a', 1],
            ['b', 2],
          ]),
        },
      ],
      ['a', 'b'],
    );
    expect(result.index.size).toBe(0);
  });

  it('is standardised, and unchanged by rescaling a component or all weights (property)', () => {
    fc.assert(
      fc.property(
        finiteList,
        finiteList,
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        fc.double({ min: 0.5, max: 50, noNaN: true }),
        (x, y, w, scale) => {
          const base = compositeIndex(
            [
              { key: 'x', weight: w, sign: 1, values: values(x) },
              { key: 'y', weight: 1, sign: -1, values: values(y) },
            ],
            areas,
          );
          const scaled = compositeIndex(
            [
              { key: 'x', weight: w * scale, sign: 1, values: values(x.map((v) => v * scale + 7)) },
              { key: 'y', weight: scale, sign: -1, values: values(y) },
            ],
            areas,
          );
          const zs = [...base.index.values()];
          expect(Math.abs(zs.reduce((s, v) => s + v, 0))).toBeLessThan(1e-6);
          for (const area of areas) expect(scaled.index.get(area)!).toBeCloseTo(base.index.get(area)!, 6);
        },
      ),
    );
  });
});

describe('dynamicsIndex', () => {
  it('ranks the area whose problems grew most highest', () => {
    const result = dynamicsIndex(
      [
        { key: 'sgb2', weight: 1, sign: 1, from: values([10, 10, 10, 10, 10]), to: values([10, 11, 15, 9, 10]) },
        { key: 'unemployment', weight: 1, sign: 1, from: values([5, 5, 5, 5, 5]), to: values([5, 6, 8, 4, 5]) },
      ],
      areas,
    );
    expect([...result.index.entries()].sort((x, y) => y[1] - x[1])[0]![0]).toBe('c');
  });
});

describe('assignIndexClass', () => {
  it('assigns Berlin status classes, a value on a threshold going to the better class', () => {
    expect(assignIndexClass(-1.5, STATUS_CLASS_THRESHOLDS)).toBe(1);
    expect(assignIndexClass(-1, STATUS_CLASS_THRESHOLDS)).toBe(1);
    expect(assignIndexClass(0, STATUS_CLASS_THRESHOLDS)).toBe(2);
    expect(assignIndexClass(1.2, STATUS_CLASS_THRESHOLDS)).toBe(3);
    expect(assignIndexClass(2, STATUS_CLASS_THRESHOLDS)).toBe(4);
  });

  it('derives orientation from polarity', () => {
    expect(signFromPolarity('higher_is_worse')).toBe(1);
    expect(signFromPolarity('higher_is_better')).toBe(-1);
    expect(signFromPolarity('neutral')).toBeNull();
  });
});
