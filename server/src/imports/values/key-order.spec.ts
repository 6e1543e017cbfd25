import { describe, expect, it } from '@jest/globals';
import { keyOrder, type DistinctKeys } from './key-order.js';
import type { IncomingValue } from './value-rows.js';

const value = (indicatorId: string, areaId: string, period: string): IncomingValue => ({
  indicatorId,
  areaId,
  period,
  value: 1,
  numerator: null,
  denominator: null,
  isSuppressed: false,
  isEstimated: false,
  isProvisional: false,
});

const A = '0c966b18-ef7e-5748-9dfc-bc11fca06d0b';
const B = '7f000000-0000-4000-8000-000000000000';
const C = 'f0000000-0000-4000-8000-000000000001';

/** The distinct keys of the values, as the value store hands them over. */
const distinct = (values: IncomingValue[]): DistinctKeys => ({
  indicatorIds: [...new Set(values.map((v) => v.indicatorId))],
  areaIds: [...new Set(values.map((v) => v.areaId))],
  periods: [...new Set(values.map((v) => v.period))],
});
const order = (values: IncomingValue[]) => [...keyOrder(values, distinct(values))];

describe('keyOrder', () => {
  it('orders the values by indicator, area and period, as the primary key does', () => {
    // A file in period-major order, as departments export them.
    const values = [
      value(B, C, '2024'),
      value(A, C, '2024'),
      value(B, A, '2024'),
      value(A, A, '2024'),
      value(B, C, '2023-Q4'),
      value(A, C, '2023-Q4'),
      value(B, A, '2023-Q4'),
      value(A, A, '2023-Q4'),
    ];
    const ordered = order(values).map((i) => values[i]!);
    const key = (v: IncomingValue) => `${v.indicatorId}|${v.areaId}|${v.period}`;
    expect(ordered.map(key)).toEqual(values.map(key).sort());
  });

  it('is a permutation of every value, also for one value or none', () => {
    expect(order([])).toEqual([]);
    expect(order([value(A, B, '2024')])).toEqual([0]);
    const many = Array.from({ length: 1_000 }, (_, i) => value(i % 3 ? A : B, i % 7 ? B : C, String(2000 + (i % 25))));
    expect(order(many).sort((x, y) => x - y)).toEqual(many.map((_, i) => i));
  });
});
