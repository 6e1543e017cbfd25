import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AreaProfileResponse, IndicatorValuesResponse } from '@lagebild/shared';
import { GLADBECK_DISTRICTS } from '../../seeds/gladbeck/index.js';
import { call, fixture, upload } from '../fixtures/imports/client.js';
import { startTestApp, type DemoUserKey, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const mapping = {
  areaColumn: 'Gebiet',
  periodColumn: 'Jahr',
  indicatorColumn: 'Indikator',
  valueColumn: 'Wert',
  numeratorColumn: 'Zähler',
  denominatorColumn: 'Nenner',
};

async function importRows(rows: string[]): Promise<void> {
  const csv = ['Gebiet;Jahr;Indikator;Wert;Zähler;Nenner', ...rows].join('\n');
  const res = await upload(t, '/api/imports/values', {
    user: 'coordinator',
    file: { name: 'werte.csv', bytes: Buffer.from(csv) },
    fields: { layout: 'long', mapping, dryRun: 'false' },
  });
  expect(res.body.errors).toEqual([]);
  expect(res.status).toBe(200);
}

const valuesFor = (indicator: string, period: string, user?: DemoUserKey, level = 'district') =>
  call<IndicatorValuesResponse>(t, 'GET', `/api/indicators/${indicator}/values?period=${period}&level=${level}`, user);

/**
 * What someone who sees only published figures can work out: a hidden district is exposed
 * when it is the only unknown in "city = sum of districts".
 */
function recoverable(body: IndicatorValuesResponse): string[] {
  const hidden = body.values.filter((v) => v.suppressed);
  if (!body.reference || body.reference.suppressed || body.reference.value === null) return [];
  return hidden.length === 1 ? [hidden[0]!.areaKey] : [];
}

// Rent arrears notices: a count with threshold 5, not public (members see it suppressed).
const counts: Record<string, number> = {
  Brauck: 31,
  Butendorf: 22,
  'Mitte I': 18,
  Zweckel: 9,
  'Rentfort-Nord': 11,
  'Mitte II': 7,
  Rosenhügel: 3,
  'Alt-Rentfort': 6,
  Ellinghorst: 12,
  Schultendorf: 8,
};
const total = Object.values(counts).reduce((s, v) => s + v, 0);

describe('counts below the threshold', () => {
  beforeAll(async () => {
    await importRows(Object.entries(counts).map(([area, n]) => `${area};2030;rent_arrears_notices;${n};;`));
    // Period 2031 delivers the city total as well, instead of leaving it to aggregation.
    await importRows([
      ...Object.entries(counts).map(([area, n]) => `${area};2031;rent_arrears_notices;${n};;`),
      `Gladbeck;2031;rent_arrears_notices;${total};;`,
    ]);
  });

  it.each(['viewer', 'commenter'] as const)('are hidden from %s, together with a complement, so the city total reveals nothing', async (user) => {
    for (const period of ['2030', '2031']) {
      const { body } = await valuesFor('rent_arrears_notices', period, user);
      const rosenhuegel = body.values.find((v) => v.areaKey === 'rosenhuegel')!;
      expect(rosenhuegel).toMatchObject({ value: null, suppressed: true });
      expect(rosenhuegel).not.toHaveProperty('numerator');
      // The next smallest district (Alt-Rentfort, 6) is hidden too.
      expect(body.values.find((v) => v.areaKey === 'alt-rentfort')).toMatchObject({ value: null, suppressed: true });
      expect(body.values.filter((v) => v.suppressed)).toHaveLength(2);
      expect(body.reference).toMatchObject({ value: total, suppressed: false, computed: period === '2030' });
      expect(recoverable(body)).toEqual([]);
      // City minus the published districts gives only the sum of the two hidden ones.
      const published = body.values.filter((v) => !v.suppressed).reduce((s, v) => s + v.value!, 0);
      expect(body.reference!.value! - published).toBe(counts['Rosenhügel']! + counts['Alt-Rentfort']!);
    }
  });

  it('are shown to coordinators and editors, who have the raw-data right', async () => {
    for (const user of ['coordinator', 'editor'] as const) {
      const { body } = await valuesFor('rent_arrears_notices', '2030', user);
      expect(body.values.every((v) => !v.suppressed)).toBe(true);
      expect(body.values.find((v) => v.areaKey === 'rosenhuegel')!.value).toBe(3);
    }
  });

  it('stay hidden in the district profile', async () => {
    const { body } = await call<AreaProfileResponse>(t, 'GET', '/api/areas/rosenhuegel/profile?period=2030', 'viewer');
    const entry = body.indicators.find((i) => i.indicator.key === 'rent_arrears_notices')!;
    expect(entry.value).toMatchObject({ value: null, suppressed: true });
    expect(entry.series.find((s) => s.period === '2030')).toMatchObject({ value: null, suppressed: true });
    const complement = await call<AreaProfileResponse>(t, 'GET', '/api/areas/alt-rentfort/profile?period=2030', 'viewer');
    expect(complement.body.indicators.find((i) => i.indicator.key === 'rent_arrears_notices')!.value).toMatchObject({ suppressed: true });
  });

  it('never leave exactly one district hidden, whatever the figures (property over imports)', async () => {
    // Ten random deliveries of the same indicator; every published answer must protect every hidden cell.
    let seed = 11;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let run = 0; run < 10; run++) {
      const period = `${2040 + run}`;
      const figures = GLADBECK_DISTRICTS.map((d) => [d.name, Math.floor(random() * 14)] as const);
      await importRows(figures.map(([area, n]) => `${area};${period};rent_arrears_notices;${n};;`));
      const { body } = await valuesFor('rent_arrears_notices', period, 'viewer');
      expect(recoverable(body)).toEqual([]);
      for (const [area, n] of figures) {
        const cell = body.values.find((v) => v.areaKey === GLADBECK_DISTRICTS.find((d) => d.name === area)!.key)!;
        if (n < 5) expect(cell).toMatchObject({ value: null, suppressed: true });
        else if (!cell.suppressed) expect(cell.value).toBe(n);
      }
    }
  });
});

describe('rates derived from small counts', () => {
  it('are hidden when their numerator is below the threshold, with numerator and denominator', async () => {
    const rows = GLADBECK_DISTRICTS.map((d, i) => {
      const numerator = i === 0 ? 2 : 40 + i;
      return `${d.name};2030;sgb2_rate;;${numerator};${1000 + i * 10}`;
    });
    await importRows(rows);
    for (const user of [undefined, 'viewer'] as const) {
      const { body } = await valuesFor('sgb2_rate', '2030', user);
      const brauck = body.values.find((v) => v.areaKey === GLADBECK_DISTRICTS[0]!.key)!;
      expect(brauck).toEqual({ areaKey: 'brauck', value: null, suppressed: true, estimated: false, provisional: false });
      expect(body.values.filter((v) => v.suppressed)).toHaveLength(2);
      for (const v of body.values) expect(v).not.toHaveProperty('numerator');
    }
    const raw = await valuesFor('sgb2_rate', '2030', 'coordinator');
    expect(raw.body.values.find((v) => v.areaKey === 'brauck')).toMatchObject({ value: 0.2, numerator: 2, denominator: 1000, suppressed: false });
  });
});

describe('three levels: neighbourhoods under districts', () => {
  beforeAll(async () => {
    // One neighbourhood per district, found by location (see the boundary import tests).
    const res = await upload(t, '/api/imports/areas', {
      user: 'coordinator',
      file: { name: 'quartiere.geojson', bytes: fixture('quartiere-epsg25833.geojson') },
      fields: { level: 'neighbourhood', keyProperty: 'schluessel', nameProperty: 'name', dryRun: 'false' },
    });
    expect(res.status).toBe(200);
    // Figures delivered for the neighbourhoods only: districts and city are aggregated.
    await importRows(Object.entries(counts).map(([area, n]) => `${area} Zentrum;2032;rent_arrears_notices;${n};;`));
  });

  it('computes districts and the city from the neighbourhoods', async () => {
    const districts = await valuesFor('rent_arrears_notices', '2032', 'coordinator');
    expect(districts.body.values.find((v) => v.areaKey === 'brauck')).toMatchObject({ value: 31, suppressed: false });
    expect(districts.body.reference).toMatchObject({ value: total, computed: true });
  });

  it('hides a complement on every level, so no hidden figure can be worked out through another level', async () => {
    const districts = (await valuesFor('rent_arrears_notices', '2032', 'viewer')).body;
    const neighbourhoods = (await valuesFor('rent_arrears_notices', '2032', 'viewer', 'neighbourhood')).body;
    expect(recoverable(districts)).toEqual([]);
    // Each district equals its single neighbourhood: a district hidden on one level must be hidden on the other.
    for (const district of districts.values) {
      const inner = neighbourhoods.values.find((v) => v.areaKey === `${district.areaKey}-zentrum`)!;
      expect(inner.suppressed).toBe(district.suppressed);
    }
    const hidden = districts.values.filter((v) => v.suppressed).map((v) => v.areaKey);
    expect(hidden).toEqual(expect.arrayContaining(['rosenhuegel', 'alt-rentfort']));
  });

  it('shows the same in the profiles of districts and neighbourhoods as on the maps', async () => {
    const entry = async (area: string, user: DemoUserKey) =>
      (await call<AreaProfileResponse>(t, 'GET', `/api/areas/${area}/profile?period=2032`, user)).body.indicators.find(
        (i) => i.indicator.key === 'rent_arrears_notices',
      )!.value;
    // Districts are computed from their neighbourhoods for the profile too.
    expect(await entry('brauck', 'coordinator')).toMatchObject({ value: 31, suppressed: false });
    const districts = (await valuesFor('rent_arrears_notices', '2032', 'viewer')).body.values;
    const neighbourhoods = (await valuesFor('rent_arrears_notices', '2032', 'viewer', 'neighbourhood')).body.values;
    for (const cell of [...districts, ...neighbourhoods]) {
      expect(await entry(cell.areaKey, 'viewer')).toMatchObject({ suppressed: cell.suppressed, value: cell.value });
    }
  });
});
