import { describe, expect, it } from '@jest/globals';
import type { AreaValue, ReferenceValue } from '../schemas/atlas.js';
import { buildChoropleth, changeBetween, type ChoroplethInput } from './choropleth.js';
import { NO_DATA_COLOR, SUPPRESSED_COLOR } from './palettes.js';

const cell = (areaKey: string, value: number | null, suppressed = false): AreaValue => ({
  areaKey,
  value: suppressed ? null : value,
  suppressed,
  estimated: false,
  provisional: false,
});
const city = (value: number | null): ReferenceValue => ({
  areaKey: 'city',
  value,
  suppressed: false,
  estimated: false,
  provisional: false,
  computed: false,
});
const areas = ['a', 'b', 'c', 'd', 'e', 'f'].map((key) => ({ key, name: key.toUpperCase() }));

function input(overrides: Partial<ChoroplethInput> = {}): ChoroplethInput {
  return {
    areas,
    indicator: { polarity: 'higher_is_worse', decimals: 1 },
    current: { period: '2024', values: [cell('a', 10), cell('b', 20), cell('c', 20), cell('d', 40), cell('e', null, true)], reference: city(22.5) },
    previous: { period: '2023', values: [cell('a', 12), cell('b', 20), cell('c', null, true), cell('d', 35.3)], reference: city(21) },
    mode: 'status',
    method: 'equal_interval',
    classes: 3,
    ...overrides,
  };
}

describe('buildChoropleth: status map', () => {
  const model = buildChoropleth(input());
  const row = (key: string) => model.rows.find((r) => r.areaKey === key)!;

  it('keeps suppressed and missing areas apart from the classes', () => {
    expect(row('e')).toMatchObject({ status: 'suppressed', measure: null, classIndex: null, rank: null, color: SUPPRESSED_COLOR });
    expect(row('f')).toMatchObject({ status: 'missing', measure: null, classIndex: null, rank: null, color: NO_DATA_COLOR });
    expect(model.suppressedCount).toBe(1);
    expect(model.missingCount).toBe(1);
    expect(model.legend.reduce((s, c) => s + c.count, 0)).toBe(4);
  });

  it('ranks the highest value first and lets ties share a rank', () => {
    expect([row('d').rank, row('b').rank, row('c').rank, row('a').rank]).toEqual([1, 2, 2, 4]);
    expect(model.rankedCount).toBe(4);
  });

  it('gives the difference to the city and the change to the previous period', () => {
    expect(row('a').differenceToReference).toBe(-12.5);
    expect(row('d').changeToPrevious).toBe(4.7);
    expect(row('c').changeToPrevious).toBeNull();
    expect(row('f').changeToPrevious).toBeNull();
  });

  it('colours each area with its legend class colour', () => {
    for (const r of model.rows.filter((x) => x.classIndex !== null)) expect(r.color).toBe(model.legend[r.classIndex!]!.color);
    expect(model.legend.map((l) => [l.from, l.to])).toEqual([
      [10, 20],
      [20, 30],
      [30, 40],
    ]);
    expect(model.legend.at(-1)!.includesUpper).toBe(true);
  });

  it('splits the classes at the city value when diverging', () => {
    const diverging = buildChoropleth(input({ diverging: true }));
    expect(diverging.diverging).toBe(true);
    expect(diverging.palette).toBe('RdBu');
    expect(diverging.classification.breaks).toContain(22.5);
    const below = diverging.rows.filter((r) => r.measure !== null && r.measure < 22.5);
    const above = diverging.rows.filter((r) => r.measure !== null && r.measure >= 22.5);
    // higher is worse: above the city is red, below is blue
    for (const r of above) expect(parseInt(r.color.slice(1, 3), 16)).toBeGreaterThan(parseInt(r.color.slice(5, 7), 16));
    for (const r of below) expect(parseInt(r.color.slice(5, 7), 16)).toBeGreaterThan(parseInt(r.color.slice(1, 3), 16));
  });

  it('honours a chosen palette of the right kind and ignores one of the wrong kind', () => {
    expect(buildChoropleth(input({ palette: 'Purples' })).palette).toBe('Purples');
    expect(buildChoropleth(input({ palette: 'Purples', diverging: true })).palette).toBe('RdBu');
    expect(buildChoropleth(input({ palette: 'Bogus' })).palette).toBe('OrRd');
  });
});

describe('buildChoropleth: change map', () => {
  const base = { period: '2020', values: [cell('a', 8), cell('b', 25), cell('c', 20), cell('d', 40), cell('e', 5)], reference: city(20) };

  it('maps the absolute change (percentage points for a rate) around zero', () => {
    const model = buildChoropleth(input({ mode: 'change', base }));
    const row = (key: string) => model.rows.find((r) => r.areaKey === key)!;
    expect(row('a').measure).toBe(2);
    expect(row('b').measure).toBe(-5);
    expect(row('c').measure).toBe(0);
    expect(row('e').status).toBe('suppressed');
    expect(model.reference.measure).toBe(2.5);
    expect(row('a').differenceToReference).toBe(-0.5);
    expect(model.diverging).toBe(true);
    expect(model.classification.breaks).toContain(0);
  });

  it('maps the relative change in percent', () => {
    const model = buildChoropleth(input({ mode: 'change', base, changeKind: 'relative' }));
    expect(model.rows.find((r) => r.areaKey === 'a')!.measure).toBe(25);
    expect(model.measureDecimals).toBe(1);
  });

  it('has no relative change from zero', () => {
    expect(changeBetween(0, 5, 'relative', 1)).toBeNull();
    expect(changeBetween(12.3, 10.1, 'absolute', 1)).toBe(-2.2);
  });
});

describe('buildChoropleth: degenerate selections', () => {
  it('survives an indicator without any published value', () => {
    const model = buildChoropleth(
      input({ current: { period: '2024', values: [cell('a', null, true), cell('b', null)], reference: null }, previous: null }),
    );
    expect(model.legend).toEqual([]);
    expect(model.rows.every((r) => r.classIndex === null)).toBe(true);
    expect(model.reference.measure).toBeNull();
  });

  it('survives all areas having the same value', () => {
    const model = buildChoropleth(
      input({ current: { period: '2024', values: areas.map((a) => cell(a.key, 3)), reference: city(3) }, diverging: true }),
    );
    expect(model.legend).toHaveLength(1);
    expect(model.rows.every((r) => r.rank === 1)).toBe(true);
  });
});
