import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { PeriodSchema } from '../schemas/atlas.js';
import { normalisePeriod } from './periods.js';

describe('normalisePeriod', () => {
  it('reads years, half-years, quarters and months as departments write them', () => {
    const cases: [unknown, string][] = [
      ['2024', '2024'],
      [2024, '2024'],
      [' 2024 ', '2024'],
      ['2024-H1', '2024-H1'],
      ['2024 h2', '2024-H2'],
      ['H1/2024', '2024-H1'],
      ['Q3 2024', '2024-Q3'],
      ['2024Q4', '2024-Q4'],
      ['1. Halbjahr 2024', '2024-H1'],
      ['3. Quartal 2024', '2024-Q3'],
      ['2024-06', '2024-06'],
      ['06/2024', '2024-06'],
      ['6.2024', '2024-06'],
    ];
    for (const [raw, expected] of cases) expect(normalisePeriod(raw)).toBe(expected);
  });

  it('refuses what it cannot read unambiguously', () => {
    for (const raw of ['24', '2024-13', '2024-H3', 'Q5 2024', '31.12.2024', 'gestern', 2024.5, 1850, null, undefined, {}, '']) {
      expect(normalisePeriod(raw)).toBeNull();
    }
  });

  it('only ever returns periods the database accepts (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer(), fc.constantFrom('2024 Q1', '12/2030', '1. Hj. 2020')), (raw) => {
        const period = normalisePeriod(raw);
        if (period !== null) expect(PeriodSchema.safeParse(period).success).toBe(true);
      }),
    );
  });
});
