import type { AreaValue, Polarity, ReferenceValue, ValueCell } from '../schemas/atlas.js';
import { classify, classIndexOf, type Classification, type ClassificationMethod } from './classification.js';
import { NO_DATA_COLOR, PALETTES, SUPPRESSED_COLOR, classColors, defaultPalette, isPaletteKey, type PaletteKey } from './palettes.js';

/**
 * The one model behind the atlas map, its legend, the table, the charts and every export:
 * which value each area shows, its class and colour, its rank and its distance to the
 * city. Built once per selection, so the views cannot disagree.
 */
export type AtlasMode = 'status' | 'change';
export type ChangeKind = 'absolute' | 'relative';
export type AtlasCellStatus = 'value' | 'suppressed' | 'missing';

export interface AtlasPeriodValues {
  period: string;
  values: readonly AreaValue[];
  reference: ReferenceValue | null;
}

export interface ChoroplethInput {
  /** The areas of the map, in the order the table lists them by default. */
  areas: readonly { key: string; name: string }[];
  indicator: { polarity: Polarity; decimals: number };
  current: AtlasPeriodValues;
  /** Status mode: the period before, for the "change to the previous period" column. */
  previous?: AtlasPeriodValues | null;
  mode: AtlasMode;
  /** Change mode: the period the change is measured from. */
  base?: AtlasPeriodValues | null;
  changeKind?: ChangeKind;
  method: ClassificationMethod;
  classes: number;
  manualBreaks?: readonly number[];
  /** Status mode: split the colours at the city value. Change maps always diverge around 0. */
  diverging?: boolean;
  /** A palette the planner chose; a sequential one is ignored for diverging maps and vice versa. */
  palette?: string | null;
}

export interface ChoroplethRow {
  areaKey: string;
  name: string;
  /** What the map shows: the value (status) or the change (change mode). */
  measure: number | null;
  status: AtlasCellStatus;
  /** The value in the selected period. */
  current: ValueCell | null;
  /** Change mode: the value in the base period. */
  base: ValueCell | null;
  /** Status mode: absolute change to the previous period, when both are published. */
  changeToPrevious: number | null;
  /** measure − the city's measure. */
  differenceToReference: number | null;
  /** 1 = highest measure; ties share a rank. */
  rank: number | null;
  classIndex: number | null;
  color: string;
}

export interface LegendClass {
  index: number;
  from: number;
  to: number;
  /** Whether `to` belongs to the class (only for the last class). */
  includesUpper: boolean;
  count: number;
  color: string;
}

export interface ChoroplethModel {
  rows: ChoroplethRow[];
  classification: Classification;
  palette: PaletteKey;
  diverging: boolean;
  legend: LegendClass[];
  suppressedCount: number;
  missingCount: number;
  /** Areas with a published measure. */
  rankedCount: number;
  reference: { measure: number | null; status: AtlasCellStatus; current: ValueCell | null; base: ValueCell | null };
  /** Decimals of the measure: the indicator's, or 1 for a relative change in percent. */
  measureDecimals: number;
}

export function buildChoropleth(input: ChoroplethInput): ChoroplethModel {
  const mode = input.mode;
  const changeKind = input.changeKind ?? 'absolute';
  const currentByArea = new Map(input.current.values.map((v) => [v.areaKey, v]));
  const baseByArea = mode === 'change' && input.base ? new Map(input.base.values.map((v) => [v.areaKey, v])) : null;
  const previousByArea = mode === 'status' && input.previous ? new Map(input.previous.values.map((v) => [v.areaKey, v])) : null;
  const measureDecimals = mode === 'change' && changeKind === 'relative' ? 1 : input.indicator.decimals;

  const measureOf = (
    current: ValueCell | null | undefined,
    base: ValueCell | null | undefined,
  ): { measure: number | null; status: AtlasCellStatus } => {
    if (mode === 'status') {
      if (!current) return { measure: null, status: 'missing' };
      if (current.suppressed) return { measure: null, status: 'suppressed' };
      return isFiniteNumber(current.value) ? { measure: current.value, status: 'value' } : { measure: null, status: 'missing' };
    }
    if (current?.suppressed || base?.suppressed) return { measure: null, status: 'suppressed' };
    if (!current || !base || !isFiniteNumber(current.value) || !isFiniteNumber(base.value)) return { measure: null, status: 'missing' };
    const change = changeBetween(base.value, current.value, changeKind, measureDecimals);
    return change === null ? { measure: null, status: 'missing' } : { measure: change, status: 'value' };
  };

  const reference = input.current.reference;
  const referenceBase = mode === 'change' ? (input.base?.reference ?? null) : null;
  const referenceMeasure = measureOf(reference, referenceBase);

  const rows: ChoroplethRow[] = input.areas.map((area) => {
    const current = currentByArea.get(area.key) ?? null;
    const base = baseByArea?.get(area.key) ?? null;
    const { measure, status } = measureOf(current, base);
    const previous = previousByArea?.get(area.key);
    const changeToPrevious =
      previous && current && !previous.suppressed && !current.suppressed && isFiniteNumber(previous.value) && isFiniteNumber(current.value)
        ? round(current.value - previous.value, input.indicator.decimals)
        : null;
    return {
      areaKey: area.key,
      name: area.name,
      measure,
      status,
      current,
      base,
      changeToPrevious,
      differenceToReference:
        measure !== null && referenceMeasure.measure !== null ? round(measure - referenceMeasure.measure, measureDecimals) : null,
      rank: null,
      classIndex: null,
      color: status === 'suppressed' ? SUPPRESSED_COLOR : NO_DATA_COLOR,
    };
  });

  assignRanks(rows);

  const diverging = mode === 'change' || input.diverging === true;
  const centre = mode === 'change' ? 0 : diverging ? referenceMeasure.measure : null;
  const classification = classify(
    rows.map((r) => r.measure),
    { method: input.method, classes: input.classes, manualBreaks: input.manualBreaks, centre, decimals: measureDecimals },
  );
  const palette = choosePalette(input.palette, input.indicator.polarity, diverging);
  const classesBelowCentre =
    classification.centreBreak ??
    (centre === null || classification.classCount === 0
      ? undefined
      : classification.breaks[classification.classCount]! <= centre
        ? classification.classCount
        : classification.breaks[0]! >= centre
          ? 0
          : undefined);
  const colors = classColors({ palette, classCount: classification.classCount, polarity: input.indicator.polarity, classesBelowCentre });

  for (const row of rows) {
    row.classIndex = classIndexOf(classification, row.measure);
    if (row.classIndex !== null) row.color = colors[row.classIndex]!;
  }

  const legend: LegendClass[] = classification.counts.map((count, index) => ({
    index,
    from: classification.breaks[index]!,
    to: classification.breaks[index + 1]!,
    includesUpper: index === classification.classCount - 1,
    count,
    color: colors[index]!,
  }));

  return {
    rows,
    classification,
    palette,
    diverging,
    legend,
    suppressedCount: rows.filter((r) => r.status === 'suppressed').length,
    missingCount: rows.filter((r) => r.status === 'missing').length,
    rankedCount: rows.filter((r) => r.rank !== null).length,
    reference: { measure: referenceMeasure.measure, status: referenceMeasure.status, current: reference, base: referenceBase },
    measureDecimals,
  };
}

/**
 * Change from `from` to `to`: absolute (in the indicator's unit, i.e. percentage points for
 * a rate in %) or relative in percent; a relative change from 0 is undefined.
 */
export function changeBetween(from: number, to: number, kind: ChangeKind, decimals: number): number | null {
  if (kind === 'absolute') return round(to - from, decimals);
  if (from === 0) return null;
  return round(((to - from) / Math.abs(from)) * 100, decimals);
}

function choosePalette(requested: string | null | undefined, polarity: Polarity, diverging: boolean): PaletteKey {
  if (isPaletteKey(requested) && (PALETTES[requested].kind === 'diverging') === diverging) return requested;
  return defaultPalette(polarity, diverging);
}

/** Competition ranking ("1, 2, 2, 4"), highest measure first. */
function assignRanks(rows: ChoroplethRow[]): void {
  const ranked = rows.filter((r) => r.measure !== null).sort((a, b) => b.measure! - a.measure!);
  ranked.forEach((row, i) => {
    const previous = ranked[i - 1];
    row.rank = previous && previous.measure === row.measure ? previous.rank : i + 1;
  });
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Rounds away the binary noise of a subtraction (12.3 − 10.1 = 2.2000000000000011). */
function round(value: number, decimals: number): number {
  const factor = 10 ** Math.min(6, Math.max(0, decimals));
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * factor + Number.EPSILON * factor)) / factor;
  return rounded === 0 ? 0 : rounded;
}
