import { CSV_DELIMITERS, detectDecimalSeparator, type DecimalSeparator } from '@lagebild/shared';
import Papa from 'papaparse';
import { bilingual } from '../import-language.js';
import { FileReadError } from './file-read.error.js';
import { buildTable, type Table } from './table.js';
import { decodeText, type TextEncoding } from './text-decoding.js';

export type Delimiter = (typeof CSV_DELIMITERS)[number];

export interface CsvOptions {
  delimiter?: Delimiter;
  encoding?: TextEncoding;
  decimalSeparator?: DecimalSeparator;
}

/**
 * Reads a CSV file as the departments export them: semicolon or comma (or tab, pipe),
 * quoted fields, UTF-8 with or without BOM or Windows-1252, decimal comma or point.
 * Whatever is not given is detected.
 */
export function readCsv(bytes: Uint8Array, options: CsvOptions = {}): Table {
  const { text, encoding, bom } = decodeText(bytes, options.encoding);
  if (text.trim() === '') throw new FileReadError(bilingual('Die Datei ist leer.', 'The file is empty.'));
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const raw = text.includes('"') ? parseQuoted(text, delimiter) : splitPlain(text, delimiter);
  const samples = sampleNumericCells(raw);
  const decimalSeparator = options.decimalSeparator ?? detectDecimalSeparator(samples, delimiter);
  return buildTable(raw, { kind: 'csv', encoding, bom, delimiter, decimalSeparator });
}

/**
 * The delimiter under which the first lines split most consistently into more than one
 * field. German files use `;` because `,` is their decimal mark, so `1.234,5` must not
 * make a comma look like a separator: consistency across lines decides, not frequency.
 */
export function detectDelimiter(text: string): Delimiter {
  const sample = text.slice(0, 64 * 1024);
  let best: Delimiter = ';';
  let bestScore = -1;
  for (const delimiter of CSV_DELIMITERS) {
    const { data } = Papa.parse<string[]>(sample, { delimiter, quoteChar: '"', preview: 40, skipEmptyLines: 'greedy' });
    const counts = data.map((row) => row.length);
    if (counts.length === 0) continue;
    const frequency = new Map<number, number>();
    for (const c of counts) frequency.set(c, (frequency.get(c) ?? 0) + 1);
    let mode = 1;
    let modeCount = 0;
    for (const [fields, n] of frequency) {
      if (n > modeCount || (n === modeCount && fields > mode)) {
        mode = fields;
        modeCount = n;
      }
    }
    if (mode < 2) continue;
    const score = modeCount / counts.length + Math.min(mode, 50) / 1000;
    if (score > bestScore + 1e-9) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

function parseQuoted(text: string, delimiter: Delimiter): string[][] {
  const parsed = Papa.parse<string[]>(text, { delimiter, quoteChar: '"', skipEmptyLines: false });
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) {
    const row = typeof quoteError.row === 'number' ? quoteError.row + 1 : null;
    throw new FileReadError(
      bilingual(
        `Ein Anführungszeichen wird nicht geschlossen${row ? ` (ab Zeile ${row})` : ''}. Bitte die Datei in Excel öffnen und erneut als CSV speichern.`,
        `A quotation mark is not closed${row ? ` (from row ${row})` : ''}. Please open the file in Excel and save it as CSV again.`,
      ),
    );
  }
  return parsed.data;
}

/** Without quotes a CSV file is lines and fields, nothing more; splitting is several times faster than a parser. */
function splitPlain(text: string, delimiter: Delimiter): string[][] {
  // Splitting on one character is much faster than on a pattern, and most files use \n alone.
  const lines = text.includes('\r') ? text.split(/\r\n|\n|\r/) : text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line) => line.split(delimiter));
}

function sampleNumericCells(raw: string[][]): string[] {
  const samples: string[] = [];
  for (let i = 0; i < raw.length && samples.length < 2000; i++) {
    for (const cell of raw[i]!) {
      if (cell && /^[\s+\-\u2212]*[\d.,\s\u00a0]+%?$/.test(cell) && /\d/.test(cell)) samples.push(cell.trim());
    }
  }
  return samples;
}
