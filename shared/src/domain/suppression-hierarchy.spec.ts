import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { protectHierarchy, suppressSiblings, type HierarchyCandidate } from './suppression.js';

const rule = { kind: 'count' as const, suppressionThreshold: 5 };
const cell = (areaKey: string, parentKey: string | null, value: number | null): HierarchyCandidate => ({
  areaKey,
  parentKey,
  value,
  numerator: null,
  sourceSuppressed: false,
});

/** City → districts → neighbourhoods with counts; parents hold the sums of their children. */
const hierarchy = fc
  .array(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: 6 })
  .map((districts) => {
    const cells: HierarchyCandidate[] = [];
    let city = 0;
    districts.forEach((neighbourhoods, d) => {
      const sum = neighbourhoods.reduce((s, v) => s + v, 0);
      city += sum;
      cells.push(cell(`d${d}`, 'city', sum));
      neighbourhoods.forEach((v, n) => cells.push(cell(`d${d}n${n}`, `d${d}`, v)));
    });
    cells.push(cell('city', null, city));
    return cells;
  });

describe('protectHierarchy', () => {
  it('matches suppressSiblings on two levels', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 2, maxLength: 12 }), fc.boolean(), (values, withCity) => {
        const kids = values.map((v, i) => cell(`k${String(i).padStart(2, '0')}`, 'city', v));
        const cells = withCity
          ? [
              ...kids,
              cell(
                'city',
                null,
                values.reduce((s, v) => s + v, 0),
              ),
            ]
          : kids;
        const expected = suppressSiblings(rule, kids, withCity && values.reduce((s, v) => s + v, 0) >= 5);
        const result = protectHierarchy(rule, cells);
        result.delete('city');
        expect([...result].sort()).toEqual([...expected].sort());
      }),
    );
  });

  it('hides the single child of a hidden complement, so it cannot be read one level down', () => {
    const cells = [
      cell('city', null, 40),
      cell('a', 'city', 3),
      cell('b', 'city', 6),
      cell('c', 'city', 31),
      cell('a1', 'a', 3),
      cell('b1', 'b', 6),
      cell('c1', 'c', 31),
    ];
    expect([...protectHierarchy(rule, cells)].sort()).toEqual(['a', 'a1', 'b', 'b1']);
  });

  it('never leaves exactly one unknown in any parent equation, and hides every small count (property)', () => {
    fc.assert(
      fc.property(hierarchy, (cells) => {
        const hidden = protectHierarchy(rule, cells);
        for (const c of cells) if (c.value! < 5) expect(hidden.has(c.areaKey)).toBe(true);
        for (const parent of cells) {
          const kids = cells.filter((c) => c.parentKey === parent.areaKey);
          if (kids.length === 0) continue;
          const unknowns = kids.filter((k) => hidden.has(k.areaKey)).length + (hidden.has(parent.areaKey) ? 1 : 0);
          expect(unknowns).not.toBe(1);
        }
      }),
    );
  });
});
