import { normalisePeriod } from './periods.js';

/**
 * Matching what people type in spreadsheets ("  mitte I ", "Rosenhuegel") against area
 * and indicator names and keys. An automatic match only forgives case and whitespace;
 * anything looser is offered as a suggestion, because "Mitte 1" silently becoming
 * "Mitte I" (or "Mitte II") would put a district's figures on the wrong map.
 */

/** Case- and whitespace-insensitive form: the only tolerance of an automatic match. */
export function normaliseName(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('de');
}

const ROMAN: Record<string, string> = {
  i: '1',
  ii: '2',
  iii: '3',
  iv: '4',
  v: '5',
  vi: '6',
  vii: '7',
  viii: '8',
  ix: '9',
  x: '10',
  xi: '11',
  xii: '12',
};

/** A forgiving form for suggestions: umlauts spelled out, roman numerals as digits, no separators. */
export function looseName(text: string): string {
  const tokens = normaliseName(text)
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return tokens.map((t) => ROMAN[t] ?? t).join('');
}

/** Optimal string alignment distance (Levenshtein plus swapped neighbours), stopping early above `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prevPrev = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const current = new Array<number>(cols);
    current[0] = i;
    let rowMin = current[0];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, current[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prevPrev[j - 2]! + 1);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = current;
  }
  return prev[cols - 1]!;
}

export type MatchResult<T> = { kind: 'exact'; item: T } | { kind: 'ambiguous'; items: T[] } | { kind: 'none'; suggestions: T[] };

interface Entry<T> {
  item: T;
  loose: string[];
}

/**
 * Matches text against items by any of their names (e.g. key, German and English name).
 * Results are cached per text, so a file of 100,000 rows with ten district names costs
 * ten lookups.
 */
export class NameMatcher<T> {
  private readonly exact = new Map<string, T[]>();
  private readonly entries: Entry<T>[] = [];
  private readonly cache = new Map<string, MatchResult<T>>();

  constructor(
    items: readonly T[],
    names: (item: T) => ReadonlyArray<string | null | undefined>,
    private readonly maxSuggestions = 3,
  ) {
    for (const item of items) {
      const list = names(item).filter((n): n is string => !!n && n.trim() !== '');
      for (const name of new Set(list.map(normaliseName))) {
        const bucket = this.exact.get(name) ?? [];
        if (!bucket.includes(item)) bucket.push(item);
        this.exact.set(name, bucket);
      }
      this.entries.push({ item, loose: list.map(looseName).filter(Boolean) });
    }
  }

  match(text: string): MatchResult<T> {
    const cached = this.cache.get(text);
    if (cached) return cached;
    const result = this.compute(text);
    this.cache.set(text, result);
    return result;
  }

  private compute(text: string): MatchResult<T> {
    const hits = this.exact.get(normaliseName(text));
    if (hits?.length === 1) return { kind: 'exact', item: hits[0]! };
    if (hits && hits.length > 1) return { kind: 'ambiguous', items: hits };
    return { kind: 'none', suggestions: this.suggest(text) };
  }

  private suggest(text: string): T[] {
    const wanted = looseName(text);
    if (!wanted) return [];
    const max = Math.max(1, Math.round(wanted.length / 4));
    const scored: { item: T; score: number }[] = [];
    for (const entry of this.entries) {
      let best = Infinity;
      for (const name of entry.loose) {
        // "Stadtbezirk Brauck" for "Brauck": the name inside a longer label.
        if (name.length >= 4 && (wanted.includes(name) || name.includes(wanted))) best = Math.min(best, 0.5);
        best = Math.min(best, editDistance(wanted, name, max));
      }
      if (best <= max) scored.push({ item: entry.item, score: best });
    }
    scored.sort((a, b) => a.score - b.score);
    // Only the closest: for "Mitte 1", "Mitte I" is meant and "Mitte II" would only confuse.
    const best = scored[0]?.score ?? 0;
    return scored
      .filter((s) => s.score <= best + 0.5)
      .slice(0, this.maxSuggestions)
      .map((s) => s.item);
  }
}

// Column names departments use, in loose form (see looseName).
const HEADER_HINTS = {
  area: [
    'gebiet',
    'stadtbezirk',
    'bezirk',
    'stadtteil',
    'sozialraum',
    'quartier',
    'ortsteil',
    'gebietsname',
    'gebietsschluessel',
    'area',
    'district',
    'name',
  ],
  period: ['jahr', 'zeitraum', 'periode', 'stichtag', 'berichtsjahr', 'year', 'period'],
  indicator: ['indikator', 'kennzahl', 'merkmal', 'indicator', 'variable'],
  value: ['wert', 'value', 'anzahl', 'anteil', 'quote', 'betrag'],
  numerator: ['zaehler', 'numerator'],
  denominator: ['nenner', 'denominator', 'basis', 'bezugsgroesse', 'grundgesamtheit'],
} as const;

export interface MappingSuggestion {
  layout: 'long' | 'wide';
  mapping: {
    areaColumn: string;
    periodColumn?: string;
    indicatorColumn?: string;
    valueColumn?: string;
    numeratorColumn?: string;
    denominatorColumn?: string;
    columns?: Record<string, string>;
    periodColumns?: Record<string, string>;
  };
}

/**
 * A first guess at the mapping from the header row, for the steward to check: named
 * columns for long files, indicator names or periods as headers for wide ones.
 */
export function suggestMapping(
  headers: readonly string[],
  indicators: ReadonlyArray<{ key: string; name: string; nameEn?: string | null }>,
): MappingSuggestion {
  const loose = headers.map(looseName);
  const used = new Set<number>();
  const find = (hints: readonly string[]): string | undefined => {
    for (const hint of hints) {
      const i = loose.findIndex((h, index) => !used.has(index) && h === hint);
      if (i >= 0) {
        used.add(i);
        return headers[i];
      }
    }
    for (const hint of hints) {
      const i = loose.findIndex((h, index) => !used.has(index) && h.startsWith(hint));
      if (i >= 0) {
        used.add(i);
        return headers[i];
      }
    }
    return undefined;
  };
  const areaColumn = find(HEADER_HINTS.area) ?? (used.add(0), headers[0] ?? '');
  const periodColumn = find(HEADER_HINTS.period);
  const indicatorColumn = find(HEADER_HINTS.indicator);
  const numeratorColumn = find(HEADER_HINTS.numerator);
  const denominatorColumn = find(HEADER_HINTS.denominator);
  const valueColumn = find(HEADER_HINTS.value);

  if (indicatorColumn && valueColumn) {
    return {
      layout: 'long',
      mapping: { areaColumn, periodColumn, indicatorColumn, valueColumn, numeratorColumn, denominatorColumn },
    };
  }

  const matcher = new NameMatcher(indicators, (i) => [i.key, i.name, i.nameEn]);
  const columns: Record<string, string> = {};
  const periodColumns: Record<string, string> = {};
  headers.forEach((header, index) => {
    if (used.has(index)) return;
    const match = matcher.match(header);
    if (match.kind === 'exact') columns[header] = match.item.key;
    else {
      const period = normalisePeriod(header);
      if (period) periodColumns[header] = period;
    }
  });
  if (Object.keys(periodColumns).length > Object.keys(columns).length) {
    return { layout: 'wide', mapping: { areaColumn, periodColumns } };
  }
  if (Object.keys(columns).length > 0) {
    return { layout: 'wide', mapping: { areaColumn, periodColumn, columns } };
  }
  return { layout: 'long', mapping: { areaColumn, periodColumn, indicatorColumn, valueColumn, numeratorColumn, denominatorColumn } };
}

/**
 * An area key from a name or an official number: lower case, umlauts spelled out, words
 * joined by hyphens (`Rentfort-Nord` → `rentfort-nord`, `Rosenhügel` → `rosenhuegel`).
 */
export function slugifyKey(text: string): string {
  return normaliseName(text)
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/^[-_]+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/g, '');
}
