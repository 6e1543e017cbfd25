import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isPrimarySuppressed, suppressSiblings } from './suppression.js';

const countRule = { kind: 'count' as const, suppressionThreshold: 5 };
const rateRule = { kind: 'rate' as const, suppressionThreshold: 5 };
const cell = (areaKey: string, value: number | null, numerator: number | null = null, sourceSuppressed = false) => ({
  areaKey,
  value,
  numerator,
  sourceSuppressed,
});

describe('isPrimarySuppressed', () => {
  it('suppresses counts below the threshold, including zero', () => {
    expect(isPrimarySuppressed(countRule, cell('a', 4))).toBe(true);
    expect(isPrimarySuppressed(countRule, cell('a', 0))).toBe(true);
    expect(isPrimarySuppressed(countRule, cell('a', 5))).toBe(false);
  });

  it('suppresses a rate whose numerator is below the threshold, whatever the rate', () => {
    expect(isPrimarySuppressed(rateRule, cell('a', 0.3, 2))).toBe(true);
    expect(isPrimarySuppressed(rateRule, cell('a', 40, 6))).toBe(false);
  });

  it('honours source-side suppression and a missing threshold', () => {
    expect(isPrimarySuppressed({ kind: 'count', suppressionThreshold: null }, cell('a', 1))).toBe(false);
    expect(isPrimarySuppressed({ kind: 'count', suppressionThreshold: null }, cell('a', 100, null, true))).toBe(true);
  });
});

describe('suppressSiblings', () => {
  it('adds the next smallest sibling when exactly one is suppressed and the parent is published', () => {
    const result = suppressSiblings(countRule, [cell('a', 3), cell('b', 40), cell('c', 9), cell('d', 12)], true);
    expect([...result].sort()).toEqual(['a', 'c']);
  });

  it('needs no complement when the parent is not published or two are already suppressed', () => {
    expect([...suppressSiblings(countRule, [cell('a', 3), cell('b', 40)], false)]).toEqual(['a']);
    expect([...suppressSiblings(countRule, [cell('a', 3), cell('b', 2), cell('c', 40)], true)].sort()).toEqual(['a', 'b']);
  });

  it('never leaves exactly one suppressed sibling under a published parent (property)', () => {
    const siblings = fc.uniqueArray(fc.record({ areaKey: fc.string({ minLength: 1, maxLength: 4 }), value: fc.integer({ min: 0, max: 30 }) }), {
      minLength: 2,
      maxLength: 12,
      selector: (s) => s.areaKey,
    });
    fc.assert(
      fc.property(siblings, (rows) => {
        const result = suppressSiblings(
          countRule,
          rows.map((r) => cell(r.areaKey, r.value)),
          true,
        );
        expect(result.size).not.toBe(1);
        for (const row of rows) if (row.value < 5) expect(result.has(row.areaKey)).toBe(true);
      }),
    );
  });
});
