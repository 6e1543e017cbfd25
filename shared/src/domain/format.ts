/**
 * Number, period and date formatting for people, shared by the UI and the exports so that
 * a value reads the same on screen, in the CSV and in the PNG legend.
 *
 * Written out instead of using Intl: the first Intl.DateTimeFormat or NumberFormat of a
 * page loads locale data, which costs tens of milliseconds on the way to the first map
 * frame, and the two languages Lagebild speaks need only these few rules.
 */
export type DisplayLocale = 'de' | 'en';

const SEPARATORS: Record<DisplayLocale, { group: string; decimal: string }> = {
  de: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};
const MONTHS: Record<DisplayLocale, readonly string[]> = {
  de: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** 12345.678 → "12.345,7" (de) / "12,345.7" (en), with the indicator's decimals. */
export function formatNumber(value: number, decimals: number, locale: DisplayLocale = 'de'): string {
  const d = clampDecimals(decimals);
  const rounded = roundHalfAway(value, d);
  const [integer, fraction] = Math.abs(rounded).toFixed(d).split('.');
  const { group, decimal } = SEPARATORS[locale];
  const grouped = integer!.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${rounded < 0 ? '-' : ''}${grouped}${fraction ? decimal + fraction : ''}`;
}

/** A difference with its sign: "+1,2", "−0,4", "0,0". */
export function formatSigned(value: number, decimals: number, locale: DisplayLocale = 'de'): string {
  const rounded = roundHalfAway(value, clampDecimals(decimals));
  const text = formatNumber(Math.abs(rounded), decimals, locale);
  if (rounded === 0) return text;
  return `${rounded > 0 ? '+' : '\u2212'}${text}`;
}

/** "2024" stays; "2024-H1" → "1. Hj. 2024"; "2024-Q3" → "3. Quartal 2024"; "2024-06" → "Juni 2024". */
export function formatPeriod(period: string, locale: DisplayLocale = 'de'): string {
  const match = /^(\d{4})(?:-(H[12]|Q[1-4]|\d{2}))?$/.exec(period);
  if (!match) return period;
  const [, year, part] = match;
  if (!part) return year!;
  if (part.startsWith('H')) return locale === 'de' ? `${part[1]}. Hj. ${year}` : `H${part[1]} ${year}`;
  if (part.startsWith('Q')) return locale === 'de' ? `${part[1]}. Quartal ${year}` : `Q${part[1]} ${year}`;
  const month = MONTHS[locale][Number(part) - 1];
  return month ? `${month} ${year}` : period;
}

/** "2025-02-14" → "14.02.2025" (de) / "14 Feb 2025" (en). */
export function formatDate(isoDate: string, locale: DisplayLocale = 'de'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  const [, year, month, day] = match;
  if (locale === 'de') return `${day}.${month}.${year}`;
  const name = MONTHS.en[Number(month) - 1];
  return name ? `${Number(day)} ${name.slice(0, 3)} ${year}` : isoDate;
}

/** A number for machine-readable exports: a plain decimal with the locale's separator and no grouping. */
export function formatExportNumber(value: number, decimals: number, decimalSeparator: ',' | '.'): string {
  const d = clampDecimals(decimals);
  const fixed = roundHalfAway(value, d).toFixed(d);
  return decimalSeparator === ',' ? fixed.replace('.', ',') : fixed;
}

function clampDecimals(decimals: number): number {
  return Math.min(6, Math.max(0, Math.round(decimals)));
}

/** Half away from zero, as statistics offices round; never "-0". */
function roundHalfAway(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * factor + Number.EPSILON * factor)) / factor;
  return rounded === 0 ? 0 : rounded;
}
