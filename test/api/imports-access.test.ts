import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SavedMapping } from '@lagebild/shared';
import { call, fixture, upload } from '../fixtures/imports/client.js';
import { startTestApp, tableCounts, type DemoUserKey, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  // Sessions are rows too: log everyone in first, so "nothing written" compares like with like.
  for (const user of ['viewer', 'commenter', 'editor', 'coordinator', 'admin'] as const) await t.login(user);
});
afterAll(async () => {
  await t.close();
});

const mapping = { areaColumn: 'Gebiet', periodColumn: 'Jahr', indicatorColumn: 'Indikator', valueColumn: 'Wert' };
const csv = (indicator: string, value = '12') => Buffer.from(`Gebiet;Jahr;Indikator;Wert\nBrauck;2031;${indicator};${value}\n`);
const importAs = (user: DemoUserKey | undefined, indicator: string, dryRun = 'true') =>
  upload(t, '/api/imports/values', { user, file: { name: 'werte.csv', bytes: csv(indicator) }, fields: { layout: 'long', mapping, dryRun } });

/** Runs the request and checks that no table changed. */
async function unchanged<T>(request: () => Promise<T>): Promise<T> {
  const before = await tableCounts(t.dataSource);
  const result = await request();
  expect(await tableCounts(t.dataSource)).toEqual(before);
  return result;
}

describe('authorization matrix: value imports', () => {
  it('asks anonymous callers to log in, before reading the upload', async () => {
    const res = await unchanged(() => importAs(undefined, 'population', 'false'));
    expect(res).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED', message: 'Anmeldung erforderlich.' } });
  });

  it.each(['viewer', 'commenter'] as const)('refuses the %s role', async (user) => {
    const res = await unchanged(() => importAs(user, 'population', 'false'));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('Koordination und die Bearbeitung des zuständigen Amtes') });
  });

  it('lets an editor import the indicators of their own department (Statistikstelle: population)', async () => {
    const res = await importAs('editor', 'population', 'false');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1, errors: [] });
  });

  it("refuses an editor another department's indicator, naming it, even in a dry run", async () => {
    for (const dryRun of ['true', 'false']) {
      const res = await unchanged(() => importAs('editor', 'sgb2_rate', dryRun));
      expect(res.status).toBe(403);
      expect(res.body.message).toBe(
        'Sie dürfen nur Indikatoren Ihres Amtes pflegen. Nicht erlaubt: ‚SGB-II-Quote‘. Bitte die Koordination oder das zuständige Amt um den Import bitten.',
      );
    }
  });

  it.each(['coordinator', 'admin'] as const)('lets the %s import any indicator', async (user) => {
    const res = await importAs(user, 'sgb2_rate', 'true');
    expect(res).toMatchObject({ status: 200, body: { created: 1, errors: [] } });
  });

  it('applies the same rules to the preview and the history', async () => {
    const file = { name: 'werte.csv', bytes: csv('population') };
    expect((await upload(t, '/api/imports/values/preview', { file })).status).toBe(401);
    expect((await upload(t, '/api/imports/values/preview', { user: 'viewer', file })).status).toBe(403);
    expect((await upload(t, '/api/imports/values/preview', { user: 'editor', file })).status).toBe(200);
    expect((await call(t, 'GET', '/api/imports')).status).toBe(401);
    expect((await call(t, 'GET', '/api/imports', 'commenter')).status).toBe(403);
    expect((await call(t, 'GET', '/api/imports', 'editor')).status).toBe(200);
    for (const query of ['limit=0', 'limit=100000', 'limit=viele', 'kind=planet']) {
      const bad = await call<{ code: string }>(t, 'GET', `/api/imports?${query}`, 'editor');
      expect(bad).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    }
  });

  it("lets an editor roll back only imports of their department's indicators", async () => {
    const foreign = await importAs('coordinator', 'sgb2_rate', 'false');
    const own = await importAs('editor', 'share_under_6', 'false');
    expect(own.status).toBe(200);
    const refused = await unchanged(() => call(t, 'POST', `/api/imports/${foreign.body.importId}/rollback`, 'editor'));
    expect(refused).toMatchObject({ status: 403, body: { message: expect.stringContaining('‚SGB-II-Quote‘') } });
    expect((await call(t, 'POST', `/api/imports/${foreign.body.importId}/rollback`, 'viewer')).status).toBe(403);
    expect((await call(t, 'POST', `/api/imports/${foreign.body.importId}/rollback`)).status).toBe(401);
    expect((await call(t, 'POST', `/api/imports/${own.body.importId}/rollback`, 'editor')).status).toBe(200);
    expect((await call(t, 'POST', `/api/imports/${foreign.body.importId}/rollback`, 'admin')).status).toBe(200);
  });
});

describe('authorization matrix: boundary imports', () => {
  const file = () => ({ name: 'bezirke.geojson', bytes: fixture('stadtbezirke-epsg25832.geojson') });
  const fields = { level: 'district', keyProperty: 'STBZ_NAME', nameProperty: 'STBZ_NAME' };

  it.each([
    [undefined, 401],
    ['viewer', 403],
    ['commenter', 403],
    ['editor', 403],
  ] as const)('refuses %s with %i and writes nothing', async (user, status) => {
    const res = await unchanged(() => upload(t, '/api/imports/areas', { user, file: file(), fields: { ...fields, dryRun: 'false' } }));
    expect(res.status).toBe(status);
    if (status === 403) expect(res.body.message).toBe('Gebietsgrenzen importieren darf nur die Koordination.');
    expect((await upload(t, '/api/imports/areas/preview', { user, file: file() })).status).toBe(status);
  });

  it.each(['coordinator', 'admin'] as const)('lets the %s import boundaries', async (user) => {
    const res = await upload(t, '/api/imports/areas', { user, file: file(), fields });
    expect(res).toMatchObject({ status: 200, body: { dryRun: true, errors: [] } });
  });
});

describe('bad input writes nothing and says why', () => {
  const good = { layout: 'long', mapping };
  const file = { name: 'werte.csv', bytes: csv('population') };

  it('needs a file', async () => {
    const res = await unchanged(() => upload(t, '/api/imports/values', { user: 'coordinator', fields: { ...good, dryRun: 'false' } }));
    expect(res).toMatchObject({ status: 400, body: { code: 'FILE_MISSING', message: 'Bitte eine Datei auswählen (Feld „file“).' } });
    const english = await upload(t, '/api/imports/values', { user: 'coordinator', fields: good, language: 'en' });
    expect(english).toMatchObject({ status: 400, body: { code: 'FILE_MISSING', message: 'Please choose a file (field “file”).' } });
  });

  it('needs multipart, not JSON', async () => {
    const res = await unchanged(() => call(t, 'POST', '/api/imports/values', 'coordinator', { ...good, dryRun: false }));
    expect(res).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', message: expect.stringContaining('multipart/form-data') } });
  });

  it.each([
    ['mapping that is not JSON', { ...good, mapping: '{areaColumn: Gebiet' }, 'mapping'],
    ['mapping with wrong types', { ...good, mapping: { areaColumn: 42, periodColumn: ['Jahr'] } }, 'mapping.areaColumn'],
    ['unknown layout', { ...good, layout: 'diagonal' }, 'layout'],
    ['unknown field', { ...good, extra: 'x' }, '(body)'],
    ['dryRun that is not a boolean', { ...good, dryRun: 'vielleicht' }, 'dryRun'],
    ['a period and a period column at once', { ...good, mapping: { ...mapping, period: '2024' } }, 'mapping.periodColumn'],
    ['a long layout without a value column', { ...good, mapping: { ...mapping, valueColumn: undefined } }, 'mapping.valueColumn'],
    ['a column used twice', { ...good, mapping: { ...mapping, valueColumn: 'Jahr' } }, 'mapping.valueColumn'],
    ['a huge mapping', { ...good, mapping: 'x'.repeat(150_000) }, undefined],
    [
      'an unknown indicator key in wide columns',
      { layout: 'wide', mapping: { areaColumn: 'Gebiet', periodColumn: 'Jahr', columns: { Wert: 'Not A Key' } } },
      'mapping.columns.Wert',
    ],
  ])('refuses %s', async (_label, fields, field) => {
    const res = await unchanged(() =>
      upload(t, '/api/imports/values', {
        user: 'coordinator',
        file,
        fields: { ...fields, dryRun: (fields as { dryRun?: string }).dryRun ?? 'false' },
      }),
    );
    expect(res.status).toBe(400);
    expect(typeof res.body.message).toBe('string');
    if (field) expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
  });

  it('names the problems of an upload’s fields in the request’s language (validated after the upload is read)', async () => {
    const fields = { ...good, mapping: '{areaColumn: Gebiet', dryRun: 'false' };
    const english = await unchanged(() => upload(t, '/api/imports/values', { user: 'coordinator', file, fields, language: 'en' }));
    expect(english.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'Invalid input: mapping',
      errors: [{ field: 'mapping', message: 'Not valid JSON.' }],
    });
    const german = await unchanged(() => upload(t, '/api/imports/values', { user: 'coordinator', file, fields }));
    expect(german.body).toMatchObject({ message: 'Ungültige Eingabe: mapping', errors: [{ field: 'mapping', message: 'Kein gültiges JSON.' }] });
  });

  it('refuses two files', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(csv('population'))]), 'a.csv');
    form.append('file', new Blob([new Uint8Array(csv('population'))]), 'b.csv');
    form.set('layout', 'long');
    form.set('mapping', JSON.stringify(mapping));
    const res = await unchanged(() =>
      t
        .login('coordinator')
        .then((token) => fetch(`${t.baseUrl}/api/imports/values`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } })),
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'UPLOAD_INVALID', message: 'Bitte genau eine Datei im Feld „file“ senden.' });
  });

  it('answers 413 with the limit above 50 MB, and nothing is written', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024 + 1, 0x41);
    const res = await unchanged(() =>
      upload(t, '/api/imports/values', { user: 'coordinator', file: { name: 'riesig.csv', bytes: big }, fields: { ...good, dryRun: 'false' } }),
    );
    expect(res).toMatchObject({
      status: 413,
      body: { code: 'FILE_TOO_LARGE', message: 'Die Datei ist größer als 50 MB. Bitte die Datei aufteilen, z. B. nach Jahren oder Indikatoren.' },
    });
  }, 120_000);

  it('keeps the 1 MB limit for JSON bodies elsewhere', async () => {
    const res = await unchanged(() =>
      call(t, 'POST', '/api/indicators', 'coordinator', JSON.stringify({ key: 'x', name: 'y'.repeat(2 * 1024 * 1024) })),
    );
    expect(res.status).toBe(413);
  });

  it('survives random bytes through the API: never a 500, never a write', async () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 25; i++) {
      const bytes = Buffer.from(Array.from({ length: Math.floor(random() * 3000) }, () => Math.floor(random() * 256)));
      const res = await unchanged(() =>
        upload(t, '/api/imports/values', { user: 'coordinator', file: { name: 'zufall.csv', bytes }, fields: { ...good, dryRun: 'false' } }),
      );
      expect([200, 422]).toContain(res.status);
      expect(res.status === 422 ? (res.body.errors as unknown[]).length : 0).toBeGreaterThanOrEqual(res.status === 422 ? 1 : 0);
    }
    for (const name of ['werte-lang-utf8-bom.csv', 'grundsicherung-amt50.xlsx', 'stadtbezirke-epsg25832.geojson']) {
      const bytes = fixture(name);
      for (const cut of [1, 7, Math.floor(bytes.length / 3), Math.floor(bytes.length / 2), bytes.length - 5]) {
        const res = await unchanged(() =>
          upload(t, '/api/imports/values', {
            user: 'coordinator',
            file: { name, bytes: bytes.subarray(0, cut) },
            fields: { ...good, dryRun: 'false' },
          }),
        );
        expect(res.status).toBe(422);
        const areas = await unchanged(() =>
          upload(t, '/api/imports/areas', {
            user: 'coordinator',
            file: { name, bytes: bytes.subarray(0, cut) },
            fields: { level: 'district', keyProperty: 'STBZ_NAME', nameProperty: 'STBZ_NAME', dryRun: 'false' },
          }),
        );
        expect(areas.status).toBe(422);
        expect((areas.body.errors as { message: string }[])[0]!.message.length).toBeGreaterThan(10);
      }
    }
  }, 120_000);
});

describe('saved mappings', () => {
  it('saves, lists, replaces and deletes mappings with the same rules', async () => {
    const body = { name: 'Jobcenter Jahresdatei', layout: 'long', mapping };
    expect((await call(t, 'POST', '/api/imports/mappings', 'viewer', body)).status).toBe(403);
    const created = await call<SavedMapping>(t, 'POST', '/api/imports/mappings', 'editor', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Jobcenter Jahresdatei', layout: 'long', mapping, createdBy: 'Paul Peters (Sozialplanung)' });

    const list = await call<SavedMapping[]>(t, 'GET', '/api/imports/mappings', 'coordinator');
    expect(list.body.map((m) => m.name)).toEqual(['Jobcenter Jahresdatei']);

    // Saving under the same name replaces it (for whoever made it, or the coordination).
    const replaced = await call<SavedMapping>(t, 'POST', '/api/imports/mappings', 'editor', {
      ...body,
      mapping: { ...mapping, valueColumn: 'Anzahl' },
    });
    expect(replaced.body.id).toBe(created.body.id);
    expect(replaced.body.mapping.valueColumn).toBe('Anzahl');

    const coordinators = await call<SavedMapping>(t, 'POST', '/api/imports/mappings', 'coordinator', { ...body, name: 'Amt 50' });
    const refused = await unchanged(() => call(t, 'DELETE', `/api/imports/mappings/${coordinators.body.id}`, 'editor'));
    expect(refused.status).toBe(403);
    const taken = await unchanged(() => call(t, 'POST', '/api/imports/mappings', 'editor', { ...body, name: 'amt 50' }));
    expect(taken).toMatchObject({ status: 409, body: { code: 'MAPPING_NAME_TAKEN' } });
    expect((await call(t, 'DELETE', `/api/imports/mappings/${created.body.id}`, 'coordinator')).status).toBe(204);
    expect((await call(t, 'DELETE', `/api/imports/mappings/${created.body.id}`, 'coordinator')).status).toBe(404);

    const invalid = await unchanged(() =>
      call(t, 'POST', '/api/imports/mappings', 'editor', { name: '', layout: 'long', mapping: { areaColumn: 'A' } }),
    );
    expect(invalid.status).toBe(400);
    expect((invalid.body.errors as { field: string }[]).map((e) => e.field)).toEqual(expect.arrayContaining(['name', 'mapping.periodColumn']));
  });
});

describe('API documentation', () => {
  it('describes the import, catalogue and index endpoints', async () => {
    const response = await fetch(`${t.baseUrl}/api/docs/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
    for (const path of [
      '/api/imports/values',
      '/api/imports/areas',
      '/api/imports',
      '/api/imports/{id}/rollback',
      '/api/indicators',
      '/api/indicators/{key}',
      '/api/indices',
    ]) {
      expect(Object.keys(document.paths)).toContain(path);
    }
    expect(document.paths['/api/indicators/{key}']).toHaveProperty('patch');
  });
});
