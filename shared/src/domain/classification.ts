import { ckmeans } from 'simple-statistics';

/**
 * How the values of a map are cut into classes. These are the methods planners know from
 * KomMonitor and the KECK-Atlas; they live here as pure functions so that the map, the
 * legend, the table and every export agree on which class an area is in.
 */
export const CLASSIFICATION_METHODS = ['quantile', 'equal_interval', 'natural_breaks', 'std_dev', 'manual'] as const;
export type ClassificationMethod = (typeof CLASSIFICATION_METHODS)[number];

export const MIN_CLASSES = 3;
export const MAX_CLASSES = 9;
export const DEFAULT_CLASSES = 5;

export interface ClassificationOptions {
  method: ClassificationMethod;
  /** Requested number of classes (3–9); ignored for manual breaks, whose count follows the breaks. */
  classes: number;
  /** Inner class limits for `manual`, in any order; duplicates and non-finite entries are dropped. */
  manualBreaks?: readonly number[];
  /**
   * Splits the classes at this value as well (the city value for a diverging map, 0 for a
   * change map), so no class straddles it. Ignored when it lies outside the data.
   */
  centre?: number | null;
  /** Rounds computed inner limits to the indicator's decimals, so legend labels never lie. */
  decimals?: number;
}

export interface Classification {
  method: ClassificationMethod;
  /**
   * Ascending class limits, `classCount + 1` of them. Class i holds the values v with
   * breaks[i] <= v < breaks[i+1]; the last class also holds its upper limit.
   */
  breaks: number[];
  classCount: number;
  /** Areas per class, in class order. */
  counts: number[];
  /** Number of finite values that were classified. */
  valueCount: number;
  /** Index into `breaks` of the centre limit, when the classes were split at a centre; else null. */
  centreBreak: number | null;
}

/** Inner limits the user may set by hand: at most MAX_CLASSES - 1 of them. */
export const MAX_MANUAL_BREAKS = MAX_CLASSES - 1;

export function clampClassCount(classes: number): number {
  if (!Number.isFinite(classes)) return DEFAULT_CLASSES;
  return Math.min(MAX_CLASSES, Math.max(MIN_CLASSES, Math.round(classes)));
}

/** The finite values, ascending. Missing (null), suppressed and NaN values take no class. */
export function finiteSorted(values: readonly (number | null | undefined)[]): number[] {
  const finite: number[] = [];
  // Adding 0 turns -0 into 0: the two compare equal, so otherwise the order of the input
  // would decide which of them becomes a class limit.
  for (const v of values) if (typeof v === 'number' && Number.isFinite(v)) finite.push(v + 0);
  return finite.sort((a, b) => a - b);
}

/**
 * Classifies the values. Degenerate data never throws: no finite values give no classes;
 * a single distinct value (one area, or all equal) gives one class; asking for more
 * classes than there are distinct values gives at most one class per distinct value
 * (except equal intervals, whose empty classes are part of the method).
 */
export function classify(values: readonly (number | null | undefined)[], options: ClassificationOptions): Classification {
  const sorted = finiteSorted(values);
  const method = options.method;
  if (sorted.length === 0) return { method, breaks: [], classCount: 0, counts: [], valueCount: 0, centreBreak: null };
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;

  let inner: number[];
  if (method === 'manual') {
    inner = normaliseManualBreaks(options.manualBreaks ?? []);
  } else if (min === max) {
    inner = [];
  } else {
    const k = clampClassCount(options.classes);
    const raw = innerBreaks(method, sorted, k);
    inner = options.decimals === undefined ? raw : raw.map((b) => roundHalfAway(b, options.decimals!));
  }

  let lower = min;
  let upper = max;
  if (method === 'manual' && inner.length) {
    // Hand-set limits outside the data still bound the classes: a limit below the smallest
    // value starts the first class, one above the largest ends the last.
    lower = Math.min(min, inner[0]!);
    upper = Math.max(max, inner[inner.length - 1]!);
  }
  // A computed limit equal to the largest value is kept (the last class then holds exactly
  // that value, e.g. a natural break that isolates the maximum); a hand-set limit at or
  // beyond the data only bounds the outer class, because the class beyond it would be empty.
  inner = inner.filter((b) => b > lower && (method === 'manual' ? b < upper : b <= upper));

  const centre = options.centre;
  if (typeof centre === 'number' && Number.isFinite(centre) && centre > lower && centre < upper) inner.push(centre);
  inner = uniqueAscending(inner);
  const breaks = [lower, ...inner, upper];

  let centreBreak: number | null = null;
  if (typeof centre === 'number' && Number.isFinite(centre)) {
    const index = breaks.indexOf(centre);
    if (index > 0 && index < breaks.length - 1) centreBreak = index;
  }

  const classCount = breaks.length - 1;
  const counts = new Array<number>(classCount).fill(0);
  const classification: Classification = { method, breaks, classCount, counts, valueCount: sorted.length, centreBreak };
  for (const v of sorted) counts[classIndexOf(classification, v)!]!++;
  return classification;
}

/** The class of a value, or null for a missing, suppressed or non-finite value. */
export function classIndexOf(classification: Pick<Classification, 'breaks' | 'classCount'>, value: number | null | undefined): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || classification.classCount === 0) return null;
  const { breaks } = classification;
  // Binary search for the last limit <= value among the inner limits.
  let lo = 0;
  let hi = classification.classCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (value >= breaks[mid]!) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function innerBreaks(method: Exclude<ClassificationMethod, 'manual'>, sorted: readonly number[], k: number): number[] {
  const n = sorted.length;
  const min = sorted[0]!;
  const max = sorted[n - 1]!;
  switch (method) {
    case 'equal_interval': {
      const step = (max - min) / k;
      return Array.from({ length: k - 1 }, (_, i) => min + step * (i + 1));
    }
    case 'quantile': {
      // Each limit is the first value of its class, so classes hold about n/k values. Equal
      // values stay in one class; when ties swallow a limit, the next distinct value starts
      // the class instead, so no class is empty.
      const result: number[] = [];
      let last = min;
      for (let i = 1; i < k; i++) {
        let limit = sorted[Math.min(n - 1, Math.round((i * n) / k))]!;
        if (limit <= last) {
          const next = sorted.find((v) => v > last);
          if (next === undefined) break;
          limit = next;
        }
        result.push(limit);
        last = limit;
      }
      return result;
    }
    case 'natural_breaks': {
      const distinct = uniqueAscending(sorted).length;
      const clusters = ckmeans([...sorted], Math.min(k, distinct));
      return clusters.slice(1).map((cluster) => cluster[0]!);
    }
    case 'std_dev': {
      const mean = sorted.reduce((s, v) => s + v, 0) / n;
      const sd = Math.sqrt(sorted.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
      if (sd === 0) return [];
      // Classes one standard deviation wide, centred on the mean (for an odd count the
      // middle class spans mean ± ½ sd); limits beyond the data are dropped by the caller.
      return Array.from({ length: k - 1 }, (_, i) => mean + (i + 1 - k / 2) * sd);
    }
  }
}

/** Sorted, deduplicated, finite, and at most MAX_MANUAL_BREAKS of them (the lowest are kept). */
export function normaliseManualBreaks(breaks: readonly number[]): number[] {
  return uniqueAscending(breaks.filter((b) => Number.isFinite(b))).slice(0, MAX_MANUAL_BREAKS);
}

export type ManualBreaksProblem = { kind: 'not_a_number'; token: string } | { kind: 'too_many'; max: number } | { kind: 'empty' };

/**
 * Reads limits typed by a person: separated by semicolons or spaces, with a decimal comma
 * or point ("10; 12,5; 20" or "10 12.5 20"). A comma followed by a space, or commas without
 * any semicolon between numbers with a point, also separate.
 */
export function parseManualBreaks(text: string): { breaks: number[]; problems: ManualBreaksProblem[] } {
  const trimmed = text.trim();
  if (!trimmed) return { breaks: [], problems: [{ kind: 'empty' }] };
  const usesDecimalComma = /\d,\d/.test(trimmed) && !/\d\.\d/.test(trimmed) && (/;/.test(trimmed) || !/,\s/.test(trimmed));
  const separators = usesDecimalComma ? /[;\s]+/ : /[;,\s]+/;
  const problems: ManualBreaksProblem[] = [];
  const numbers: number[] = [];
  for (const token of trimmed.split(separators).filter(Boolean)) {
    const normalised = usesDecimalComma ? token.replace(/\./g, '').replace(',', '.') : token;
    const value = /^[-+\u2212]?(\d+(\.\d*)?|\.\d+)$/.test(normalised) ? Number(normalised.replace('\u2212', '-')) : Number.NaN;
    if (Number.isFinite(value)) numbers.push(value);
    else problems.push({ kind: 'not_a_number', token });
  }
  const breaks = uniqueAscending(numbers);
  if (breaks.length > MAX_MANUAL_BREAKS) problems.push({ kind: 'too_many', max: MAX_MANUAL_BREAKS });
  return { breaks: breaks.slice(0, MAX_MANUAL_BREAKS), problems };
}

function uniqueAscending(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.filter((v, i) => i === 0 || v !== sorted[i - 1]);
}

function roundHalfAway(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * factor + Number.EPSILON)) / factor;
  return rounded === 0 ? 0 : rounded;
}
