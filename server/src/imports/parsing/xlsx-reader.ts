import type ExcelJS from 'exceljs';
import { bilingual, quotedList, quote } from '../import-language.js';
import { FileReadError } from './file-read.error.js';
import { buildTable, type CellValue, type Table } from './table.js';
import { readZipDirectory, unpackedSize } from './zip-directory.js';

/** Unpacked size an Excel file may have; beyond it the file is refused, not decompressed. */
const MAX_UNPACKED_BYTES = 400 * 1024 * 1024;

/**
 * Reads one sheet of an Excel workbook (.xlsx). Numbers stay numbers, formulas give their
 * result, dates become ISO text. Without a chosen sheet the first one with data is read.
 */
export async function readXlsx(bytes: Buffer, sheetName?: string): Promise<Table> {
  guardUnpackedSize(bytes);
  // Loaded on the first Excel file: the module alone is about 8 MB of heap that every server
  // process would otherwise carry (and every major GC mark) for a once-a-year import.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new FileReadError(
      bilingual(
        'Die Excel-Datei lässt sich nicht öffnen. Ist sie beschädigt oder mit einem Kennwort geschützt?',
        'The Excel file cannot be opened. Is it damaged or protected with a password?',
      ),
    );
  }
  const sheets = workbook.worksheets.filter((s) => s.state !== 'veryHidden');
  if (sheets.length === 0) throw new FileReadError(bilingual('Die Excel-Datei enthält kein Tabellenblatt.', 'The Excel file holds no worksheet.'));
  let sheet = sheetName ? sheets.find((s) => s.name === sheetName || s.name.trim().toLowerCase() === sheetName.trim().toLowerCase()) : undefined;
  if (sheetName && !sheet) {
    const available = quotedList(sheets.map((s) => s.name));
    throw new FileReadError(
      bilingual(
        `Das Tabellenblatt ${quote.de(sheetName)} gibt es in dieser Datei nicht. Vorhanden: ${available.de}.`,
        `There is no worksheet ${quote.en(sheetName)} in this file. It has: ${available.en}.`,
      ),
    );
  }
  // Departments put notes on the first sheet; the data is on the sheet that holds the largest table.
  sheet ??= sheets.reduce((best, s) => (s.actualRowCount * s.actualColumnCount > best.actualRowCount * best.actualColumnCount ? s : best));

  const raw: CellValue[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellValue(cell.value);
    });
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    raw[rowNumber - 1] = cells;
  });
  for (let i = 0; i < raw.length; i++) raw[i] ??= [];
  return buildTable(raw, { kind: 'xlsx', decimalSeparator: ',', sheet: sheet.name, sheets: sheets.map((s) => s.name) });
}

function cellValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'WAHR' : 'FALSCH';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellValue((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('error' in value) return String((value as { error: unknown }).error);
    if ('text' in value) return String((value as { text: unknown }).text);
  }
  return String(value);
}

/** A zip bomb must not take the server down: sum the declared sizes before anything is unpacked. */
function guardUnpackedSize(bytes: Buffer): void {
  const entries = readZipDirectory(bytes);
  if (!entries) throw new FileReadError(bilingual('Die Datei ist keine gültige Excel-Datei (.xlsx).', 'The file is not a valid Excel file (.xlsx).'));
  if (unpackedSize(entries) > MAX_UNPACKED_BYTES)
    throw new FileReadError(
      bilingual(
        'Die Excel-Datei ist entpackt zu groß. Bitte auf mehrere Dateien aufteilen.',
        'The Excel file is too large once unpacked. Please split it into several files.',
      ),
    );
  if (!entries.some((e) => e.name === '[Content_Types].xml') || !entries.some((e) => e.name.startsWith('xl/'))) {
    throw new FileReadError(bilingual('Die ZIP-Datei ist keine Excel-Arbeitsmappe (.xlsx).', 'The ZIP file is not an Excel workbook (.xlsx).'));
  }
}
