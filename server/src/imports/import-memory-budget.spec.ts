import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../config/app-config.js';
import { projectRoot } from '../config/project-root.js';
import { estimatedImportBytes, HEAP_BYTES_PER_FILE_BYTE, ImportMemoryBudget } from './import-memory-budget.js';
import { ImportError } from './imports.error.js';
import { readZipDirectory, unpackedSize } from './parsing/zip-directory.js';

const budgetOf = (bytes: number) => new ImportMemoryBudget({ ...loadConfig({}), importMemoryBytes: bytes });
const file = (bytes: number) => new Uint8Array(bytes).fill(0x41);

/** A promise the test settles by hand: an import that is still running. */
function running() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { done, finish };
}

describe('ImportMemoryBudget', () => {
  it('estimates plain files by their size and workbooks by what they unpack to', () => {
    expect(estimatedImportBytes(file(1000))).toBe(1000 * HEAP_BYTES_PER_FILE_BYTE);
    const workbook = readFileSync(join(projectRoot(), 'test/fixtures/imports/grundsicherung-amt50.xlsx'));
    const unpacked = unpackedSize(readZipDirectory(workbook)!);
    expect(unpacked).toBeGreaterThan(workbook.length);
    expect(estimatedImportBytes(workbook)).toBe(unpacked * HEAP_BYTES_PER_FILE_BYTE);
  });

  it('refuses a file larger than the whole budget with 413, before any work', async () => {
    let worked = false;
    const refusal = await budgetOf(10 * 1024 * 1024)
      .withReservation(file(1024 * 1024), async () => void (worked = true))
      .catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ImportError);
    expect(refusal).toMatchObject({ code: 'FILE_TOO_LARGE_FOR_SERVER', httpStatus: 413 });
    expect((refusal as ImportError).messageIn('de')).toBe(
      'Zum Einlesen dieser Datei bräuchte der Server etwa 16 MB Arbeitsspeicher; für Importe hat er 10 MB. Bitte die Datei aufteilen, z. B. nach Jahren oder Indikatoren, oder die Administration bitten, dem Server mehr Speicher zu geben.',
    );
    expect((refusal as ImportError).messageIn('en')).toContain('about 16 MB of memory; it has 10 MB for imports');
    expect(worked).toBe(false);
  });

  it('tells a second import to try again while the first holds the memory, and frees it afterwards', async () => {
    const budget = budgetOf(3 * 1024 * 1024);
    const half = file(100 * 1024); // 1.6 MB each: one fits, two do not
    const first = running();
    const firstImport = budget.withReservation(half, () => first.done);
    await expect(budget.withReservation(half, async () => 'second')).rejects.toMatchObject({ code: 'IMPORTS_BUSY', httpStatus: 503 });
    first.finish();
    await firstImport;
    await expect(budget.withReservation(half, async () => 'second')).resolves.toBe('second');
  });

  it('frees the reservation when the import fails', async () => {
    const budget = budgetOf(2 * 1024 * 1024);
    await expect(budget.withReservation(file(100 * 1024), () => Promise.reject(new Error('Datei kaputt')))).rejects.toThrow('Datei kaputt');
    await expect(budget.withReservation(file(100 * 1024), async () => 'ok')).resolves.toBe('ok');
  });

  it('takes half of the heap limit unless IMPORT_MEMORY_MB says otherwise', () => {
    expect(loadConfig({ IMPORT_MEMORY_MB: '300' }).importMemoryBytes).toBe(300 * 1024 * 1024);
    expect(loadConfig({}).importMemoryBytes).toBeGreaterThan(100 * 1024 * 1024);
  });
});
