import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AreaFeatureCollection, AreaProfileResponse, IndicatorSummary, IndicatorValuesResponse } from '@lagebild/shared';
import { GLADBECK_DISTRICTS, GLADBECK_INDICATORS, generateGladbeckValues } from '../../seeds/gladbeck/index.js';
import { DEMO_USERS } from '../../seeds/index.js';
import { startTestApp, type DemoUserKey, type TestApp } from '../helpers/app.js';

let t: TestApp;
const seedValues = generateGladbeckValues();
const seedValue = (indicatorKey: string, areaKey: string, period: string) =>
  seedValues.find((v) => v.indicatorKey === indicatorKey && v.areaKey === areaKey && v.period === period);

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

async function get<T>(path: string, user?: DemoUserKey): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = user ? { authorization: `Bearer ${await t.login(user)}` } : {};
  const response = await fetch(`${t.baseUrl}${path}`, { headers });
  return { status: response.status, body: (await response.json()) as T };
}

describe('GET /api/areas', () => {
  it('returns the ten Stadtbezirke as a GeoJSON FeatureCollection keyed by area key', async () => {
    const { status, body } = await get<AreaFeatureCollection>('/api/areas?level=district');
    expect(status).toBe(200);
    expect(body.type).toBe('FeatureCollection');
    expect(body.features).toHaveLength(10);
    expect(body.features.map((f) => f.properties.name).sort()).toEqual(GLADBECK_DISTRICTS.map((d) => d.name).sort());
    for (const feature of body.features) {
      expect(feature.id).toBe(feature.properties.key);
      expect(feature.properties).toMatchObject({ level: 'district', parentKey: 'gladbeck' });
      expect(feature.geometry?.type).toMatch(/Polygon/);
      expect(feature.properties.geometrySource).toMatch(/Demo-Geometrie/);
    }
  });

  it('includes the city when no level is given, and rejects an unknown level with a field list', async () => {
    const all = await get<AreaFeatureCollection>('/api/areas');
    expect(all.body.features.map((f) => f.id)).toContain('gladbeck');
    expect(all.body.features).toHaveLength(11);
    const bad = await get<{ code: string; errors: { field: string }[] }>('/api/areas?level=planet');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.field)).toEqual(['level']);
  });
});

describe('GET /api/indicators', () => {
  it('shows the public only public indicators, and members all of them', async () => {
    const publicList = await get<IndicatorSummary[]>('/api/indicators');
    const memberList = await get<IndicatorSummary[]>('/api/indicators', 'viewer');
    const expectedPublic = GLADBECK_INDICATORS.filter((i) => i.isPublic)
      .map((i) => i.key)
      .sort();
    expect(publicList.body.map((i) => i.key).sort()).toEqual(expectedPublic);
    expect(publicList.body.every((i) => i.public)).toBe(true);
    expect(memberList.body).toHaveLength(GLADBECK_INDICATORS.length);
  });

  it('describes each indicator with the contract fields and its periods', async () => {
    const { body } = await get<IndicatorSummary[]>('/api/indicators', 'viewer');
    const sgb2 = body.find((i) => i.key === 'sgb2_rate')!;
    expect(sgb2).toMatchObject({
      name: expect.any(String),
      unit: '%',
      topic: 'labour_poverty',
      public: true,
      polarity: 'higher_is_worse',
      source: expect.stringMatching(/[Ss]ynthetisch/),
    });
    expect(sgb2.periods).toEqual(['2013', '2014', '2015', '2016', '2017', '2018', '2019', '2020', '2021', '2022', '2023', '2024']);
    const population = body.find((i) => i.key === 'population')!;
    expect(population.periods[0]).toBe('2012');
  });
});

describe('GET /api/indicators/:key/values', () => {
  it('returns every district with its value and the city as reference', async () => {
    const { status, body } = await get<IndicatorValuesResponse>('/api/indicators/population/values?period=2012&level=district');
    expect(status).toBe(200);
    expect(body.period).toBe('2012');
    expect(body.indicator.key).toBe('population');
    expect(body.values).toHaveLength(10);
    for (const district of GLADBECK_DISTRICTS) {
      expect(body.values.find((v) => v.areaKey === district.key)).toMatchObject({ value: district.population2012, suppressed: false });
    }
    expect(body.reference).toMatchObject({ areaKey: 'gladbeck', value: 75_721, suppressed: false });
  });

  it('defaults to the latest period and reports values exactly as stored', async () => {
    const { body } = await get<IndicatorValuesResponse>('/api/indicators/sgb2_rate/values');
    expect(body.period).toBe('2024');
    for (const v of body.values) {
      if (v.suppressed) continue;
      expect(v.value).toBe(seedValue('sgb2_rate', v.areaKey, '2024')!.value);
    }
    expect(body.reference!.value).toBe(seedValue('sgb2_rate', 'gladbeck', '2024')!.value);
  });

  describe('suppression of small counts', () => {
    const suppressible = GLADBECK_INDICATORS.filter((i) => i.suppressionThreshold !== null);
    const countOf = (indicatorKey: string, areaKey: string, period: string) => {
      const v = seedValue(indicatorKey, areaKey, period)!;
      return v.numerator ?? v.value;
    };

    it('hides every cell below the threshold from commenters and viewers, and never leaves exactly one hidden', async () => {
      let primary = 0;
      for (const indicator of suppressible) {
        for (const period of ['2015', '2020', '2024']) {
          for (const user of ['viewer', 'commenter'] as const) {
            const { body } = await get<IndicatorValuesResponse>(`/api/indicators/${indicator.key}/values?period=${period}`, user);
            const hidden = body.values.filter((v) => v.suppressed);
            expect(hidden.length).not.toBe(1);
            for (const v of body.values) {
              const count = countOf(indicator.key, v.areaKey, period);
              if (count < indicator.suppressionThreshold!) {
                primary++;
                expect(v).toMatchObject({ value: null, suppressed: true });
              }
              if (v.suppressed) {
                expect(v.value).toBeNull();
                expect(v).not.toHaveProperty('numerator');
              } else {
                expect(v.value).toBe(seedValue(indicator.key, v.areaKey, period)!.value);
              }
            }
          }
        }
      }
      // The demo data must actually exercise suppression.
      expect(primary).toBeGreaterThan(5);
    });

    it('applies the same suppression to the public atlas', async () => {
      const publicSuppressible = suppressible.filter((i) => i.isPublic);
      for (const indicator of publicSuppressible) {
        const anonymous = await get<IndicatorValuesResponse>(`/api/indicators/${indicator.key}/values?period=2020`);
        const viewer = await get<IndicatorValuesResponse>(`/api/indicators/${indicator.key}/values?period=2020`, 'viewer');
        expect(anonymous.body.values).toEqual(viewer.body.values);
      }
    });

    it('shows coordinators and editors the raw values, with numerator and denominator for rates', async () => {
      for (const user of ['editor', 'coordinator'] as const) {
        const { body } = await get<IndicatorValuesResponse>('/api/indicators/refugees_municipal_housing/values?period=2020', user);
        for (const v of body.values) {
          expect(v.suppressed).toBe(false);
          expect(v.value).toBe(seedValue('refugees_municipal_housing', v.areaKey, '2020')!.value);
        }
        const rate = await get<IndicatorValuesResponse>('/api/indicators/sgb2_children_under_15_share/values?period=2020', user);
        for (const v of rate.body.values) {
          const seed = seedValue('sgb2_children_under_15_share', v.areaKey, '2020')!;
          expect(v).toMatchObject({ value: seed.value, numerator: seed.numerator, denominator: seed.denominator });
        }
      }
    });
  });

  it('answers unknown keys and periods with 404 and a message that lists what exists', async () => {
    const unknown = await get<{ code: string; message: string }>('/api/indicators/no_such_indicator/values');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('INDICATOR_NOT_FOUND');
    const period = await get<{ code: string; message: string }>('/api/indicators/sgb2_rate/values?period=1999');
    expect(period.status).toBe(404);
    expect(period.body.code).toBe('PERIOD_NOT_FOUND');
    expect(period.body.message).toContain('2024');
    expect(period.body.message).toMatch(/^Für „SGB-II-Quote“ gibt es keine Werte für 1999\./);
    // A client that prefers English gets the message in English; the code stays the same.
    const english = await fetch(`${t.baseUrl}/api/indicators/sgb2_rate/values?period=1999`, { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(english.status).toBe(404);
    expect(await english.json()).toMatchObject({
      code: 'PERIOD_NOT_FOUND',
      message: expect.stringMatching(/^“.+” has no values for 1999\. Available: .*2024\.$/),
    });
  });

  it('rejects malformed parameters with 400', async () => {
    for (const path of [
      '/api/indicators/sgb2_rate/values?period=gestern',
      '/api/indicators/sgb2_rate/values?level=planet',
      '/api/indicators/Bad%20Key/values',
    ]) {
      const { status, body } = await get<{ code: string; errors: unknown[] }>(path);
      expect(status).toBe(400);
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.errors.length).toBeGreaterThan(0);
    }
  });

  it('asks anonymous callers to log in for a non-public indicator, and refuses logged-in non-members', async () => {
    const anonymous = await get<{ code: string }>('/api/indicators/child_protection_cases_per_1000/values');
    expect(anonymous.status).toBe(401);
    const adminToken = await t.login('admin');
    const created = await fetch(`${t.baseUrl}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ email: 'extern@gladbeck.example', displayName: 'Extern', password: 'extern-password-1' }),
    });
    expect(created.status).toBe(201);
    const login = await fetch(`${t.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'extern@gladbeck.example', password: 'extern-password-1' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const outsider = await fetch(`${t.baseUrl}/api/indicators/child_protection_cases_per_1000/values`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(outsider.status).toBe(403);
    const list = (await (
      await fetch(`${t.baseUrl}/api/indicators`, { headers: { authorization: `Bearer ${accessToken}` } })
    ).json()) as IndicatorSummary[];
    expect(list.every((i) => i.public)).toBe(true);
  });
});

describe('GET /api/areas/:key/profile', () => {
  it('lists every visible indicator for the area with the city reference and a series, consistent with the map values', async () => {
    const { status, body } = await get<AreaProfileResponse>('/api/areas/schultendorf/profile?period=2020', 'viewer');
    expect(status).toBe(200);
    expect(body.area).toMatchObject({ key: 'schultendorf', name: 'Schultendorf', level: 'district' });
    expect(body.referenceArea).toEqual({ key: 'gladbeck', name: 'Gladbeck' });
    expect(body.indicators).toHaveLength(GLADBECK_INDICATORS.length);
    for (const entry of body.indicators) {
      const values = await get<IndicatorValuesResponse>(`/api/indicators/${entry.indicator.key}/values?period=2020`, 'viewer');
      if (!entry.indicator.periods.includes('2020')) continue;
      const own = values.body.values.find((v) => v.areaKey === 'schultendorf')!;
      expect(entry.value).toMatchObject({ value: own.value, suppressed: own.suppressed });
      expect(entry.reference).toMatchObject({ areaKey: 'gladbeck', value: values.body.reference!.value });
      expect(entry.series.map((s) => s.period)).toEqual(entry.indicator.periods);
    }
  });

  it("shows the public only public indicators and uses each indicator's latest period by default", async () => {
    const { body } = await get<AreaProfileResponse>('/api/areas/brauck/profile');
    expect(body.indicators.every((e) => e.indicator.public)).toBe(true);
    const sgb2 = body.indicators.find((e) => e.indicator.key === 'sgb2_rate')!;
    expect(sgb2.period).toBe('2024');
    expect(sgb2.value!.value).toBe(seedValue('sgb2_rate', 'brauck', '2024')!.value);
  });

  it('answers an unknown area with 404', async () => {
    const { status, body } = await get<{ code: string }>('/api/areas/atlantis/profile');
    expect(status).toBe(404);
    expect(body.code).toBe('AREA_NOT_FOUND');
  });
});

describe('demo users', () => {
  it('are members of the demo workspace with the contract roles', async () => {
    for (const key of ['coordinator', 'editor', 'commenter', 'viewer'] as const) {
      const { body } = await get<{ name: string; role: string }[]>('/api/workspaces', key);
      expect(body).toEqual([{ id: expect.any(String), name: 'Strategiegruppe Integrierte Sozialplanung', role: DEMO_USERS[key].role }]);
    }
    expect((await get<unknown[]>('/api/workspaces', 'admin')).body).toEqual([]);
  });
});
