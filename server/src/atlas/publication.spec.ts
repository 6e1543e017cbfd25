import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { ValueRow } from './atlas.repository.js';
import { publishPeriod, type AreaNode } from './publication.js';

const areas: AreaNode[] = [
  { key: 'city', level: 'city', parentKey: null },
  { key: 'a', level: 'district', parentKey: 'city' },
  { key: 'b', level: 'district', parentKey: 'city' },
  { key: 'c', level: 'district', parentKey: 'city' },
];
const count = { kind: 'count' as const, rateFactor: null, suppressionThreshold: 5, decimals: 0 };
const rate = { kind: 'rate' as const, rateFactor: 100, suppressionThreshold: 5, decimals: 1 };

function row(areaKey: string, value: number | null, numerator: number | null = null, denominator: number | null = null): ValueRow {
  return { indicatorId: 'i', areaKey, period: '2020', value, numerator, denominator, isSuppressed: false, isEstimated: false, isProvisional: false };
}

describe('publishPeriod', () => {
  it('computes a missing city value from its districts and marks it computed', () => {
    const cells = publishPeriod(rate, [row('a', 10, 10, 100), row('b', 20, 40, 200), row('c', 5, 5, 100)], areas, true);
    expect(cells.get('city')).toMatchObject({ value: 13.8, numerator: 55, denominator: 400, computed: true, suppressed: false });
  });

  it('prefers a delivered city value over the aggregate', () => {
    const cells = publishPeriod(count, [row('city', 100), row('a', 50), row('b', 30), row('c', 21)], areas, false);
    expect(cells.get('city')).toMatchObject({ value: 100, computed: false });
  });

  it('for callers without the raw-data right, suppresses the small cell and a complement so the total cannot reveal it', () => {
    const cells = publishPeriod(count, [row('a', 3), row('b', 30), row('c', 12)], areas, false);
    expect(cells.get('a')).toEqual({ value: null, suppressed: true, estimated: false, provisional: false, computed: false });
    expect(cells.get('c')?.suppressed).toBe(true);
    expect(cells.get('b')).toMatchObject({ value: 30, suppressed: false });
    expect(cells.get('city')).toMatchObject({ value: 45, suppressed: false });
  });

  it('shows stewards every value, with numerator and denominator for rates', () => {
    const cells = publishPeriod(rate, [row('a', 3, 3, 100), row('b', 30, 30, 100), row('c', 12, 12, 100)], areas, true);
    expect(cells.get('a')).toMatchObject({ value: 3, numerator: 3, denominator: 100, suppressed: false });
  });

  it('keeps values the data owner delivered as suppressed hidden from everyone', () => {
    const withheld = { ...row('a', null), isSuppressed: true };
    const cells = publishPeriod(count, [withheld, row('b', 30), row('c', 12)], areas, true);
    expect(cells.get('a')?.suppressed).toBe(true);
    expect(cells.has('city')).toBe(false);
  });

  it('never lets a suppressed district be recovered from the published city total (property)', () => {
    fc.assert(
      fc.property(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 })), ([va, vb, vc]) => {
        const cells = publishPeriod(count, [row('a', va), row('b', vb), row('c', vc)], areas, false);
        const hidden = ['a', 'b', 'c'].filter((k) => cells.get(k)!.suppressed);
        if (cells.get('city')!.suppressed) return;
        // With the total public, a single hidden district would equal total minus the others.
        expect(hidden.length).not.toBe(1);
        for (const [key, value] of [
          ['a', va],
          ['b', vb],
          ['c', vc],
        ] as const)
          if (value < 5) expect(cells.get(key)!.suppressed).toBe(true);
      }),
    );
  });
});
