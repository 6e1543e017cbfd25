import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ImportHistoryEntry, IndexPreview, IndexSummary, IndicatorSummary, IndicatorValuesResponse } from '@lagebild/shared';
import { call } from '../fixtures/imports/client.js';
import { startTestApp, tableCounts, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  for (const user of ['viewer', 'editor', 'coordinator', 'admin'] as const) await t.login(user);
});
afterAll(async () => {
  await t.close();
});

async function unchanged<T>(request: () => Promise<T>): Promise<T> {
  const before = await tableCounts(t.dataSource);
  const result = await request();
  expect(await tableCounts(t.dataSource)).toEqual(before);
  return result;
}

const definition = {
  key: 'sozialindex',
  name: 'Sozialindex Gladbeck',
  description: 'Soziale Lage der Stadtbezirke nach dem Berliner Verfahren.',
  nameEn: 'Social index Gladbeck',
  descriptionEn: 'Social situation of the districts, following the Berlin method.',
  topic: 'labour_poverty',
  public: true,
  components: [
    { indicator: 'sgb2_rate', weight: 2 },
    { indicator: 'unemployment_share_15_64', weight: 1 },
    { indicator: 'sgb2_children_under_15_share', weight: 1 },
    { indicator: 'daycare_coverage_under_3', weight: 1 },
  ],
  dynamics: { from: '2019', to: '2024' },
};

describe('POST /api/indices/preview', () => {
  it('computes standardised status and dynamics indices with classes, writing nothing', async () => {
    const { status, body } = await unchanged(() => call<IndexPreview>(t, 'POST', '/api/indices/preview', 'coordinator', definition));
    expect(status).toBe(200);
    expect(body.period).toBe('2024');
    expect(body.periods[0]).toBe('2013');
    expect(body.rows).toHaveLength(10);
    const statuses = body.rows.map((r) => r.status!);
    const mean = statuses.reduce((s, v) => s + v, 0) / statuses.length;
    const sd = Math.sqrt(statuses.reduce((s, v) => s + (v - mean) ** 2, 0) / statuses.length);
    expect(Math.abs(mean)).toBeLessThan(1e-3);
    expect(sd).toBeCloseTo(1, 3);
    for (const row of body.rows) {
      const expected = row.status! > 1.5 ? 4 : row.status! > 1 ? 3 : row.status! > -1 ? 2 : 1;
      expect(row.statusClass).toBe(expected);
      expect([1, 2, 3]).toContain(row.dynamicsClass);
    }
    // Brauck has the highest SGB II figures of the demo city: it must rank among the most disadvantaged.
    const ranked = [...body.rows].sort((a, b) => b.status! - a.status!).map((r) => r.areaKey);
    expect(ranked.slice(0, 3)).toContain('brauck');
  });

  it('needs a direction for neutral indicators', async () => {
    const neutral = { ...definition, components: [...definition.components, { indicator: 'foreign_nationals_share', weight: 1 }] };
    const refused = await call<{ errors: { field: string; message: string }[] }>(t, 'POST', '/api/indices/preview', 'coordinator', neutral);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      {
        field: 'components.4.direction',
        message: 'Für ‚Anteil Ausländerinnen und Ausländer‘ bitte angeben, ob ein höherer Wert mehr oder weniger Benachteiligung bedeutet.',
      },
    ]);
    // A field's problem found by the service (not the schema) speaks English too, with the indicator's English name.
    const english = await call<{ message: string; errors: { field: string; message: string }[] }>(
      t,
      'POST',
      '/api/indices/preview',
      'coordinator',
      neutral,
      'en',
    );
    expect(english.body).toMatchObject({
      message: 'Invalid input: components.4.direction',
      errors: [
        {
          field: 'components.4.direction',
          message: 'For ‘Share of foreign nationals’, please say whether a higher value means more or less disadvantage.',
        },
      ],
    });
    neutral.components[4] = { indicator: 'foreign_nationals_share', weight: 1, direction: 'higher_is_worse' } as (typeof neutral.components)[number];
    expect((await call(t, 'POST', '/api/indices/preview', 'coordinator', neutral)).status).toBe(200);
  });

  it.each([
    ['one component only', { ...definition, components: [definition.components[0]] }, 'components'],
    ['a component twice', { ...definition, components: [definition.components[0], definition.components[0]] }, 'components.1.indicator'],
    ['a weight of zero', { ...definition, components: [{ indicator: 'sgb2_rate', weight: 0 }, definition.components[1]] }, 'components.0.weight'],
    [
      'an unknown indicator',
      { ...definition, components: [{ indicator: 'gibt_es_nicht', weight: 1 }, definition.components[1]] },
      'components.0.indicator',
    ],
    ['periods in the wrong order', { ...definition, dynamics: { from: '2024', to: '2019' } }, 'dynamics.to'],
    ['thresholds not ascending', { ...definition, statusThresholds: [1, -1, 2] }, 'statusThresholds'],
    ['an unknown topic', { ...definition, topic: 'mond' }, 'topic'],
    ['the city as level', { ...definition, level: 'city' }, 'level'],
    ['an unknown field', { ...definition, colour: 'rot' }, '(body)'],
  ])('refuses %s', async (_label, body, field) => {
    const res = await unchanged(() => call<{ errors: { field: string }[] }>(t, 'POST', '/api/indices/preview', 'coordinator', body));
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e) => e.field)).toContain(field);
  });

  it('is for coordinators only', async () => {
    expect((await call(t, 'POST', '/api/indices/preview', undefined, definition)).status).toBe(401);
    expect((await call(t, 'POST', '/api/indices/preview', 'viewer', definition)).status).toBe(403);
    const editor = await call(t, 'POST', '/api/indices/preview', 'editor', definition);
    expect(editor).toMatchObject({ status: 403, body: { message: 'Sozialindizes bearbeiten darf nur die Koordination.' } });
    expect(await call(t, 'POST', '/api/indices/preview', 'editor', definition, 'en')).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN', message: 'Only the coordination may edit social indices.' },
    });
    expect(await call(t, 'POST', '/api/indices/preview', undefined, definition, 'en')).toMatchObject({
      status: 401,
      body: { code: 'UNAUTHENTICATED', message: 'Please log in.' },
    });
    expect((await call(t, 'POST', '/api/indices/preview', 'admin', definition)).status).toBe(200);
  });
});

describe('POST /api/indices', () => {
  let created: IndexSummary;

  it('stores the index as derived indicators that the atlas shows like any other', async () => {
    const preview = await call<IndexPreview>(t, 'POST', '/api/indices/preview', 'coordinator', definition);
    const res = await call<IndexSummary>(t, 'POST', '/api/indices', 'coordinator', definition);
    expect(res.status).toBe(201);
    created = res.body;
    expect(created).toMatchObject({
      key: 'sozialindex',
      indicators: {
        status: 'sozialindex_status',
        statusClass: 'sozialindex_status_class',
        dynamics: 'sozialindex_dynamics',
        dynamicsClass: 'sozialindex_dynamics_class',
      },
      dynamics: { from: '2019', to: '2024' },
    });
    expect(created.periods).toEqual(preview.body.periods);
    expect(created.components.map((c) => c.direction)).toEqual(['higher_is_worse', 'higher_is_worse', 'higher_is_worse', 'higher_is_better']);

    const list = await call<IndicatorSummary[]>(t, 'GET', '/api/indicators');
    const status = list.body.find((i) => i.key === 'sozialindex_status')!;
    expect(status).toMatchObject({
      kind: 'index',
      name: 'Sozialindex Gladbeck – Statusindex',
      unit: 'z-Wert',
      public: true,
      polarity: 'higher_is_worse',
    });
    expect(status.source).toContain('SGB-II-Quote (Gewicht 2, höher = ungünstiger)');
    expect(status.sourceEn).toContain('Basic income support (SGB II) rate (weight 2, higher = less favourable)');
    expect(status.definitionEn).toContain('z-standardised per period');
    // The steward's own texts in both languages: German for the record, English for English pages.
    expect(status.nameEn).toBe('Social index Gladbeck – status index');
    expect(status.definition).toMatch(/^Soziale Lage der Stadtbezirke nach dem Berliner Verfahren\. Jeder Indikator/);
    expect(status.definitionEn).toMatch(/^Social situation of the districts, following the Berlin method\. Each indicator/);
    expect(created).toMatchObject({
      nameEn: 'Social index Gladbeck',
      descriptionEn: 'Social situation of the districts, following the Berlin method.',
    });
    const statusClass = list.body.find((i) => i.key === 'sozialindex_status_class')!;
    expect(statusClass.definitionEn).toContain('1 = high, 2 = medium, 3 = low, 4 = very low');

    const values = await call<IndicatorValuesResponse>(t, 'GET', '/api/indicators/sozialindex_status/values?period=2024');
    expect(values.status).toBe(200);
    for (const row of preview.body.rows) expect(values.body.values.find((v) => v.areaKey === row.areaKey)!.value).toBeCloseTo(row.status!, 2);
    // An index is never summed up to the city.
    expect(values.body.reference).toMatchObject({ value: null, computed: false });
    const classes = await call<IndicatorValuesResponse>(t, 'GET', '/api/indicators/sozialindex_status_class/values?period=2024');
    for (const row of preview.body.rows) expect(classes.body.values.find((v) => v.areaKey === row.areaKey)!.value).toBe(row.statusClass);
    const dynamics = await call<IndicatorValuesResponse>(t, 'GET', '/api/indicators/sozialindex_dynamics_class/values');
    expect(dynamics.body.period).toBe('2024');
  });

  it('records the computation as an import that can be rolled back', async () => {
    const history = await call<ImportHistoryEntry[]>(t, 'GET', '/api/imports?kind=index', 'coordinator');
    expect(history.body).toHaveLength(1);
    expect(history.body[0]).toMatchObject({ id: created.importId, fileName: 'Sozialindex „Sozialindex Gladbeck“', status: 'committed' });
    expect((await call(t, 'POST', `/api/imports/${created.importId}/rollback`, 'editor')).status).toBe(403);

    const recomputed = await call<IndexSummary>(t, 'POST', `/api/indices/${created.id}/recompute`, 'coordinator');
    expect(recomputed.status).toBe(200);
    const again = await call<ImportHistoryEntry[]>(t, 'GET', '/api/imports?kind=index', 'coordinator');
    expect(again.body[0]).toMatchObject({ created: 0, updated: 0 });
    expect(again.body[0]!.unchanged).toBeGreaterThan(0);

    const undo = await call(t, 'POST', `/api/imports/${recomputed.body.importId}/rollback`, 'coordinator');
    expect(undo.status).toBe(200);
  });

  it('updates the definition and recomputes, removing cells that no longer exist', async () => {
    // Also without the English texts: English pages then fall back to the German ones.
    const withoutDynamics = { ...definition, nameEn: '', descriptionEn: '', dynamics: null, components: definition.components.slice(0, 3) };
    const res = await call<IndexSummary>(t, 'PUT', `/api/indices/${created.id}`, 'coordinator', withoutDynamics);
    expect(res.status).toBe(200);
    expect(res.body.dynamics).toBeNull();
    expect(res.body).toMatchObject({ nameEn: null, descriptionEn: null });
    const status = (await call<IndicatorSummary[]>(t, 'GET', '/api/indicators', 'viewer')).body.find((i) => i.key === 'sozialindex_status')!;
    expect(status.nameEn).toBe('Sozialindex Gladbeck – status index');
    expect(status.definitionEn).toMatch(/^Soziale Lage der Stadtbezirke nach dem Berliner Verfahren\. Each indicator/);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id WHERE i.key = 'sozialindex_dynamics'`,
    );
    expect(n).toBe(0);
    const retired = await call<IndicatorSummary[]>(t, 'GET', '/api/indicators', 'viewer');
    expect(retired.body.map((i) => i.key)).not.toContain('sozialindex_dynamics');
    const list = await call<IndexSummary[]>(t, 'GET', '/api/indices', 'coordinator');
    expect(list.body.map((i) => i.key)).toEqual(['sozialindex']);
  });

  it('refuses a taken key, a changed key, unknown ids and other roles, writing nothing', async () => {
    expect(await unchanged(() => call(t, 'POST', '/api/indices', 'coordinator', definition))).toMatchObject({
      status: 409,
      body: { code: 'INDEX_KEY_TAKEN' },
    });
    expect(await unchanged(() => call(t, 'PUT', `/api/indices/${created.id}`, 'coordinator', { ...definition, key: 'anders' }))).toMatchObject({
      status: 400,
    });
    expect(await unchanged(() => call(t, 'PUT', '/api/indices/00000000-0000-4000-8000-000000000000', 'coordinator', definition))).toMatchObject({
      status: 404,
      body: { code: 'INDEX_NOT_FOUND' },
    });
    expect((await unchanged(() => call(t, 'POST', '/api/indices', 'editor', { ...definition, key: 'x2' }))).status).toBe(403);
    expect((await unchanged(() => call(t, 'GET', '/api/indices', 'viewer'))).status).toBe(403);
    const empty = await unchanged(() =>
      call(t, 'POST', '/api/indices', 'coordinator', {
        ...definition,
        key: 'leer',
        level: 'neighbourhood',
      }),
    );
    expect(empty).toMatchObject({
      status: 422,
      body: { code: 'INDEX_NOT_COMPUTABLE', message: expect.stringContaining('Der Index lässt sich für keinen Zeitraum berechnen.') },
    });
    // The builder's preview and the refusal speak the page's language.
    const neighbourhoods = { ...definition, key: 'leer', level: 'neighbourhood' };
    const previewEn = await call<IndexPreview>(t, 'POST', '/api/indices/preview', 'coordinator', neighbourhoods, 'en');
    expect(previewEn.body.warnings).toEqual([
      'There is no period in which at least three areas have values for all chosen indicators.',
      'Values for the dynamics index 2019–2024 are missing; it is not computed.',
    ]);
    const emptyEn = await unchanged(() => call(t, 'POST', '/api/indices', 'coordinator', neighbourhoods, 'en'));
    expect(emptyEn.body).toMatchObject({
      code: 'INDEX_NOT_COMPUTABLE',
      message:
        'The index cannot be computed for any period. There is no period in which at least three areas have values for all chosen indicators. ' +
        'Values for the dynamics index 2019–2024 are missing; it is not computed.',
    });
  });
});
