import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fixture, upload } from '../fixtures/imports/client.js';
import { startTestApp, tableCounts, type TestApp } from '../helpers/app.js';

// A server with little memory for imports: 4 MB, i.e. files up to 256 KB (16 bytes of heap per byte).
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ importMemoryBytes: 4 * 1024 * 1024 });
  await t.login('coordinator');
});
afterAll(async () => {
  await t.close();
});

const mapping = { areaColumn: 'Gebiet', periodColumn: 'Jahr', indicatorColumn: 'Indikator', valueColumn: 'Wert' };
/** A long CSV of about `kb` kilobytes (refused before any row is read, so rows may repeat). */
function valuesCsv(kb: number): Buffer {
  const lines = ['Gebiet;Jahr;Indikator;Wert'];
  for (let i = 0; lines.join('\n').length < kb * 1024; i++) lines.push(`Brauck;${2030 + (i % 20)};population;${1000 + i}`);
  return Buffer.from(lines.join('\n'));
}
const DISTRICTS = [
  'Brauck',
  'Butendorf',
  'Mitte I',
  'Mitte II',
  'Zweckel',
  'Rentfort-Nord',
  'Alt-Rentfort',
  'Ellinghorst',
  'Rosenhügel',
  'Schultendorf',
];
/** A valid long CSV: every district for the years 2030–2099 (700 values, about 20 KB). */
function distinctValuesCsv(): Buffer {
  const lines = ['Gebiet;Jahr;Indikator;Wert'];
  for (let year = 2030; year < 2100; year++) for (const district of DISTRICTS) lines.push(`${district};${year};population;${year - 1000}`);
  return Buffer.from(lines.join('\n'));
}

describe('imports on a server with little memory', () => {
  it('refuses a file it could not read without running out of memory: 413, a next step, nothing written', async () => {
    const before = await tableCounts(t.dataSource);
    for (const [path, name, bytes, fields] of [
      ['/api/imports/values', 'werte.csv', valuesCsv(300), { layout: 'long', mapping, dryRun: 'false' }],
      ['/api/imports/values/preview', 'werte.csv', valuesCsv(300), {}],
      [
        '/api/imports/areas',
        'bezirke.geojson',
        Buffer.concat([fixture('stadtbezirke-epsg25832.geojson'), Buffer.alloc(300 * 1024, 0x20)]),
        { level: 'district', keyProperty: 'STBZ_NAME', nameProperty: 'STBZ_NAME', dryRun: 'false' },
      ],
    ] as const) {
      const res = await upload(t, path, { user: 'coordinator', file: { name, bytes }, fields });
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ code: 'FILE_TOO_LARGE_FOR_SERVER' });
      expect(res.body.message).toMatch(
        /^Zum Einlesen dieser Datei bräuchte der Server etwa \d+ MB Arbeitsspeicher; für Importe hat er 4 MB\. Bitte die Datei aufteilen/,
      );
    }
    const english = await upload(t, '/api/imports/values', {
      user: 'coordinator',
      file: { name: 'values.csv', bytes: valuesCsv(300) },
      fields: { layout: 'long', mapping },
      language: 'en',
    });
    expect(english.body.message).toMatch(/^Reading this file would take the server about \d+ MB of memory; it has 4 MB for imports\./);
    expect(await tableCounts(t.dataSource)).toEqual(before);
  });

  it('still imports a file that fits, before and after such a refusal', async () => {
    const res = await upload(t, '/api/imports/values', {
      user: 'coordinator',
      file: { name: 'werte.csv', bytes: distinctValuesCsv() },
      fields: { layout: 'long', mapping, dryRun: 'false' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ errors: [], importId: expect.any(String) });
    expect(res.body.created).toBe(700);
  });
});
