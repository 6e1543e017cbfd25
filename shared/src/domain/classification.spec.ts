import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ckmeans } from 'simple-statistics';
import {
  CLASSIFICATION_METHODS,
  MAX_CLASSES,
  MAX_MANUAL_BREAKS,
  MIN_CLASSES,
  classIndexOf,
  classify,
  parseManualBreaks,
  type Classification,
  type ClassificationMethod,
} from './classification.js';

const COMPUTED: ClassificationMethod[] = ['quantile', 'equal_interval', 'natural_breaks', 'std_dev'];
const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const valuesArb = fc.array(fc.oneof(finite, fc.constant(null), fc.constant(Number.NaN)), { minLength: 0, maxLength: 60 });
const methodArb = fc.constantFrom(...CLASSIFICATION_METHODS);
const classesArb = fc.integer({ min: MIN_CLASSES, max: MAX_CLASSES });

/** The invariants every classification keeps, whatever the data. */
function expectWellFormed(c: Classification, values: readonly (number | null)[]): void {
  const finiteValues = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  expect(c.valueCount).toBe(finiteValues.length);
  expect(c.counts).toHaveLength(c.classCount);
  expect(c.counts.reduce((s, n) => s + n, 0)).toBe(finiteValues.length);
  if (finiteValues.length === 0) {
    expect(c.classCount).toBe(0);
    return;
  }
  expect(c.classCount).toBeGreaterThanOrEqual(1);
  expect(c.breaks).toHaveLength(c.classCount + 1);
  for (let i = 1; i < c.breaks.length; i++) {
    // Strictly ascending, except that the last class may be a single value [max, max].
    if (i === c.breaks.length - 1) expect(c.breaks[i]).toBeGreaterThanOrEqual(c.breaks[i - 1]!);
    else expect(c.breaks[i]).toBeGreaterThan(c.breaks[i - 1]!);
  }
  expect(c.breaks[0]).toBeLessThanOrEqual(Math.min(...finiteValues));
  expect(c.breaks[c.classCount]).toBeGreaterThanOrEqual(Math.max(...finiteValues));
  for (const v of finiteValues) {
    const index = classIndexOf(c, v)!;
    expect(index).toBeGreaterThanOrEqual(0);
    expect(index).toBeLessThan(c.classCount);
    expect(v).toBeGreaterThanOrEqual(c.breaks[index]!);
    if (index < c.classCount - 1) expect(v).toBeLessThan(c.breaks[index + 1]!);
    else expect(v).toBeLessThanOrEqual(c.breaks[index + 1]!);
  }
}

describe('classify: properties', () => {
  it('is well formed for any data, method and class count', () => {
    fc.assert(
      fc.property(valuesArb, methodArb, classesArb, fc.array(finite, { maxLength: 12 }), (values, method, classes, manualBreaks) => {
        const c = classify(values, { method, classes, manualBreaks });
        expectWellFormed(c, values);
        expect(c.classCount).toBeLessThanOrEqual(method === 'manual' ? MAX_MANUAL_BREAKS + 1 : classes);
      }),
    );
  });

  it('does not depend on the order of the values', () => {
    fc.assert(
      fc.property(fc.array(finite, { minLength: 1, maxLength: 40 }), methodArb, classesArb, (values, method, classes) => {
        const a = classify(values, { method, classes, manualBreaks: [0, 10] });
        const b = classify([...values].reverse(), { method, classes, manualBreaks: [10, 0] });
        expect(b).toEqual(a);
      }),
    );
    // Found by the property above: -0 and 0 compare equal, so the input order used to pick the limit.
    for (const method of CLASSIFICATION_METHODS) {
      expect(classify([-0, 0], { method, classes: 3, manualBreaks: [0] })).toEqual(classify([0, -0], { method, classes: 3, manualBreaks: [0] }));
    }
  });

  it('gives quantile classes that differ in size by at most one when all values differ', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -10_000, max: 10_000 }), { minLength: 9, maxLength: 80 }), classesArb, (values, classes) => {
        const c = classify(values, { method: 'quantile', classes });
        expect(c.classCount).toBe(classes);
        expect(Math.max(...c.counts) - Math.min(...c.counts)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('gives equal intervals of equal width', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 50 }), classesArb, (values, classes) => {
        const c = classify(values, { method: 'equal_interval', classes });
        expect(c.classCount).toBe(classes);
        const width = (c.breaks[classes]! - c.breaks[0]!) / classes;
        c.breaks.forEach((b, i) => expect(b).toBeCloseTo(c.breaks[0]! + i * width, 6));
      }),
    );
  });

  it('gives natural breaks that match ckmeans clusters', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 50 }), classesArb, (values, classes) => {
        const c = classify(values, { method: 'natural_breaks', classes });
        const distinct = new Set(values).size;
        const clusters = ckmeans(values, Math.min(classes, distinct));
        expect(c.counts).toEqual(clusters.map((cluster) => cluster.length));
      }),
    );
  });

  it('never puts a value into a class that does not contain it, also when split at a centre', () => {
    fc.assert(
      fc.property(
        fc.array(finite, { minLength: 1, maxLength: 40 }),
        fc.constantFrom(...COMPUTED),
        classesArb,
        finite,
        (values, method, classes, centre) => {
          const c = classify(values, { method, classes, centre });
          expectWellFormed(c, values);
          if (c.centreBreak !== null) expect(c.breaks[c.centreBreak]).toBe(centre);
          const min = Math.min(...values);
          const max = Math.max(...values);
          if (centre > min && centre < max) expect(c.centreBreak).not.toBeNull();
        },
      ),
    );
  });
});

describe('classify: degenerate data', () => {
  it.each(CLASSIFICATION_METHODS)('%s: no values give no classes', (method) => {
    expect(classify([], { method, classes: 5 })).toMatchObject({ classCount: 0, breaks: [], counts: [] });
    expect(classify([null, Number.NaN, Infinity, -Infinity], { method, classes: 5 })).toMatchObject({ classCount: 0, valueCount: 0 });
  });

  it.each(COMPUTED)('%s: all values equal give one class holding every area', (method) => {
    const c = classify([7.5, 7.5, 7.5, 7.5], { method, classes: 5 });
    expect(c).toMatchObject({ classCount: 1, breaks: [7.5, 7.5], counts: [4] });
    expect(classIndexOf(c, 7.5)).toBe(0);
  });

  it.each(COMPUTED)('%s: one area gives one class', (method) => {
    expect(classify([42], { method, classes: 9 })).toMatchObject({ classCount: 1, breaks: [42, 42], counts: [1] });
  });

  it('ignores NaN, infinities and missing values, and classifies the rest', () => {
    const c = classify([1, Number.NaN, 2, null, 3, Infinity, 4, undefined], { method: 'equal_interval', classes: 3 });
    expect(c.valueCount).toBe(4);
    expect(c.breaks).toEqual([1, 2, 3, 4]);
    expect(c.counts).toEqual([1, 1, 2]);
    expect(classIndexOf(c, Number.NaN)).toBeNull();
    expect(classIndexOf(c, null)).toBeNull();
  });

  it('handles negative values (a migration balance)', () => {
    const c = classify([-12.4, -3.1, 0, 2.2, 8.9, 15], { method: 'equal_interval', classes: 3 });
    expect(c.breaks[0]).toBe(-12.4);
    expect(c.breaks[3]).toBe(15);
    expect(classIndexOf(c, -12.4)).toBe(0);
    expect(classIndexOf(c, 15)).toBe(2);
    const q = classify([-5, -4, -3, -2, -1, 0], { method: 'quantile', classes: 3 });
    expect(q.breaks).toEqual([-5, -3, -1, 0]);
    expect(q.counts).toEqual([2, 2, 2]);
  });

  it('gives no more quantile or natural classes than there are distinct values', () => {
    expect(classify([1, 1, 1, 1, 2], { method: 'quantile', classes: 5 })).toMatchObject({ classCount: 2, counts: [4, 1] });
    expect(classify([1, 1, 1, 1, 2], { method: 'natural_breaks', classes: 5 })).toMatchObject({ classCount: 2, counts: [4, 1] });
    expect(classify([3, 3, 8, 8, 9], { method: 'quantile', classes: 9 }).classCount).toBe(3);
  });

  it('clamps the class count to 3–9', () => {
    const values = Array.from({ length: 30 }, (_, i) => i);
    expect(classify(values, { method: 'equal_interval', classes: 1 }).classCount).toBe(3);
    expect(classify(values, { method: 'equal_interval', classes: 40 }).classCount).toBe(9);
    expect(classify(values, { method: 'equal_interval', classes: Number.NaN }).classCount).toBe(5);
  });

  it('drops standard-deviation limits beyond the data and splits at the mean', () => {
    const c = classify([10, 20, 30, 40, 50], { method: 'std_dev', classes: 4 });
    // mean 30, sd √200 ≈ 14.14: limits at 15.86, 30 and 44.14
    expect(c.breaks[0]).toBe(10);
    expect(c.breaks[2]).toBeCloseTo(30, 10);
    expect(c.breaks).toHaveLength(5);
    const wide = classify([10, 20, 30, 40, 50], { method: 'std_dev', classes: 9 });
    expect(wide.breaks.every((b) => b >= 10 && b <= 50)).toBe(true);
    expect(wide.classCount).toBeLessThan(9);
  });
});

describe('classify: manual breaks', () => {
  const values = [2, 5, 9, 12, 18, 25, 31];

  it('sorts limits given out of order and drops duplicates and non-numbers', () => {
    const ordered = classify(values, { method: 'manual', classes: 5, manualBreaks: [10, 20, 30] });
    const shuffled = classify(values, { method: 'manual', classes: 5, manualBreaks: [30, 10, Number.NaN, 20, 10] });
    expect(shuffled).toEqual(ordered);
    expect(ordered.breaks).toEqual([2, 10, 20, 30, 31]);
    expect(ordered.counts).toEqual([3, 2, 1, 1]);
  });

  it('keeps the data inside the outer classes when limits lie beyond it', () => {
    const c = classify(values, { method: 'manual', classes: 5, manualBreaks: [-5, 10, 100] });
    expect(c.breaks).toEqual([-5, 10, 100]);
    expect(c.counts).toEqual([3, 4]);
  });

  it('keeps at most eight limits', () => {
    const c = classify(values, { method: 'manual', classes: 5, manualBreaks: [3, 4, 6, 7, 8, 10, 11, 13, 14, 15] });
    expect(c.classCount).toBe(9);
  });

  it('without limits gives one class', () => {
    expect(classify(values, { method: 'manual', classes: 5, manualBreaks: [] })).toMatchObject({ classCount: 1, counts: [7] });
  });
});

describe('classify: rounding and centre', () => {
  it('rounds computed limits to the indicator decimals', () => {
    const c = classify([1.04, 2.13, 3.37, 4.71], { method: 'equal_interval', classes: 3, decimals: 1 });
    expect(c.breaks).toEqual([1.04, 2.3, 3.5, 4.71]);
  });

  it('splits at the centre and reports where', () => {
    const c = classify([1, 2, 3, 4, 5, 6, 7, 8], { method: 'quantile', classes: 4, centre: 4.5 });
    expect(c.breaks).toContain(4.5);
    expect(c.centreBreak).toBe(c.breaks.indexOf(4.5));
    expect(c.counts.slice(0, c.centreBreak!).reduce((s, n) => s + n, 0)).toBe(4);
  });

  it('ignores a centre outside the data', () => {
    const c = classify([1, 2, 3], { method: 'equal_interval', classes: 3, centre: 10 });
    expect(c.centreBreak).toBeNull();
    expect(c.classCount).toBe(3);
  });
});

describe('parseManualBreaks', () => {
  it('reads German and English number formats in any order', () => {
    expect(parseManualBreaks('10; 12,5; 20')).toEqual({ breaks: [10, 12.5, 20], problems: [] });
    expect(parseManualBreaks('20 10 12.5')).toEqual({ breaks: [10, 12.5, 20], problems: [] });
    expect(parseManualBreaks('5, 1, 3')).toEqual({ breaks: [1, 3, 5], problems: [] });
    expect(parseManualBreaks('-2,5; 0; 2,5')).toEqual({ breaks: [-2.5, 0, 2.5], problems: [] });
  });

  it('names what it cannot read', () => {
    expect(parseManualBreaks('10; zehn; 20').problems).toEqual([{ kind: 'not_a_number', token: 'zehn' }]);
    expect(parseManualBreaks('  ').problems).toEqual([{ kind: 'empty' }]);
    expect(parseManualBreaks('1 2 3 4 5 6 7 8 9 10').problems).toEqual([{ kind: 'too_many', max: 8 }]);
  });
});
