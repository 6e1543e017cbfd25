import type { FileFormat } from '@lagebild/shared';

/** A cell as read: text from CSV, text or number from Excel (numbers need no separator guess). */
export type CellValue = string | number | null;

/** A file's table: its header row and data rows, with row numbers as a spreadsheet shows them. */
export interface Table {
  headers: string[];
  rows: CellValue[][];
  /** 1-based row number of each data row in the file (the header row has its own number). */
  rowNumbers: number[];
  headerRow: number;
  format: FileFormat;
}

/** Text for people: numbers the German way, as they appear in the steward's spreadsheet. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value.toLocaleString('de-DE', { maximumFractionDigits: 10, useGrouping: false });
  return value;
}

const NOTE = /^(quelle|quellen|anmerkung|hinweis|fußnote|fussnote|stand|erläuterung|\*|\(?\d\))/i;

/**
 * Turns raw rows into a table: the header is the first row that fills most of the width
 * (title lines above it are skipped), empty rows are dropped, and notes below the data
 * ("Quelle: …", "* vorläufig") are left out rather than reported as unknown areas.
 */
export function buildTable(raw: CellValue[][], format: FileFormat): Table {
  const head = raw.slice(0, 30);
  let width = 0;
  for (const row of head) width = Math.max(width, filled(row));
  const headerIndex = raw.findIndex((row) => filled(row) >= Math.max(1, Math.ceil(width * 0.6)));
  if (headerIndex < 0) return { headers: [], rows: [], rowNumbers: [], headerRow: 1, format };

  const seen = new Map<string, number>();
  const headerCells = raw[headerIndex]!;
  let columnCount = headerCells.length;
  for (let i = headerIndex + 1; i < raw.length; i++) {
    const row = raw[i]!;
    if (row.length > columnCount) columnCount = Math.max(columnCount, lastFilled(row) + 1);
  }
  const headers: string[] = [];
  for (let i = 0; i < columnCount; i++) {
    let name = cellText(headerCells[i]).trim().replace(/\s+/g, ' ') || `Spalte ${i + 1}`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    if (n > 1) name = `${name} (${n})`;
    headers.push(name);
  }

  let last = raw.length - 1;
  while (last > headerIndex && (filled(raw[last]!) === 0 || isNote(raw[last]!))) last--;
  const rows: CellValue[][] = [];
  const rowNumbers: number[] = [];
  for (let i = headerIndex + 1; i <= last; i++) {
    const row = raw[i]!;
    if (!hasContent(row)) continue;
    rows.push(row);
    rowNumbers.push(i + 1);
  }
  return { headers, rows, rowNumbers, headerRow: headerIndex + 1, format };
}

const isEmpty = (cell: CellValue | undefined) => cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');

function filled(row: CellValue[]): number {
  let n = 0;
  for (const cell of row) if (!isEmpty(cell)) n++;
  return n;
}

function hasContent(row: CellValue[]): boolean {
  for (const cell of row) if (!isEmpty(cell)) return true;
  return false;
}

function isNote(row: CellValue[]): boolean {
  return filled(row) === 1 && typeof row[0] === 'string' && NOTE.test(row[0].trim());
}

function lastFilled(row: CellValue[]): number {
  for (let i = row.length - 1; i >= 0; i--) if (!isEmpty(row[i])) return i;
  return -1;
}
