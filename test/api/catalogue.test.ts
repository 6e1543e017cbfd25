import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CatalogueIndicator, IndicatorSummary, StewardshipCapabilities } from '@lagebild/shared';
import { call } from '../fixtures/imports/client.js';
import { startTestApp, tableCounts, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  for (const user of ['viewer', 'commenter', 'editor', 'coordinator', 'admin'] as const) await t.login(user);
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

const count = {
  key: 'daycare_places',
  name: 'Kita-Plätze',
  nameEn: 'Day-care places',
  definition: 'Genehmigte Plätze in Kindertageseinrichtungen am 1. März.',
  unit: 'Plätze',
  topic: 'family',
  source: 'Jugendamt, Kita-Bedarfsplanung',
  department: '51',
  polarity: 'higher_is_better',
  decimals: 0,
  updateCycle: 'yearly',
  lastUpdate: '2025-03-01',
  kind: 'count',
  suppressionThreshold: null,
  public: false,
};

describe('POST /api/indicators', () => {
  it('creates an indicator with all its metadata, shown in the atlas like any other', async () => {
    const { status, body } = await call<CatalogueIndicator>(t, 'POST', '/api/indicators', 'coordinator', count);
    expect(status).toBe(201);
    expect(body).toMatchObject({
      key: 'daycare_places',
      name: 'Kita-Plätze',
      nameEn: 'Day-care places',
      unit: 'Plätze',
      topic: 'family',
      department: '51',
      polarity: 'higher_is_better',
      decimals: 0,
      updateCycle: 'yearly',
      lastUpdate: '2025-03-01',
      kind: 'count',
      public: false,
      retired: false,
      periods: [],
      valueCount: 0,
      editable: true,
    });
    const atlas = await call<IndicatorSummary>(t, 'GET', '/api/indicators/daycare_places', 'viewer');
    expect(atlas).toMatchObject({ status: 200, body: { name: 'Kita-Plätze', source: 'Jugendamt, Kita-Bedarfsplanung' } });
    expect((await call(t, 'GET', '/api/indicators/daycare_places')).status).toBe(401);
  });

  it('creates a rate naming its numerator and denominator indicators', async () => {
    const rate = {
      ...count,
      key: 'daycare_places_per_100',
      name: 'Kita-Plätze je 100 Kinder',
      unit: 'je 100',
      kind: 'rate',
      rateFactor: 100,
      numeratorLabel: 'Kita-Plätze',
      denominatorLabel: 'Kinder unter 6 Jahren',
      numeratorLabelEn: 'Day-care places',
      denominatorLabelEn: 'Children under 6',
      numeratorIndicator: 'daycare_places',
      denominatorIndicator: 'population',
    };
    const { status, body } = await call<CatalogueIndicator>(t, 'POST', '/api/indicators', 'coordinator', rate);
    expect(status).toBe(201);
    expect(body).toMatchObject({
      kind: 'rate',
      rateFactor: 100,
      numeratorIndicator: 'daycare_places',
      denominatorIndicator: 'population',
      numeratorLabelEn: 'Day-care places',
      denominatorLabelEn: 'Children under 6',
      definitionEn: null,
    });
  });

  it.each([
    ['a rate without factor or denominator', { ...count, key: 'r1', kind: 'rate', numeratorLabel: 'A' }, ['rateFactor', 'denominatorLabel']],
    ['a count with a factor', { ...count, key: 'c1', rateFactor: 100 }, ['rateFactor']],
    [
      'a numerator that is itself a rate',
      { ...count, key: 'r2', kind: 'rate', rateFactor: 100, numeratorIndicator: 'sgb2_rate', denominatorLabel: 'B' },
      ['numeratorIndicator'],
    ],
    ['an unknown topic and department', { ...count, key: 'c2', topic: 'weltraum', department: '99' }, ['topic', 'department']],
    ['a key that is not a key', { ...count, key: 'Kita Plätze!' }, ['key']],
    ['missing fields', { key: 'c3' }, ['name', 'unit', 'topic', 'department', 'polarity', 'kind']],
    ['wrong types', { ...count, key: 'c4', decimals: 'zwei', public: 'ja' }, ['decimals', 'public']],
    ['an unknown field', { ...count, key: 'c5', colour: 'rot' }, ['(body)']],
    ['an index kind', { ...count, key: 'c6', kind: 'index' }, ['kind']],
    ['a name of 10,000 characters', { ...count, key: 'c7', name: 'x'.repeat(10_000) }, ['name']],
    ['a date that is no date', { ...count, key: 'c8', lastUpdate: '31.12.2024' }, ['lastUpdate']],
  ])('refuses %s with the fields named, writing nothing', async (_label, body, fields) => {
    const res = await unchanged(() =>
      call<{ code: string; errors: { field: string; message: string }[] }>(t, 'POST', '/api/indicators', 'coordinator', body),
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e) => e.field)).toEqual(expect.arrayContaining(fields));
    for (const e of res.body.errors) expect(e.message.length).toBeGreaterThan(3);
  });

  it('writes validation messages in each request’s own language, also when requests overlap', async () => {
    type Refusal = { message: string; errors: { field: string; message: string }[] };
    const body = { ...count, key: 'c9', name: '', lastUpdate: '31.12.2024' };
    const [german, english] = await Promise.all(
      ['de-DE', 'en-GB,en;q=0.9'].map((language) => unchanged(() => call<Refusal>(t, 'POST', '/api/indicators', 'coordinator', body, language))),
    );
    const byField = (r: { body: Refusal }) => Object.fromEntries(r.body.errors.map((e) => [e.field, e.message]));
    expect(german!.body.message).toBe('Ungültige Eingabe: name, lastUpdate');
    expect(byField(german!)).toEqual({ name: 'Bitte einen Namen angeben.', lastUpdate: 'Datum als JJJJ-MM-TT.' });
    expect(english!.body.message).toBe('Invalid input: name, lastUpdate');
    expect(byField(english!)).toEqual({ name: 'Please give a name.', lastUpdate: 'Date as YYYY-MM-DD.' });
    // zod's own messages follow too.
    const wrongType = await call<Refusal>(t, 'POST', '/api/indicators', 'coordinator', { ...count, key: 'c10', decimals: 'zwei' }, 'en');
    expect(byField(wrongType).decimals).toMatch(/^Invalid input: expected number/);
  });

  it('refuses malformed JSON and a taken key', async () => {
    const malformed = await unchanged(() => call(t, 'POST', '/api/indicators', 'coordinator', '{"key": '));
    expect(malformed).toMatchObject({ status: 400, body: { code: 'MALFORMED_JSON' } });
    const taken = await unchanged(() => call(t, 'POST', '/api/indicators', 'coordinator', { ...count, key: 'population' }));
    expect(taken).toMatchObject({
      status: 409,
      body: { code: 'INDICATOR_KEY_TAKEN', message: 'Den Schlüssel ‚population‘ gibt es schon. Bitte einen anderen wählen.' },
    });
    const takenEn = await unchanged(() => call(t, 'POST', '/api/indicators', 'coordinator', { ...count, key: 'population' }, 'en'));
    expect(takenEn.body).toMatchObject({ code: 'INDICATOR_KEY_TAKEN', message: 'The key ‘population’ is already taken. Please choose another.' });
  });

  it('lets editors create only for their own department', async () => {
    const own = await call(t, 'POST', '/api/indicators', 'editor', { ...count, key: 'households', name: 'Haushalte', department: '12' });
    expect(own.status).toBe(201);
    const foreign = await unchanged(() => call(t, 'POST', '/api/indicators', 'editor', { ...count, key: 'kita_2' }));
    expect(foreign).toMatchObject({ status: 403, body: { message: expect.stringContaining('Ihres eigenen Amtes') } });
    for (const [user, status] of [
      [undefined, 401],
      ['viewer', 403],
      ['commenter', 403],
    ] as const) {
      expect((await unchanged(() => call(t, 'POST', '/api/indicators', user, { ...count, key: 'kita_3' }))).status).toBe(status);
    }
    expect((await call(t, 'POST', '/api/indicators', 'admin', { ...count, key: 'kita_admin' })).status).toBe(201);
  });
});

describe('PATCH /api/indicators/:key', () => {
  it('keeps English texts next to the German ones, and clears them again', async () => {
    const english = {
      definitionEn: 'Approved places in day-care centres on 1 March.',
      sourceEn: 'Youth office, day-care needs planning',
    };
    const edited = await call<CatalogueIndicator>(t, 'PATCH', '/api/indicators/daycare_places', 'coordinator', english);
    expect(edited).toMatchObject({ status: 200, body: { ...english, definition: count.definition, source: count.source } });
    const atlas = await call<IndicatorSummary>(t, 'GET', '/api/indicators/daycare_places', 'viewer');
    expect(atlas.body).toMatchObject({
      ...english,
      departmentName: 'Amt für Jugend und Familie',
      departmentNameEn: 'Department of Youth and Family',
    });

    const cleared = await call<CatalogueIndicator>(t, 'PATCH', '/api/indicators/daycare_places', 'coordinator', { definitionEn: null });
    expect(cleared.body).toMatchObject({ definitionEn: null, sourceEn: english.sourceEn, definition: count.definition });
    const tooLong = await unchanged(() => call(t, 'PATCH', '/api/indicators/daycare_places', 'coordinator', { sourceEn: 'x'.repeat(1001) }));
    expect(tooLong.status).toBe(400);
  });

  it('edits metadata, and retires and restores an indicator', async () => {
    const edited = await call<CatalogueIndicator>(t, 'PATCH', '/api/indicators/daycare_places', 'coordinator', {
      definition: 'Genehmigte Plätze am 1. März (Stichtag der Bedarfsplanung).',
      public: true,
      suppressionThreshold: 3,
    });
    expect(edited).toMatchObject({ status: 200, body: { public: true, suppressionThreshold: 3, name: 'Kita-Plätze' } });
    expect((await call(t, 'GET', '/api/indicators/daycare_places')).status).toBe(200);

    const retired = await call<CatalogueIndicator>(t, 'PATCH', '/api/indicators/daycare_places', 'coordinator', { retired: true });
    expect(retired.body.retired).toBe(true);
    const atlas = await call<IndicatorSummary[]>(t, 'GET', '/api/indicators', 'viewer');
    expect(atlas.body.map((i) => i.key)).not.toContain('daycare_places');
    const stewardList = await call<CatalogueIndicator[]>(t, 'GET', '/api/stewardship/indicators', 'coordinator');
    expect(stewardList.body.find((i) => i.key === 'daycare_places')).toMatchObject({ retired: true });
    const back = await call<CatalogueIndicator>(t, 'PATCH', '/api/indicators/daycare_places', 'coordinator', { retired: false });
    expect(back.body.retired).toBe(false);
  });

  it('applies the department rule to edits, and keeps editors from giving indicators away', async () => {
    expect((await call(t, 'PATCH', '/api/indicators/population', 'editor', { definition: 'Hauptwohnsitz, Stand 31.12.' })).status).toBe(200);
    const foreign = await unchanged(() => call(t, 'PATCH', '/api/indicators/sgb2_rate', 'editor', { definition: 'x' }));
    expect(foreign).toMatchObject({ status: 403, body: { message: expect.stringContaining('‚SGB-II-Quote‘') } });
    const giveAway = await unchanged(() => call(t, 'PATCH', '/api/indicators/population', 'editor', { department: '50' }));
    expect(giveAway).toMatchObject({ status: 403, body: { message: expect.stringContaining('anderes Amt') } });
    expect((await call(t, 'PATCH', '/api/indicators/population', 'viewer', { definition: 'x' })).status).toBe(403);
    expect((await call(t, 'PATCH', '/api/indicators/population', undefined, { definition: 'x' })).status).toBe(401);
    expect(
      (await call(t, 'PATCH', '/api/indicators/sgb2_rate', 'admin', { definition: 'Anteil der Leistungsberechtigten nach dem SGB II.' })).status,
    ).toBe(200);
  });

  it('keeps the kind of an indicator that has values, and checks rules on the merged result', async () => {
    const locked = await unchanged(() =>
      call(t, 'PATCH', '/api/indicators/population', 'coordinator', { kind: 'rate', rateFactor: 100, numeratorLabel: 'a', denominatorLabel: 'b' }),
    );
    expect(locked).toMatchObject({ status: 409, body: { code: 'KIND_LOCKED' } });
    const merged = await unchanged(() =>
      call<{ errors: { field: string }[] }>(t, 'PATCH', '/api/indicators/daycare_places', 'coordinator', { kind: 'rate' }),
    );
    expect(merged.status).toBe(400);
    expect(merged.body.errors.map((e) => e.field)).toEqual(expect.arrayContaining(['rateFactor']));
    expect((await unchanged(() => call(t, 'PATCH', '/api/indicators/sgb2_rate', 'coordinator', { rateFactor: null }))).status).toBe(400);
  });

  it('refuses unknown indicators, empty and unknown fields', async () => {
    expect(await unchanged(() => call(t, 'PATCH', '/api/indicators/gibt_es_nicht', 'coordinator', { name: 'x' }))).toMatchObject({
      status: 404,
      body: { code: 'INDICATOR_NOT_FOUND' },
    });
    expect((await unchanged(() => call(t, 'PATCH', '/api/indicators/population', 'coordinator', {}))).status).toBe(400);
    expect((await unchanged(() => call(t, 'PATCH', '/api/indicators/population', 'coordinator', { key: 'neu' }))).status).toBe(400);
    expect((await unchanged(() => call(t, 'PATCH', '/api/indicators/Population%20X', 'coordinator', { name: 'x' }))).status).toBe(400);
  });
});

describe('stewardship views', () => {
  it('tells each role what it may do', async () => {
    const caps = async (user: 'viewer' | 'editor' | 'coordinator' | 'admin') =>
      (await call<StewardshipCapabilities>(t, 'GET', '/api/stewardship/capabilities', user)).body;
    expect(await caps('viewer')).toEqual({
      valueImport: false,
      allIndicators: false,
      department: null,
      boundaryImport: false,
      compositeIndex: false,
    });
    expect(await caps('editor')).toEqual({
      valueImport: true,
      allIndicators: false,
      department: { code: '12', name: 'Statistikstelle (Stadtentwicklung und Statistik)' },
      boundaryImport: false,
      compositeIndex: false,
    });
    expect(await caps('coordinator')).toMatchObject({ valueImport: true, allIndicators: true, boundaryImport: true, compositeIndex: true });
    expect(await caps('admin')).toMatchObject({ valueImport: true, allIndicators: true });
    expect((await call(t, 'GET', '/api/stewardship/capabilities')).status).toBe(401);
  });

  it('lists the catalogue for stewards with what each may edit', async () => {
    const editor = await call<CatalogueIndicator[]>(t, 'GET', '/api/stewardship/indicators', 'editor');
    expect(editor.body.find((i) => i.key === 'population')).toMatchObject({ editable: true, valueCount: expect.any(Number) });
    expect(editor.body.find((i) => i.key === 'sgb2_rate')).toMatchObject({ editable: false });
    expect((await call(t, 'GET', '/api/stewardship/indicators', 'viewer')).status).toBe(403);
  });
});
