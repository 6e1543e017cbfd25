import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { aggregateHierarchy, type AggregatableValue, type HierarchyNode } from './aggregation.js';

const count = { kind: 'count' as const, rateFactor: null };
const rate = { kind: 'rate' as const, rateFactor: 100 };

/** A city with districts with neighbourhoods, as a node list. */
const tree = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 6 }).map((sizes) => {
  const nodes: HierarchyNode[] = [{ key: 'city', parentKey: null }];
  const leaves: string[] = [];
  sizes.forEach((n, d) => {
    nodes.push({ key: `d${d}`, parentKey: 'city' });
    for (let i = 0; i < n; i++) {
      nodes.push({ key: `d${d}n${i}`, parentKey: `d${d}` });
      leaves.push(`d${d}n${i}`);
    }
  });
  return { nodes, leaves };
});

const countCell = (value: number): AggregatableValue => ({ value, numerator: null, denominator: null });

describe('aggregateHierarchy', () => {
  it('computes the city from neighbourhoods through the districts', () => {
    const nodes: HierarchyNode[] = [
      { key: 'city', parentKey: null },
      { key: 'd1', parentKey: 'city' },
      { key: 'd2', parentKey: 'city' },
      { key: 'n1', parentKey: 'd1' },
      { key: 'n2', parentKey: 'd1' },
      { key: 'n3', parentKey: 'd2' },
    ];
    const result = aggregateHierarchy(
      count,
      nodes,
      new Map([
        ['n1', countCell(3)],
        ['n2', countCell(4)],
        ['n3', countCell(10)],
      ]),
    );
    expect(result.get('d1')).toEqual({ value: 7, numerator: null, denominator: null, computed: true });
    expect(result.get('city')).toMatchObject({ value: 17, computed: true });
    expect(result.get('n1')).toMatchObject({ value: 3, computed: false });
  });

  it('never replaces a delivered value, and leaves a parent empty when a child is missing', () => {
    const nodes: HierarchyNode[] = [
      { key: 'city', parentKey: null },
      { key: 'd1', parentKey: 'city' },
      { key: 'd2', parentKey: 'city' },
    ];
    expect(
      aggregateHierarchy(
        count,
        nodes,
        new Map([
          ['city', countCell(100)],
          ['d1', countCell(3)],
          ['d2', countCell(4)],
        ]),
      ).get('city'),
    ).toMatchObject({
      value: 100,
      computed: false,
    });
    expect(aggregateHierarchy(count, nodes, new Map([['d1', countCell(3)]])).has('city')).toBe(false);
    // Withheld at the source: not recomputed from below either.
    expect(
      aggregateHierarchy(
        count,
        nodes,
        new Map([
          ['city', countCell(Number.NaN)],
          ['d1', countCell(1)],
          ['d2', countCell(1)],
        ]),
      ).has('city'),
    ).toBe(false);
  });

  it('survives a cycle in the hierarchy', () => {
    const nodes: HierarchyNode[] = [
      { key: 'a', parentKey: 'b' },
      { key: 'b', parentKey: 'a' },
    ];
    expect(aggregateHierarchy(count, nodes, new Map([['a', countCell(1)]])).get('a')).toMatchObject({ value: 1 });
  });

  it('keeps the total of counts at every level (property)', () => {
    fc.assert(
      fc.property(tree, fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 30, maxLength: 30 }), ({ nodes, leaves }, numbers) => {
        const delivered = new Map(leaves.map((leaf, i) => [leaf, countCell(numbers[i % numbers.length]!)]));
        const result = aggregateHierarchy(count, nodes, delivered);
        const leafTotal = leaves.reduce((s, leaf) => s + delivered.get(leaf)!.value!, 0);
        expect(result.get('city')!.value).toBe(leafTotal);
        const districts = nodes.filter((n) => n.parentKey === 'city');
        expect(districts.reduce((s, d) => s + result.get(d.key)!.value, 0)).toBe(leafTotal);
      }),
    );
  });

  it('recomputes rates from summed numerators and denominators at every level (property)', () => {
    const cell = fc.record({ numerator: fc.integer({ min: 0, max: 500 }), denominator: fc.integer({ min: 1, max: 5000 }) });
    fc.assert(
      fc.property(tree, fc.array(cell, { minLength: 30, maxLength: 30 }), ({ nodes, leaves }, cells) => {
        const delivered = new Map(
          leaves.map((leaf, i) => {
            const c = cells[i % cells.length]!;
            return [leaf, { value: (c.numerator / c.denominator) * 100, numerator: c.numerator, denominator: c.denominator }];
          }),
        );
        const result = aggregateHierarchy(rate, nodes, delivered);
        const numerator = leaves.reduce((s, l) => s + delivered.get(l)!.numerator, 0);
        const denominator = leaves.reduce((s, l) => s + delivered.get(l)!.denominator, 0);
        const city = result.get('city')!;
        expect(city.numerator).toBe(numerator);
        expect(city.denominator).toBe(denominator);
        expect(city.value).toBeCloseTo((numerator / denominator) * 100, 9);
        const rates = [...delivered.values()].map((v) => v.value);
        expect(city.value).toBeGreaterThanOrEqual(Math.min(...rates) - 1e-9);
        expect(city.value).toBeLessThanOrEqual(Math.max(...rates) + 1e-9);
      }),
    );
  });

  it('does not depend on the order of the nodes (property)', () => {
    fc.assert(
      fc.property(tree, fc.integer({ min: 0, max: 1000 }), ({ nodes, leaves }, seed) => {
        const delivered = new Map(leaves.map((leaf, i) => [leaf, countCell((seed * (i + 1)) % 97)]));
        const shuffled = [...nodes].sort((a, b) => ((a.key.length * seed) % 7) - ((b.key.length * seed) % 7));
        expect(aggregateHierarchy(count, shuffled, delivered)).toEqual(aggregateHierarchy(count, nodes, delivered));
      }),
    );
  });
});
