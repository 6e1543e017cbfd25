import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { aggregateValues, roundTo } from './aggregation.js';

const rate = { kind: 'rate' as const, rateFactor: 100 };
const count = { kind: 'count' as const, rateFactor: null };

describe('aggregateValues', () => {
  it('recomputes a rate from summed numerators and denominators instead of averaging', () => {
    const result = aggregateValues(rate, [
      { value: 50, numerator: 1, denominator: 2 },
      { value: 10, numerator: 10, denominator: 100 },
    ]);
    expect(result).toEqual({ value: (11 / 102) * 100, numerator: 11, denominator: 102 });
  });

  it('sums counts', () => {
    expect(
      aggregateValues(count, [
        { value: 3, numerator: null, denominator: null },
        { value: 4, numerator: null, denominator: null },
      ]),
    ).toEqual({
      value: 7,
      numerator: null,
      denominator: null,
    });
  });

  it('refuses to aggregate when a child is missing, the denominator is zero, or the kind is not additive', () => {
    expect(aggregateValues(count, [{ value: null, numerator: null, denominator: null }])).toBeNull();
    expect(aggregateValues(rate, [{ value: 1, numerator: 1, denominator: null }])).toBeNull();
    expect(aggregateValues(rate, [{ value: 0, numerator: 0, denominator: 0 }])).toBeNull();
    expect(aggregateValues({ kind: 'index', rateFactor: null }, [{ value: 1, numerator: null, denominator: null }])).toBeNull();
    expect(aggregateValues(count, [])).toBeNull();
  });

  it('lies between the smallest and largest child rate (property)', () => {
    const child = fc.record({ numerator: fc.integer({ min: 0, max: 10_000 }), denominator: fc.integer({ min: 1, max: 100_000 }) });
    fc.assert(
      fc.property(fc.array(child, { minLength: 1, maxLength: 20 }), (children) => {
        const rows = children.map((c) => ({ ...c, value: (c.numerator / c.denominator) * 100 }));
        const result = aggregateValues(rate, rows)!;
        const min = Math.min(...rows.map((r) => r.value));
        const max = Math.max(...rows.map((r) => r.value));
        expect(result.value).toBeGreaterThanOrEqual(min - 1e-9);
        expect(result.value).toBeLessThanOrEqual(max + 1e-9);
        expect(result.numerator).toBe(children.reduce((s, c) => s + c.numerator, 0));
      }),
    );
  });

  it('is independent of the order of the children (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 30 }), (values) => {
        const rows = values.map((value) => ({ value, numerator: null, denominator: null }));
        expect(aggregateValues(count, rows)).toEqual(aggregateValues(count, [...rows].reverse()));
      }),
    );
  });
});

describe('roundTo', () => {
  it('rounds half away from zero', () => {
    expect(roundTo(2.345, 2)).toBe(2.35);
    expect(roundTo(-2.5, 0)).toBe(-3);
    expect(roundTo(19.6, 1)).toBe(19.6);
  });
});
