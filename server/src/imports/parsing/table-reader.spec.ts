import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { projectRoot } from '../../config/project-root.js';
import { readValueRows, type ReferenceArea, type ReferenceIndicator } from '../values/value-rows.js';
import { detectDelimiter } from './csv-reader.js';
import { FileReadError } from './file-read.error.js';
import { TableReader } from './table-reader.js';

const fixture = (name: string) => readFileSync(join(projectRoot(), 'test', 'fixtures', 'imports', name));
const reader = new TableReader();

const areas: ReferenceArea[] = [
  { id: 'a1', key: 'brauck', name: 'Brauck' },
  { id: 'a2', key: 'rosenhuegel', name: 'Rosenhügel' },
];
const indicators: ReferenceIndicator[] = [
  {
    id: 'i1',
    key: 'population',
    name: 'Einwohnerinnen und Einwohner',
    nameEn: 'Population',
    kind: 'count',
    unit: 'Personen',
    rateFactor: null,
    decimals: 0,
    departmentId: null,
    retired: false,
  },
];

describe('TableReader', () => {
  it('reads a UTF-8 file with BOM, semicolons and decimal commas', async () => {
    const table = await reader.read(fixture('werte-lang-utf8-bom.csv'));
    expect(table.format).toEqual({ kind: 'csv', encoding: 'utf-8', bom: true, delimiter: ';', decimalSeparator: ',' });
    expect(table.headers).toEqual(['Stadtbezirk', 'Jahr', 'Indikator', 'Wert', 'Zähler', 'Nenner']);
    expect(table.rows).toHaveLength(20);
    expect(table.rowNumbers[0]).toBe(2);
  });

  it('reads Windows-1252 as Excel saves it, umlauts intact', async () => {
    const table = await reader.read(fixture('wohnen-breit-windows1252.csv'));
    expect(table.format.encoding).toBe('windows-1252');
    expect(table.headers).toContain('Wohnfläche je Einwohner (m²)');
    expect(table.rows.map((r) => r[0])).toContain('Rosenhügel');
  });

  it('reads comma-separated English files with quotes and decimal points', async () => {
    const table = await reader.read(fixture('sozialwohnungen-jahre-en.csv'));
    expect(table.format).toMatchObject({ delimiter: ',', decimalSeparator: '.' });
    expect(table.headers).toEqual(['District', '2023', '2024', '2025']);
    expect(table.rows[2]![0]).toBe('Mitte I');
  });

  it('reads the data sheet of an Excel file, skipping the title above and the note below', async () => {
    const table = await reader.read(fixture('grundsicherung-amt50.xlsx'));
    expect(table.format).toMatchObject({ kind: 'xlsx', sheet: 'Daten 2025', sheets: ['Hinweise', 'Daten 2025'] });
    expect(table.headerRow).toBe(3);
    expect(table.headers).toEqual(['Gebiet', 'Jahr', 'Indikator', 'Wert', 'Zähler', 'Nenner']);
    expect(table.rows).toHaveLength(10);
    expect(typeof table.rows[0]![3]).toBe('number');
    const chosen = await reader.read(fixture('grundsicherung-amt50.xlsx'), { sheet: 'Hinweise' });
    expect(chosen.format.sheet).toBe('Hinweise');
    await expect(reader.read(fixture('grundsicherung-amt50.xlsx'), { sheet: 'Gibt es nicht' })).rejects.toThrow(/Tabellenblatt ‚Gibt es nicht‘/);
  });

  it('explains files it cannot read', async () => {
    await expect(reader.read(Buffer.alloc(0))).rejects.toThrow('Die Datei ist leer.');
    await expect(reader.read(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).rejects.toThrow(/\.xls/);
    await expect(reader.read(Buffer.from('%PDF-1.7 …'))).rejects.toThrow(/PDF/);
    await expect(reader.read(Buffer.from('a;b\n"offen;1\n'))).rejects.toThrow(/Anführungszeichen/);
    await expect(reader.read(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).rejects.toThrow(FileReadError);
    await expect(reader.read(Buffer.from('abc\u0000def'))).rejects.toThrow(/keine Textdatei/);
  });

  it('prefers the semicolon when commas are decimal marks', () => {
    expect(detectDelimiter('Gebiet;Wert\nBrauck;1,5\nMitte I;2,5\n')).toBe(';');
    expect(detectDelimiter('Gebiet,Wert\nBrauck,1.5\n')).toBe(',');
    expect(detectDelimiter('Gebiet\tWert\nBrauck\t1,5\n')).toBe('\t');
  });
});

describe('parser fuzz', () => {
  const mapping = { areaColumn: 'Gebiet', period: '2025', indicator: 'population', valueColumn: 'Wert' };

  /** Read and validate: either a table with problems or a FileReadError, never anything else. */
  async function survive(bytes: Uint8Array): Promise<void> {
    try {
      const table = await reader.read(Buffer.from(bytes));
      const result = readValueRows(table, 'long', mapping, areas, indicators, table.format.decimalSeparator);
      expect(result.rows).toBe(table.rows.length);
      for (const p of result.problems) expect([typeof p.message.de, typeof p.message.en]).toEqual(['string', 'string']);
    } catch (error) {
      expect(error).toBeInstanceOf(FileReadError);
    }
  }

  it('never crashes on random bytes', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), survive), { numRuns: 300 });
  });

  it('never crashes on random text that looks like CSV', async () => {
    const cell = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('"', '""', ';', ',', '\n', '\r\n', '1.234,5', 'Brauck', 'x', '.', '-'));
    const csv = fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 30 }).map((rows) => rows.map((r) => r.join(';')).join('\n'));
    await fc.assert(
      fc.asyncProperty(csv, (text) => survive(new TextEncoder().encode(`Gebiet;Wert\n${text}`))),
      { numRuns: 300 },
    );
  });

  it('never crashes on damaged Excel files', async () => {
    const bytes = fixture('grundsicherung-amt50.xlsx');
    const damage = fc.array(fc.record({ at: fc.nat({ max: bytes.length - 1 }), value: fc.integer({ min: 0, max: 255 }) }), {
      minLength: 1,
      maxLength: 20,
    });
    await fc.assert(
      fc.asyncProperty(damage, async (changes) => {
        const copy = Buffer.from(bytes);
        for (const { at, value } of changes) copy[at] = value;
        await survive(copy);
      }),
      { numRuns: 150 },
    );
  });

  it('never crashes on truncated files of every supported kind', async () => {
    for (const name of ['werte-lang-utf8-bom.csv', 'wohnen-breit-windows1252.csv', 'grundsicherung-amt50.xlsx']) {
      const bytes = fixture(name);
      for (let cut = 0; cut < bytes.length; cut += Math.max(1, Math.floor(bytes.length / 60))) await survive(bytes.subarray(0, cut));
    }
  });
});
