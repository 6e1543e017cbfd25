import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import type { ImportHistoryEntry, ValueImportReport, ValuePreview } from '@lagebild/shared';
import { GLADBECK_DISTRICTS } from '../../seeds/gladbeck/index.js';
import { DEMO_USERS } from '../../seeds/index.js';
import { call, fixture, LONG_MAPPING, upload } from '../fixtures/imports/client.js';
import { startTestApp, tableCounts, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

type Report = ValueImportReport & { statusCode?: number; code?: string; message?: string };

const importValues = (
  file: string,
  fields: Record<string, string | object>,
  user: 'coordinator' | 'editor' | 'admin' = 'coordinator',
  bytes?: Uint8Array,
) => upload<Report>(t, '/api/imports/values', { user, file: { name: file, bytes: bytes ?? fixture(file) }, fields });

async function storedValue(indicatorKey: string, areaKey: string, period: string) {
  const rows = await t.dataSource.query(
    `SELECT v.value, v.numerator, v.denominator, v.is_suppressed AS "isSuppressed", v.is_estimated AS "isEstimated",
            v.is_provisional AS "isProvisional", v.import_id AS "importId"
       FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id JOIN area a ON a.id = v.area_id
      WHERE i.key = $1 AND a.key = $2 AND v.period = $3`,
    [indicatorKey, areaKey, period],
  );
  return rows[0] ?? null;
}

describe('POST /api/imports/values: long CSV, German formatting, UTF-8 with BOM', () => {
  it('is a dry run by default: reports what would change and writes nothing', async () => {
    await t.login('coordinator');
    const before = await tableCounts(t.dataSource);
    const { status, body } = await importValues('werte-lang-utf8-bom.csv', { layout: 'long', mapping: LONG_MAPPING });
    expect(status).toBe(200);
    expect(body).toMatchObject({ dryRun: true, rows: 20, valid: 20, created: 20, updated: 0, unchanged: 0, errors: [], errorCount: 0 });
    expect(body.importId).toBeUndefined();
    expect(body.format).toEqual({ kind: 'csv', encoding: 'utf-8', bom: true, delimiter: ';', decimalSeparator: ',' });
    expect(body.indicators).toEqual(['foreign_nationals_share', 'population']);
    expect(await tableCounts(t.dataSource)).toEqual(before);
  });

  it('commits in one go, records who, when, file name, hash and counts, and links each value to the import', async () => {
    const bytes = fixture('werte-lang-utf8-bom.csv');
    const { status, body } = await importValues('werte-lang-utf8-bom.csv', { layout: 'long', mapping: LONG_MAPPING, dryRun: 'false' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ dryRun: false, rows: 20, valid: 20, created: 20, updated: 0, unchanged: 0, errors: [] });
    expect(body.importId).toMatch(/^[0-9a-f-]{36}$/);

    // 1.234-style thousands and the decimal comma were read as German numbers.
    const brauck = await storedValue('population', 'brauck', '2025');
    expect(brauck).toMatchObject({ numerator: null, denominator: null, isSuppressed: false, importId: body.importId });
    const line = fixture('werte-lang-utf8-bom.csv').toString('utf8').split('\r\n')[1]!;
    expect(brauck.value).toBe(Number(line.split(';')[3]!.replace('.', '')));
    const share = await storedValue('foreign_nationals_share', 'brauck', '2025');
    const [, , , value, numerator, denominator] = fixture('werte-lang-utf8-bom.csv').toString('utf8').split('\r\n')[2]!.split(';');
    expect(share).toMatchObject({
      value: Number(value!.replace(',', '.')),
      numerator: Number(numerator!.replace('.', '')),
      denominator: Number(denominator!.replace('.', '')),
    });

    const history = await call<ImportHistoryEntry[]>(t, 'GET', '/api/imports', 'coordinator');
    expect(history.status).toBe(200);
    const entry = history.body.find((e) => e.id === body.importId)!;
    expect(entry).toMatchObject({
      kind: 'values',
      status: 'committed',
      fileName: 'werte-lang-utf8-bom.csv',
      fileHash: createHash('sha256').update(bytes).digest('hex'),
      rows: 20,
      created: 20,
      updated: 0,
      unchanged: 0,
      user: DEMO_USERS.coordinator.displayName,
      rolledBackAt: null,
    });
    expect(entry.subjects.sort()).toEqual(['Anteil Ausländerinnen und Ausländer', 'Einwohnerinnen und Einwohner']);
    const english = await call<ImportHistoryEntry[]>(t, 'GET', '/api/imports', 'coordinator', undefined, 'en');
    expect(english.body.find((e) => e.id === body.importId)!.subjects.sort()).toEqual(['Population', 'Share of foreign nationals']);
    expect(Date.now() - Date.parse(entry.createdAt)).toBeLessThan(60_000);

    // The atlas shows the new year at once, and the indicator's last update is today.
    const atlas = await call<{ period: string; values: { areaKey: string; value: number }[]; indicator: { lastUpdate: string } }>(
      t,
      'GET',
      '/api/indicators/population/values?period=2025',
    );
    expect(atlas.status).toBe(200);
    expect(atlas.body.values.find((v) => v.areaKey === 'brauck')!.value).toBe(brauck.value);
    expect(atlas.body.indicator.lastUpdate).toBe(new Date().toISOString().slice(0, 10));
  });

  it('imports the same file again as unchanged, writing no history', async () => {
    const historyBefore = (await tableCounts(t.dataSource)).indicator_value_history;
    const { body } = await importValues('werte-lang-utf8-bom.csv', { layout: 'long', mapping: LONG_MAPPING, dryRun: 'false' });
    expect(body).toMatchObject({ created: 0, updated: 0, unchanged: 20 });
    expect((await tableCounts(t.dataSource)).indicator_value_history).toBe(historyBefore);
  });
});

describe('other shapes', () => {
  it('reads a wide Windows-1252 file with one column per indicator', async () => {
    const mapping = {
      areaColumn: 'Stadtbezirk',
      periodColumn: 'Jahr',
      columns: { 'Barrierefreie Wohnungen': 'barrier_free_flats', 'Wohnfläche je Einwohner (m²)': 'living_space_per_person' },
    };
    const { status, body } = await importValues('wohnen-breit-windows1252.csv', { layout: 'wide', mapping, dryRun: 'false' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ rows: 10, valid: 10, created: 20, errors: [] });
    expect(body.format).toMatchObject({ encoding: 'windows-1252', bom: false, delimiter: ';', decimalSeparator: ',' });
    const line = fixture('wohnen-breit-windows1252.csv')
      .toString('latin1')
      .split('\r\n')
      .find((l) => l.startsWith('Rosenhügel'))!;
    const [, , flats, space] = line.split(';');
    expect((await storedValue('barrier_free_flats', 'rosenhuegel', '2025')).value).toBe(Number(flats!.replace('.', '')));
    expect((await storedValue('living_space_per_person', 'rosenhuegel', '2025')).value).toBe(Number(space!.replace(',', '.')));
  });

  it('reads a wide English file with one column per period, updating what changed', async () => {
    const mapping = { areaColumn: 'District', indicator: 'social_housing_share', periodColumns: { '2023': '2023', '2024': '2024', '2025': '2025' } };
    const { status, body } = await importValues('sozialwohnungen-jahre-en.csv', { layout: 'wide', mapping, dryRun: 'false' });
    expect(status).toBe(200);
    expect(body.format).toMatchObject({ delimiter: ',', decimalSeparator: '.', encoding: 'utf-8' });
    // 2023 is as in the demo (unchanged); 2024 differs from the demo (updated); 2025 is new.
    expect(body).toMatchObject({ rows: 10, valid: 10, created: 10, errors: [] });
    expect(body.unchanged + body.updated).toBe(20);
    const mitte = fixture('sozialwohnungen-jahre-en.csv').toString('utf8').split('\n')[3]!.split(',');
    expect(mitte[0]).toBe('"Mitte I"');
    expect((await storedValue('social_housing_share', 'mitte-1', '2025')).value).toBe(Number(mitte[3]));
  });

  it('reads the data sheet of an Excel file from a department, numbers as numbers', async () => {
    const preview = await upload<ValuePreview>(t, '/api/imports/values/preview', {
      user: 'coordinator',
      file: { name: 'grundsicherung-amt50.xlsx', bytes: fixture('grundsicherung-amt50.xlsx') },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.format).toMatchObject({ kind: 'xlsx', sheet: 'Daten 2025', sheets: ['Hinweise', 'Daten 2025'] });
    expect(preview.body.headers).toEqual(['Gebiet', 'Jahr', 'Indikator', 'Wert', 'Zähler', 'Nenner']);
    expect(preview.body.rowCount).toBe(10);
    expect(preview.body.rows[0]).toEqual({
      row: 4,
      cells: [GLADBECK_DISTRICTS[0]!.name, '2025', 'old_age_basic_income_support_rate', expect.any(String), expect.any(String), expect.any(String)],
    });
    expect(preview.body.suggestion).toEqual({
      layout: 'long',
      mapping: {
        areaColumn: 'Gebiet',
        periodColumn: 'Jahr',
        indicatorColumn: 'Indikator',
        valueColumn: 'Wert',
        numeratorColumn: 'Zähler',
        denominatorColumn: 'Nenner',
      },
    });

    const { status, body } = await importValues('grundsicherung-amt50.xlsx', {
      layout: 'long',
      mapping: preview.body.suggestion.mapping,
      sheet: 'Daten 2025',
      dryRun: 'false',
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ rows: 10, valid: 10, created: 10, errors: [] });
    const stored = await storedValue('old_age_basic_income_support_rate', 'brauck', '2025');
    expect(stored.value).toBeCloseTo((stored.numerator / stored.denominator) * 100, 1);
  });

  it('answers the mapping suggestion for wide files by the names in the header', async () => {
    const preview = await upload<ValuePreview>(t, '/api/imports/values/preview', {
      user: 'coordinator',
      file: { name: 'jahre.csv', bytes: fixture('sozialwohnungen-jahre-en.csv') },
    });
    expect(preview.body.suggestion).toEqual({
      layout: 'wide',
      mapping: { areaColumn: 'District', periodColumns: { '2023': '2023', '2024': '2024', '2025': '2025' } },
    });
  });
});

describe('validation report', () => {
  const mapping = { areaColumn: 'Gebiet', periodColumn: 'Jahr', indicatorColumn: 'Indikator', valueColumn: 'Wert' };

  it('lists every problem with row, column and a reason a steward can act on', async () => {
    const { status, body } = await importValues('halb-gueltig.csv', { layout: 'long', mapping });
    expect(status).toBe(200);
    expect(body).toMatchObject({ dryRun: true, rows: 9, valid: 3, errorCount: 6 });
    expect(body.errors).toEqual([
      { row: 4, column: 'Gebiet', message: 'Zeile 4, Spalte ‚Gebiet‘: Gebiet ‚Mitte 1‘ unbekannt – meinten Sie ‚Mitte I‘?' },
      { row: 5, column: 'Wert', message: 'Zeile 5, Spalte ‚Wert‘: ‚12,3x‘ ist keine Zahl.' },
      {
        row: 6,
        column: 'Jahr',
        message: 'Zeile 6, Spalte ‚Jahr‘: Zeitraum ‚2025/13‘ nicht lesbar – erwartet z. B. 2024, 2024-H1, 2024-Q3 oder 2024-06.',
      },
      { row: 7, column: null, message: 'Zeile 7: Butendorf, Einwohnerinnen und Einwohner, 2025 steht schon in Zeile 3.' },
      { row: 8, column: 'Wert', message: 'Zeile 8, Spalte ‚Wert‘: 112,4 % liegt nicht zwischen 0 und 100.' },
      { row: 9, column: 'Indikator', message: 'Zeile 9, Spalte ‚Indikator‘: Indikator ‚Einwohner insgesamt‘ unbekannt.' },
    ]);
    // The rows with problems come back as read, so the report can highlight the cells.
    expect(body.headers).toEqual(['Gebiet', 'Jahr', 'Indikator', 'Wert']);
    expect(body.problemRows.map((r) => r.row)).toEqual([4, 5, 6, 7, 8, 9]);
    expect(body.problemRows[1]).toEqual({ row: 5, cells: ['Zweckel', '2025', 'Einwohnerinnen und Einwohner', '12,3x'] });
    // The three good rows are counted (the 2025 population exists already from the import above).
    expect(body.created + body.updated + body.unchanged).toBe(3);
  });

  it('writes nothing of a half-valid file and answers 422 with the same report', async () => {
    const before = await tableCounts(t.dataSource);
    const dry = await importValues('halb-gueltig.csv', { layout: 'long', mapping });
    const { status, body } = await importValues('halb-gueltig.csv', { layout: 'long', mapping, dryRun: 'false' });
    expect(status).toBe(422);
    expect(body).toMatchObject({
      statusCode: 422,
      code: 'IMPORT_INVALID',
      dryRun: false,
      message: 'Die Datei enthält 6 Probleme; es wurde nichts gespeichert.',
    });
    expect(body.errors).toEqual(dry.body.errors);
    expect(body.importId).toBeUndefined();
    expect(await tableCounts(t.dataSource)).toEqual(before);
    expect(await storedValue('population', 'schultendorf', '2026')).toBeNull();
  });

  it('checks numerator and denominator against the value, and statistics symbols', async () => {
    const csv = [
      'Gebiet;Jahr;Indikator;Wert;Zähler;Nenner',
      'Brauck;2026;sgb2_rate;12,3;50;300',
      'Mitte I;2026;sgb2_rate;;50;400',
      'Mitte II;2026;sgb2_rate;.;;',
      'Zweckel;2026;sgb2_rate;8,1 p;;',
      'Butendorf;2026;sgb2_rate;7;10;0',
      'Rosenhügel;2026;sgb2_rate;7;10;',
      'Ellinghorst;2026;population;-5;;',
      'Alt-Rentfort;2026;population;100;5;10',
    ].join('\n');
    const { body } = await importValues('symbole.csv', { layout: 'long', mapping: LONG_MAPPING_DE }, 'coordinator', Buffer.from(csv));
    expect(body.errors.map((e) => e.message)).toEqual([
      'Zeile 2, Spalte ‚Wert‘: Wert 12,3 passt nicht zu Zähler 50 und Nenner 300 (ergibt 16,7).',
      'Zeile 6, Spalte ‚Nenner‘: Der Nenner ist 0; daraus lässt sich keine Quote berechnen.',
      'Zeile 7, Spalte ‚Nenner‘: Zähler und Nenner bitte immer zusammen angeben.',
      'Zeile 8, Spalte ‚Wert‘: -5 ist negativ; ‚Einwohnerinnen und Einwohner‘ zählt Personen oder Fälle.',
      'Zeile 9, Spalte ‚Zähler‘: Zähler und Nenner gibt es nur bei Quoten; ‚Einwohnerinnen und Einwohner‘ ist eine Anzahl.',
    ]);
    expect(body.valid).toBe(3);

    // The UI sends its language; an English page gets the same report in English, numbers written the English way.
    const english = await upload<Report>(t, '/api/imports/values', {
      user: 'coordinator',
      file: { name: 'symbole.csv', bytes: Buffer.from(csv) },
      fields: { layout: 'long', mapping: LONG_MAPPING_DE, dryRun: 'false' },
      language: 'en',
    });
    expect(english.status).toBe(422);
    expect(english.body.message).toBe('The file has 5 problems; nothing was saved.');
    expect(english.body.errors.map((e) => e.message)).toEqual([
      'Row 2, column ‘Wert’: Value 12.3 does not match numerator 50 and denominator 300 (which give 16.7).',
      'Row 6, column ‘Nenner’: The denominator is 0; no rate can be computed from it.',
      'Row 7, column ‘Nenner’: Please always give numerator and denominator together.',
      'Row 8, column ‘Wert’: -5 is negative; ‘Population’ counts persons or cases.',
      'Row 9, column ‘Zähler’: Only rates have a numerator and denominator; ‘Population’ is a count.',
    ]);
    expect(english.body.errors.map((e) => [e.row, e.column])).toEqual(body.errors.map((e) => [e.row, e.column]));
  });

  it('writes the report in the language the request prefers, German when it names neither', async () => {
    const csv = ['Gebiet;Jahr;Indikator;Wert', 'Brauk;2026;population;100', 'Brauck;20x6;population;100'].join('\n');
    const send = (language?: string) =>
      upload<Report>(t, '/api/imports/values', {
        user: 'coordinator',
        file: { name: 'tippfehler.csv', bytes: Buffer.from(csv) },
        fields: { layout: 'long', mapping: { areaColumn: 'Gebiet', periodColumn: 'Jahr', indicatorColumn: 'Indikator', valueColumn: 'Wert' } },
        language,
      });
    const messages = async (language?: string) => (await send(language)).body.errors.map((e) => e.message);
    const german = [
      'Zeile 2, Spalte ‚Gebiet‘: Gebiet ‚Brauk‘ unbekannt – meinten Sie ‚Brauck‘?',
      expect.stringContaining('Zeile 3, Spalte ‚Jahr‘: Zeitraum ‚20x6‘ nicht lesbar'),
    ];
    expect(await messages()).toEqual(german);
    expect(await messages('fr-FR, *;q=0.1')).toEqual(german);
    expect(await messages('de-DE,de;q=0.9,en;q=0.8')).toEqual(german);
    const english = [
      'Row 2, column ‘Gebiet’: Unknown area ‘Brauk’ – did you mean ‘Brauck’?',
      'Row 3, column ‘Jahr’: Period ‘20x6’ cannot be read – expected e.g. 2024, 2024-H1, 2024-Q3 or 2024-06.',
    ];
    expect(await messages('en')).toEqual(english);
    expect(await messages('en-GB,en;q=0.9,de;q=0.5')).toEqual(english);

    // A file that is no table at all: the message says what to do, in the same language.
    const pdf = await upload<Report>(t, '/api/imports/values', {
      user: 'coordinator',
      file: { name: 'bericht.pdf', bytes: Buffer.from('%PDF-1.7\n%âãÏÓ\n') },
      fields: { layout: 'long', mapping: { areaColumn: 'Gebiet', periodColumn: 'Jahr', indicatorColumn: 'Indikator', valueColumn: 'Wert' } },
      language: 'en',
    });
    expect(pdf.body.errors).toEqual([
      { row: null, column: null, message: 'PDF files cannot be imported. Please ask for the table as an Excel or CSV file.' },
    ]);
  });

  it('stores a value computed from numerator and denominator, a secret cell and a provisional mark', async () => {
    const csv = [
      'Gebiet;Jahr;Indikator;Wert;Zähler;Nenner',
      'Mitte I;2026;sgb2_rate;;50;400',
      'Mitte II;2026;sgb2_rate;.;;',
      'Zweckel;2026;sgb2_rate;8,1 p;;',
    ].join('\n');
    const { status, body } = await importValues(
      'symbole.csv',
      { layout: 'long', mapping: LONG_MAPPING_DE, dryRun: 'false' },
      'coordinator',
      Buffer.from(csv),
    );
    expect(status).toBe(200);
    expect(body.created).toBe(3);
    expect(await storedValue('sgb2_rate', 'mitte-1', '2026')).toMatchObject({ value: 12.5, numerator: 50, denominator: 400, isSuppressed: false });
    expect(await storedValue('sgb2_rate', 'mitte-2', '2026')).toMatchObject({ value: null, isSuppressed: true });
    expect(await storedValue('sgb2_rate', 'zweckel', '2026')).toMatchObject({ value: 8.1, isProvisional: true });
  });

  it('reports a file it cannot read as one problem, and refuses to commit it', async () => {
    const dry = await importValues('bild.csv', { layout: 'long', mapping }, 'coordinator', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    expect(dry.status).toBe(200);
    expect(dry.body.errors).toEqual([{ row: null, column: null, message: expect.stringContaining('keine Textdatei') }]);
    const commit = await importValues(
      'alt.xls',
      { layout: 'long', mapping, dryRun: 'false' },
      'coordinator',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    );
    expect(commit.status).toBe(422);
    expect(commit.body.errors[0]!.message).toContain('.xlsx');
  });

  it('names a mapped column that is not in the file', async () => {
    const { body } = await importValues('halb-gueltig.csv', { layout: 'long', mapping: { ...mapping, valueColumn: 'Betrag' } });
    expect(body.errors).toEqual([
      { row: null, column: 'Betrag', message: 'Spalte ‚Betrag‘ fehlt in der Datei. Vorhanden: ‚Gebiet‘, ‚Jahr‘, ‚Indikator‘, ‚Wert‘.' },
    ]);
  });
});

const LONG_MAPPING_DE = {
  areaColumn: 'Gebiet',
  periodColumn: 'Jahr',
  indicatorColumn: 'Indikator',
  valueColumn: 'Wert',
  numeratorColumn: 'Zähler',
  denominatorColumn: 'Nenner',
};

describe('history and rollback', () => {
  const csvFor = (values: Record<string, number>) =>
    Buffer.from(['Gebiet;Jahr;Indikator;Wert', ...Object.entries(values).map(([area, v]) => `${area};2024;barrier_free_flats;${v}`)].join('\n'));

  async function snapshot() {
    return t.dataSource.query(
      `SELECT a.key, v.period, v.value, v.numerator, v.denominator, v.is_suppressed, v.is_estimated, v.is_provisional, v.import_id
         FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id JOIN area a ON a.id = v.area_id
        WHERE i.key = 'barrier_free_flats' ORDER BY a.key, v.period`,
    );
  }

  it('keeps replaced values in the history and restores them exactly on rollback', async () => {
    const before = await snapshot();
    const first = await importValues(
      'korrektur-1.csv',
      { layout: 'long', mapping: { ...LONG_MAPPING_DE, numeratorColumn: undefined, denominatorColumn: undefined }, dryRun: 'false' },
      'coordinator',
      csvFor({ Brauck: 1001, Butendorf: 1002.5 }),
    );
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ updated: 2, created: 0 });
    const history = await t.dataSource.query(
      `SELECT value, replaced_by_import_id FROM indicator_value_history WHERE replaced_by_import_id = $1 ORDER BY value`,
      [first.body.importId],
    );
    expect(history).toHaveLength(2);

    const second = await importValues(
      'korrektur-2.csv',
      { layout: 'long', mapping: { ...LONG_MAPPING_DE, numeratorColumn: undefined, denominatorColumn: undefined }, dryRun: 'false' },
      'coordinator',
      csvFor({ Brauck: 2001 }),
    );
    expect(second.body).toMatchObject({ updated: 1 });

    // The first import cannot be rolled back while the second stands on top of it.
    const blocked = await call(t, 'POST', `/api/imports/${first.body.importId}/rollback`, 'coordinator');
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({ code: 'IMPORT_SUPERSEDED', message: expect.stringContaining('„korrektur-2.csv“') });
    const blockedEn = await call(t, 'POST', `/api/imports/${first.body.importId}/rollback`, 'coordinator', undefined, 'en');
    expect(blockedEn).toMatchObject({
      status: 409,
      body: {
        code: 'IMPORT_SUPERSEDED',
        message: expect.stringMatching(/^Some of these values were replaced later by “korrektur-2\.csv” of .+ Please roll back that import first\.$/),
      },
    });

    const undoSecond = await call(t, 'POST', `/api/imports/${second.body.importId}/rollback`, 'coordinator');
    expect(undoSecond).toMatchObject({ status: 200, body: { status: 'rolled_back', restored: 1, removed: 0 } });
    const undoFirst = await call(t, 'POST', `/api/imports/${first.body.importId}/rollback`, 'coordinator');
    expect(undoFirst).toMatchObject({ status: 200, body: { status: 'rolled_back', restored: 2, removed: 0 } });
    expect(await snapshot()).toEqual(before);

    const again = await call(t, 'POST', `/api/imports/${first.body.importId}/rollback`, 'coordinator');
    expect(again).toMatchObject({ status: 409, body: { code: 'ALREADY_ROLLED_BACK', message: expect.stringContaining('bereits am') } });
    const againEn = await call(t, 'POST', `/api/imports/${first.body.importId}/rollback`, 'coordinator', undefined, 'en-GB');
    expect(againEn.body).toMatchObject({ code: 'ALREADY_ROLLED_BACK', message: expect.stringContaining('This import was already rolled back on') });
    const list = await call<ImportHistoryEntry[]>(t, 'GET', '/api/imports?kind=values', 'coordinator');
    expect(list.body.find((e) => e.id === first.body.importId)).toMatchObject({
      status: 'rolled_back',
      rolledBackBy: DEMO_USERS.coordinator.displayName,
    });
  });

  it('removes values an import created, and restores the last update date', async () => {
    const lastUpdate = async () =>
      (await t.dataSource.query(`SELECT to_char(last_update, 'YYYY-MM-DD') AS d FROM indicator WHERE key = 'refugees_municipal_housing'`))[0].d;
    const before = await lastUpdate();
    const counts = await tableCounts(t.dataSource);
    const csv = Buffer.from('Gebiet;Jahr;Indikator;Wert\nBrauck;2030;refugees_municipal_housing;12\nZweckel;2030;refugees_municipal_housing;7\n');
    const created = await importValues(
      'neu.csv',
      { layout: 'long', mapping: { areaColumn: 'Gebiet', periodColumn: 'Jahr', indicatorColumn: 'Indikator', valueColumn: 'Wert' }, dryRun: 'false' },
      'coordinator',
      csv,
    );
    expect(created.body.created).toBe(2);
    expect(await lastUpdate()).not.toBe(before);
    const undo = await call(t, 'POST', `/api/imports/${created.body.importId}/rollback`, 'coordinator');
    expect(undo.body).toMatchObject({ removed: 2, restored: 0 });
    expect(await lastUpdate()).toBe(before);
    const after = await tableCounts(t.dataSource);
    expect(after.indicator_value).toBe(counts.indicator_value);
  });

  it('writes a large file of new periods in bulk, and counts, historises and rolls it back exactly', async () => {
    // From 5,000 values on a batch of only new cells is copied straight into the table;
    // importing it again goes the general way over a staging table.
    const indicators: { key: string }[] = await t.dataSource.query(
      `SELECT key FROM indicator WHERE kind = 'count' AND retired_at IS NULL ORDER BY key LIMIT 10`,
    );
    const areas: { key: string }[] = await t.dataSource.query(`SELECT key FROM area ORDER BY key`);
    const lines = ['Gebiet;Jahr;Indikator;Wert'];
    for (let month = 0; month < 120; month++) {
      const period = `${2040 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
      for (const [i, indicator] of indicators.entries())
        for (const [a, area] of areas.entries()) lines.push(`${area.key};${period};${indicator.key};${month * 100 + i * 10 + a},5`);
    }
    lines[1] = lines[1]!.replace(/[^;]*$/, '.');
    lines[2] = lines[2]!.replace(/[^;]*$/, '1.234,5 p');
    const rows = lines.length - 1;
    expect(rows).toBeGreaterThanOrEqual(5_000);
    const mapping = { areaColumn: 'Gebiet', periodColumn: 'Jahr', indicatorColumn: 'Indikator', valueColumn: 'Wert' };
    const send = (name: string, csv: string[], dryRun: boolean) =>
      importValues(name, { layout: 'long', mapping, dryRun: String(dryRun) }, 'coordinator', Buffer.from(csv.join('\n')));
    const counts = await tableCounts(t.dataSource);

    expect((await send('gross.csv', lines, true)).body).toMatchObject({ created: rows, updated: 0, unchanged: 0, errorCount: 0 });
    const first = await send('gross.csv', lines, false);
    expect(first.body).toMatchObject({ created: rows, updated: 0, unchanged: 0, errorCount: 0 });
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM indicator_value WHERE import_id = $1`, [first.body.importId]);
    expect(n).toBe(rows);
    const [secret, provisional] = [lines[1]!, lines[2]!].map((line) => line.split(';'));
    expect(await storedValue(secret![2]!, secret![0]!, secret![1]!)).toMatchObject({ value: null, isSuppressed: true, isProvisional: false });
    expect(await storedValue(provisional![2]!, provisional![0]!, provisional![1]!)).toMatchObject({
      value: 1234.5,
      isSuppressed: false,
      isProvisional: true,
    });

    const changed = [...lines];
    changed[3] = changed[3]!.replace(/[^;]*$/, '1');
    expect((await send('gross.csv', lines, true)).body).toMatchObject({ created: 0, updated: 0, unchanged: rows });
    const second = await send('gross-korrigiert.csv', changed, false);
    expect(second.body).toMatchObject({ created: 0, updated: 1, unchanged: rows - 1 });
    expect(await t.dataSource.query(`SELECT 1 FROM indicator_value_history WHERE replaced_by_import_id = $1`, [second.body.importId])).toHaveLength(
      1,
    );

    expect((await call(t, 'POST', `/api/imports/${second.body.importId}/rollback`, 'coordinator')).body).toMatchObject({ restored: 1, removed: 0 });
    expect((await call(t, 'POST', `/api/imports/${first.body.importId}/rollback`, 'coordinator')).body).toMatchObject({ restored: 0, removed: rows });
    expect((await tableCounts(t.dataSource)).indicator_value).toBe(counts.indicator_value);
  });

  it('refuses to roll back the demo data and unknown imports', async () => {
    const [seed] = await t.dataSource.query(`SELECT id FROM import_batch WHERE kind = 'seed'`);
    expect(await call(t, 'POST', `/api/imports/${seed.id}/rollback`, 'coordinator')).toMatchObject({
      status: 409,
      body: { code: 'NOT_ROLLBACKABLE' },
    });
    expect(await call(t, 'POST', `/api/imports/00000000-0000-4000-8000-000000000000/rollback`, 'coordinator')).toMatchObject({
      status: 404,
      body: { code: 'IMPORT_NOT_FOUND', message: 'Diesen Import gibt es nicht.' },
    });
    expect(await call(t, 'POST', `/api/imports/kein-import/rollback`, 'coordinator')).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED' },
    });
  });
});
