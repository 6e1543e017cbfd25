/**
 * Numbers as departments type them into spreadsheets: German (`1.234,5`) or English
 * (`1,234.5`) separators, spaces as thousands separators, a trailing `%`, the Unicode
 * minus, and the symbols of official statistics for values that are missing or secret.
 */

export type DecimalSeparator = ',' | '.';

export interface ParsedCell {
  /** The number, or null when the cell holds no value (empty or a statistics symbol). */
  value: number | null;
  /** Delivered as secret by the data owner (`.` or `x` in official tables). */
  suppressed: boolean;
  /** Marked `p` (vorläufig). */
  provisional: boolean;
  /** Marked `s` (geschätzt). */
  estimated: boolean;
}

export type CellParseResult = { ok: true; cell: ParsedCell } | { ok: false };

const EMPTY: ParsedCell = { value: null, suppressed: false, provisional: false, estimated: false };

/**
 * Statistics symbols (Zeichenerklärung of the statistical offices): `.` unknown or secret,
 * `x` locked for content reasons, `/` not meaningful, `-`/`–` nothing there (zero is typed
 * as 0 by our departments, and "nothing" is not a number we may invent), `...` not yet
 * available. All of them mean: no value; `.` and `x` additionally mean "suppressed".
 */
const SECRET_SYMBOLS = new Set(['.', 'x', 'X', '*']);
const NO_VALUE_SYMBOLS = new Set(['/', '-', '–', '—', '...', '…', 'k.A.', 'k. A.', 'n.v.', 'NA', 'N/A', '#N/A']);

// Whitespace that spreadsheets put into numbers: normal, no-break and thin spaces.
const SPACES = /[\s\u00a0\u202f\u2009]/g;

// The shapes almost every cell has, checked first: an import of 100,000 values reads them all.
const PLAIN_COMMA = /^-?\d+(,\d+)?$/;
const GROUPED_COMMA = /^-?\d{1,3}(\.\d{3})+(,\d+)?$/;
const PLAIN_POINT = /^-?\d+(\.\d+)?$/;
const GROUPED_POINT = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;
const GROUPS = { ',': /^\d{1,3}(\.\d{3})+$/, '.': /^\d{1,3}(,\d{3})+$/ } as const;

/** Reads a number in the given convention; null when the text is not a number. */
export function parseLocaleNumber(text: string, decimal: DecimalSeparator): number | null {
  if (decimal === ',') {
    if (PLAIN_COMMA.test(text)) return Number(text.replace(',', '.'));
    if (GROUPED_COMMA.test(text)) return Number(text.replace(/\./g, '').replace(',', '.'));
  } else {
    if (PLAIN_POINT.test(text)) return Number(text);
    if (GROUPED_POINT.test(text)) return Number(text.replace(/,/g, ''));
  }
  let s = text.replace(SPACES, '').replace(/^\u2212/, '-');
  if (s.endsWith('%')) s = s.slice(0, -1);
  if (s === '') return null;
  const thousands = decimal === ',' ? '.' : ',';
  const sign = /^[+-]/.test(s) ? s[0] : '';
  if (sign) s = s.slice(1);
  const [integer, fraction, ...rest] = s.split(decimal);
  if (rest.length > 0 || integer === undefined) return null;
  let digits: string;
  if (integer.includes(thousands)) {
    // Thousands separators only in full groups of three: 1.234.567 but never 1.23.4.
    if (!GROUPS[decimal].test(integer)) return null;
    digits = integer.split(thousands).join('');
  } else {
    if (!/^\d*$/.test(integer)) return null;
    digits = integer;
  }
  if (fraction !== undefined && !/^\d+$/.test(fraction)) return null;
  if (digits === '' && fraction === undefined) return null;
  const value = Number(`${sign === '-' ? '-' : ''}${digits || '0'}${fraction !== undefined ? `.${fraction}` : ''}`);
  return Number.isFinite(value) ? value : null;
}

/** Decimals as typed, e.g. 1 for `12,3`: a value typed that way is exact to ±0.05. */
export function typedDecimals(text: string, decimal: DecimalSeparator): number {
  const s = text.replace(SPACES, '').replace(/%$/, '');
  const at = s.lastIndexOf(decimal);
  return at < 0 ? 0 : s.length - at - 1;
}

/**
 * Reads a value cell: a number with optional `p`/`s` marks (`12,3 p`), a statistics
 * symbol, or nothing. Numbers that arrive as numbers (XLSX) need no separator guess.
 */
export function parseValueCell(raw: unknown, decimal: DecimalSeparator): CellParseResult {
  if (raw === null || raw === undefined) return { ok: true, cell: EMPTY };
  if (typeof raw === 'number') return Number.isFinite(raw) ? { ok: true, cell: { ...EMPTY, value: raw } } : { ok: false };
  if (typeof raw !== 'string') return { ok: false };
  let text = raw.trim();
  if (text === '') return { ok: true, cell: EMPTY };
  if (SECRET_SYMBOLS.has(text)) return { ok: true, cell: { ...EMPTY, suppressed: true } };
  if (NO_VALUE_SYMBOLS.has(text)) return { ok: true, cell: EMPTY };
  const plain = parseLocaleNumber(text, decimal);
  if (plain !== null) return { ok: true, cell: { value: plain, suppressed: false, provisional: false, estimated: false } };
  let provisional = false;
  let estimated = false;
  // Marks follow the number, separated by a space or in parentheses: "12,3 p", "12,3 (s)".
  const mark = /^(.*?)\s*\(?\s*([ps])\s*\)?$/i.exec(text);
  if (mark && mark[1] !== '' && /\d/.test(mark[1]!)) {
    text = mark[1]!;
    if (mark[2]!.toLowerCase() === 'p') provisional = true;
    else estimated = true;
  }
  const value = parseLocaleNumber(text, decimal);
  if (value === null) return { ok: false };
  return { ok: true, cell: { value, suppressed: false, provisional, estimated } };
}

/**
 * Guesses the decimal separator from sample cells. `1234,5` and `1.234,5` speak for a
 * comma; `1234.5` and `1,234.5` for a point; `1.234` is ambiguous and counts for neither.
 * Without evidence, a semicolon-separated file is German, anything else English.
 */
export function detectDecimalSeparator(samples: readonly string[], delimiter: string | null): DecimalSeparator {
  if (delimiter === ',') return '.';
  let comma = 0;
  let point = 0;
  for (const raw of samples) {
    const s = raw.replace(SPACES, '');
    if (/^[+\-\u2212]?\d{1,3}(\.\d{3})+,\d+%?$/.test(s) || /^[+\-\u2212]?\d+,(\d{1,2}|\d{4,})%?$/.test(s)) comma++;
    else if (/^[+\-\u2212]?\d{1,3}(,\d{3})+\.\d+%?$/.test(s) || /^[+\-\u2212]?\d+\.(\d{1,2}|\d{4,})%?$/.test(s)) point++;
    else if (/^[+\-\u2212]?\d+,\d{3}%?$/.test(s)) comma += 0.5;
  }
  if (comma > point) return ',';
  if (point > comma) return '.';
  return delimiter === ';' ? ',' : '.';
}
