/**
 * Periods as departments write them, turned into Lagebild's form: `2024`, `2024-H1`,
 * `2024-Q3` or `2024-06`. Returns null for anything else, so the import can say which
 * cell it could not read instead of guessing a date.
 */
export function normalisePeriod(raw: unknown): string | null {
  if (typeof raw === 'number') return Number.isInteger(raw) && validYear(raw) ? String(raw) : null;
  if (typeof raw !== 'string') return null;
  const s = raw.trim().replace(/\s+/g, ' ').toUpperCase();
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(s))) return year(m[1]!);
  // 2024-H1, 2024 H1, 2024/H1, 2024H1 and the same with Q; also H1 2024, Q3/2024.
  if ((m = /^(\d{4})[-/ ]?([HQ])([1-4])$/.exec(s))) return part(m[1]!, m[2]!, m[3]!);
  if ((m = /^([HQ])([1-4])[-/ ]?(\d{4})$/.exec(s))) return part(m[3]!, m[1]!, m[2]!);
  // German: "1. Halbjahr 2024", "3. Quartal 2024"
  if ((m = /^([1-4])\. ?(HALBJAHR|HJ\.?|QUARTAL|QU\.?) ?(\d{4})$/.exec(s))) return part(m[3]!, m[2]!.startsWith('H') ? 'H' : 'Q', m[1]!);
  // Months: 2024-06, 2024/06, 06/2024, 06.2024
  if ((m = /^(\d{4})[-/](\d{1,2})$/.exec(s))) return month(m[1]!, m[2]!);
  if ((m = /^(\d{1,2})[/.](\d{4})$/.exec(s))) return month(m[2]!, m[1]!);
  return null;
}

function validYear(y: number): boolean {
  return y >= 1900 && y <= 2100;
}

function year(y: string): string | null {
  return validYear(Number(y)) ? y : null;
}

function part(y: string, kind: string, n: string): string | null {
  if (!validYear(Number(y))) return null;
  if (kind === 'H' && n !== '1' && n !== '2') return null;
  return `${y}-${kind}${n}`;
}

function month(y: string, m: string): string | null {
  const n = Number(m);
  if (!validYear(Number(y)) || n < 1 || n > 12) return null;
  return `${y}-${String(n).padStart(2, '0')}`;
}
