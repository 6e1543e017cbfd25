import {
  NameMatcher,
  normaliseName,
  normalisePeriod,
  parseValueCell,
  typedDecimals,
  type DecimalSeparator,
  type ImportLayout,
  type IndicatorKind,
  type ParsedCell,
  type ValueMapping,
} from '@lagebild/shared';
import { bilingual, numberText, quote, quoted, quotedList, suggestionList, type Bilingual, type BilingualProblem } from '../import-language.js';
import { cellText, type CellValue, type Table } from '../parsing/table.js';

export interface ReferenceArea {
  id: string;
  key: string;
  name: string;
}

export interface ReferenceIndicator {
  id: string;
  key: string;
  name: string;
  nameEn: string | null;
  kind: IndicatorKind;
  unit: string;
  rateFactor: number | null;
  decimals: number;
  departmentId: string | null;
  retired: boolean;
}

/** One value ready to be written, keyed by (indicator, area, period). */
export interface IncomingValue {
  indicatorId: string;
  areaId: string;
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  isSuppressed: boolean;
  isEstimated: boolean;
  isProvisional: boolean;
}

export interface ValueRowsResult {
  values: IncomingValue[];
  problems: BilingualProblem[];
  /** Data rows read. */
  rows: number;
  /** Rows without a problem. */
  validRows: number;
  /** Row numbers (as in the file) that have a problem, in file order. */
  problemRows: number[];
  indicators: ReferenceIndicator[];
  periods: string[];
}

interface Target {
  indicator: ReferenceIndicator;
  period: string | null;
  column: string;
  header: number;
}

/**
 * Turns the rows of a file into values, and every problem into a sentence with row and
 * column that a steward can act on. Pure: reference data comes in, nothing is written,
 * so the same check serves the dry run and the commit.
 */
export function readValueRows(
  table: Table,
  layout: ImportLayout,
  mapping: ValueMapping,
  areas: readonly ReferenceArea[],
  indicators: readonly ReferenceIndicator[],
  decimal: DecimalSeparator,
): ValueRowsResult {
  const problems: BilingualProblem[] = [];
  const fileProblem = (column: string | null, message: Bilingual) => problems.push({ row: null, column, message });

  const columnIndex = (name: string | undefined): number | undefined => {
    if (name === undefined) return undefined;
    const exact = table.headers.indexOf(name);
    if (exact >= 0) return exact;
    const wanted = normaliseName(name);
    const loose = table.headers.findIndex((h) => normaliseName(h) === wanted);
    if (loose >= 0) return loose;
    const present = quotedList(table.headers);
    fileProblem(
      name,
      bilingual(
        `Spalte ${quote.de(name)} fehlt in der Datei. Vorhanden: ${present.de}.`,
        `Column ${quote.en(name)} is not in the file. It has: ${present.en}.`,
      ),
    );
    return -1;
  };

  const areaColumn = columnIndex(mapping.areaColumn)!;
  const periodColumn = columnIndex(mapping.periodColumn);
  const indicatorColumn = columnIndex(mapping.indicatorColumn);
  const valueColumn = columnIndex(mapping.valueColumn);
  const numeratorColumn = columnIndex(mapping.numeratorColumn);
  const denominatorColumn = columnIndex(mapping.denominatorColumn);

  const indicatorByKey = new Map(indicators.map((i) => [i.key, i]));
  const indicatorMatcher = new NameMatcher(indicators, (i) => [i.key, i.name, i.nameEn]);
  const areaMatcher = new NameMatcher(areas, (a) => [a.key, a.name]);

  const fixedIndicator = mapping.indicator ? indicatorByKey.get(mapping.indicator) : undefined;
  if (mapping.indicator && !fixedIndicator) fileProblem(null, noSuchIndicator(mapping.indicator));
  else if (fixedIndicator) {
    const problem = unusable(fixedIndicator);
    if (problem) fileProblem(null, problem);
  }

  // Wide layouts: every mapped column is a target (indicator × period).
  const targets: Target[] = [];
  for (const [header, key] of Object.entries(mapping.columns ?? {})) {
    const index = columnIndex(header);
    const indicator = indicatorByKey.get(key);
    if (!indicator) {
      fileProblem(header, inColumn(header, noSuchIndicator(key)));
      continue;
    }
    const problem = unusable(indicator);
    if (problem) fileProblem(header, inColumn(header, problem));
    else if (index !== undefined && index >= 0) targets.push({ indicator, period: null, column: table.headers[index]!, header: index });
  }
  for (const [header, period] of Object.entries(mapping.periodColumns ?? {})) {
    const index = columnIndex(header);
    if (fixedIndicator && index !== undefined && index >= 0)
      targets.push({ indicator: fixedIndicator, period, column: table.headers[index]!, header: index });
  }

  const fatal = problems.length > 0;
  const result: ValueRowsResult = { values: [], problems, rows: table.rows.length, validRows: 0, problemRows: [], indicators: [], periods: [] };
  if (fatal) return result;

  // Duplicate cells are found by a numeric key (ordinals of indicator, area and period):
  // 100,000 rows would otherwise build 100,000 long strings only to compare them.
  const indicatorOrdinal = new Map(indicators.map((indicator, n) => [indicator, n]));
  const areaOrdinal = new Map(areas.map((area, n) => [area, n]));
  const periodOrdinal = new Map<string, number>();
  const seen = new Map<number, number>();
  const usedIndicators = new Map<string, ReferenceIndicator>();
  const header = (index: number | undefined) => (index === undefined ? null : table.headers[index]!);
  const part = (index: number | undefined): ValuePart | null => (index === undefined ? null : { index, column: header(index)! });
  const longParts: ValueParts = { value: part(valueColumn), numerator: part(numeratorColumn), denominator: part(denominatorColumn) };
  const valueOnly: ValueParts = { value: part(valueColumn), numerator: null, denominator: null };
  const targetParts = targets.map((t): ValueParts => ({ value: { index: t.header, column: t.column }, numerator: null, denominator: null }));

  let rowNumber = 0;
  const problem: ProblemSink = (column, message) =>
    problems.push({
      row: rowNumber,
      column,
      message: {
        de: `Zeile ${rowNumber}${column ? `, Spalte ${quote.de(column)}` : ''}: ${message.de}`,
        en: `Row ${rowNumber}${column ? `, column ${quote.en(column)}` : ''}: ${message.en}`,
      },
    });

  const addValue = (indicator: ReferenceIndicator, area: ReferenceArea, period: string, value: ParsedValue, column: string | null): void => {
    let periodKey = periodOrdinal.get(period);
    if (periodKey === undefined) periodOrdinal.set(period, (periodKey = periodOrdinal.size));
    const key = (periodKey * areas.length + areaOrdinal.get(area)!) * indicators.length + indicatorOrdinal.get(indicator)!;
    const first = seen.get(key);
    if (first !== undefined) {
      problem(
        column,
        bilingual(
          `${area.name}, ${indicator.name}, ${period} steht schon in Zeile ${first}.`,
          `${area.name}, ${englishName(indicator)}, ${period} is already in row ${first}.`,
        ),
      );
      return;
    }
    seen.set(key, rowNumber);
    usedIndicators.set(indicator.id, indicator);
    result.values.push({
      indicatorId: indicator.id,
      areaId: area.id,
      period,
      value: value.value,
      numerator: value.numerator,
      denominator: value.denominator,
      isSuppressed: value.suppressed,
      isEstimated: value.estimated,
      isProvisional: value.provisional,
    });
  };

  for (let r = 0; r < table.rows.length; r++) {
    const cells = table.rows[r]!;
    rowNumber = table.rowNumbers[r]!;
    const before = problems.length;

    const area = readArea(cells[areaColumn], header(areaColumn)!, areaMatcher, problem);
    let period: string | null = null;
    if (periodColumn !== undefined) period = readPeriod(cells[periodColumn], header(periodColumn)!, problem);
    else if (mapping.period) period = mapping.period;

    if (layout === 'long') {
      let indicator: ReferenceIndicator | null = fixedIndicator ?? null;
      if (indicatorColumn !== undefined) indicator = readIndicator(cells[indicatorColumn], header(indicatorColumn)!, indicatorMatcher, problem);
      if (indicator && area && period) {
        const value = readValue(indicator, cells, longParts, decimal, problem, true);
        if (value) addValue(indicator, area, period, value, null);
      } else if (valueColumn !== undefined) {
        // Still check the number, so one pass shows every problem of the row.
        readValue(null, cells, valueOnly, decimal, problem, true);
      }
    } else {
      for (let t = 0; t < targets.length; t++) {
        const target = targets[t]!;
        const targetPeriod = target.period ?? period;
        const value = readValue(target.indicator, cells, targetParts[t]!, decimal, problem, false);
        if (value && area && targetPeriod) addValue(target.indicator, area, targetPeriod, value, target.column);
      }
    }

    if (problems.length === before) result.validRows++;
    else result.problemRows.push(rowNumber);
  }
  result.indicators = [...usedIndicators.values()];
  result.periods = [...periodOrdinal.keys()].sort();
  return result;
}

type ProblemSink = (column: string | null, message: Bilingual) => void;

const englishName = (indicator: ReferenceIndicator) => indicator.nameEn ?? indicator.name;

const inColumn = (column: string, message: Bilingual): Bilingual =>
  bilingual(`Spalte ${quote.de(column)}: ${message.de}`, `Column ${quote.en(column)}: ${message.en}`);

const noSuchIndicator = (key: string): Bilingual => bilingual(`Indikator ${quote.de(key)} gibt es nicht.`, `There is no indicator ${quote.en(key)}.`);

/** Why values of this indicator cannot be imported at all, if they cannot. */
function unusable(indicator: ReferenceIndicator): Bilingual | null {
  if (indicator.retired)
    return bilingual(
      `Indikator ${quote.de(indicator.name)} ist stillgelegt; dafür werden keine Werte mehr importiert.`,
      `Indicator ${quote.en(englishName(indicator))} is retired; no more values are imported for it.`,
    );
  if (indicator.kind === 'index')
    return bilingual(
      `${quote.de(indicator.name)} ist ein berechneter Index; seine Werte entstehen im Index-Baukasten.`,
      `${quote.en(englishName(indicator))} is a computed index; its values come from the index builder.`,
    );
  return null;
}

/** " – meinten Sie ‚A‘ oder ‚B‘?" after an unknown name, or just the full stop. */
function didYouMean(names: readonly string[]): Bilingual {
  if (!names.length) return bilingual('.', '.');
  const list = suggestionList(names);
  return bilingual(` – meinten Sie ${list.de}?`, ` – did you mean ${list.en}?`);
}

function text(raw: CellValue | undefined): string {
  return cellText(raw).trim();
}

function readArea(raw: CellValue | undefined, column: string, matcher: NameMatcher<ReferenceArea>, problem: ProblemSink): ReferenceArea | null {
  const value = text(raw);
  if (!value) {
    problem(column, bilingual('Gebiet fehlt.', 'The area is missing.'));
    return null;
  }
  const match = matcher.match(value);
  if (match.kind === 'exact') return match.item;
  if (match.kind === 'ambiguous') {
    const keys = match.items.map((a) => a.key).join(', ');
    problem(
      column,
      bilingual(
        `Gebiet ${quote.de(value)} ist mehrdeutig (${keys}) – bitte den Gebietsschlüssel verwenden.`,
        `Area ${quote.en(value)} is ambiguous (${keys}) – please use the area key.`,
      ),
    );
    return null;
  }
  const hint = didYouMean(match.suggestions.map((a) => a.name));
  problem(column, bilingual(`Gebiet ${quote.de(value)} unbekannt${hint.de}`, `Unknown area ${quote.en(value)}${hint.en}`));
  return null;
}

const periodCache = new Map<string, string | null>();

function readPeriod(raw: CellValue | undefined, column: string, problem: ProblemSink): string | null {
  let period: string | null;
  if (typeof raw === 'number') period = normalisePeriod(raw);
  else {
    const key = text(raw);
    period = periodCache.get(key) ?? null;
    if (period === null && !periodCache.has(key)) {
      period = normalisePeriod(key);
      // Bounded: a file has few distinct periods, and a hostile one must not grow memory.
      if (periodCache.size < 10_000) periodCache.set(key, period);
    }
  }
  if (period) return period;
  const shown = text(raw);
  problem(
    column,
    shown
      ? bilingual(
          `Zeitraum ${quote.de(shown)} nicht lesbar – erwartet z. B. 2024, 2024-H1, 2024-Q3 oder 2024-06.`,
          `Period ${quote.en(shown)} cannot be read – expected e.g. 2024, 2024-H1, 2024-Q3 or 2024-06.`,
        )
      : bilingual(
          'Zeitraum fehlt – erwartet z. B. 2024, 2024-H1, 2024-Q3 oder 2024-06.',
          'The period is missing – expected e.g. 2024, 2024-H1, 2024-Q3 or 2024-06.',
        ),
  );
  return null;
}

function readIndicator(
  raw: CellValue | undefined,
  column: string,
  matcher: NameMatcher<ReferenceIndicator>,
  problem: ProblemSink,
): ReferenceIndicator | null {
  const value = text(raw);
  if (!value) {
    problem(column, bilingual('Indikator fehlt.', 'The indicator is missing.'));
    return null;
  }
  const match = matcher.match(value);
  if (match.kind === 'exact') {
    const why = unusable(match.item);
    if (why) {
      problem(column, why);
      return null;
    }
    return match.item;
  }
  if (match.kind === 'ambiguous') {
    const keys = match.items.map((i) => i.key).join(', ');
    problem(
      column,
      bilingual(
        `Indikator ${quote.de(value)} ist mehrdeutig – bitte den Schlüssel verwenden (${keys}).`,
        `Indicator ${quote.en(value)} is ambiguous – please use the key (${keys}).`,
      ),
    );
    return null;
  }
  const hint = didYouMean(match.suggestions.map((i) => i.name));
  problem(column, bilingual(`Indikator ${quote.de(value)} unbekannt${hint.de}`, `Unknown indicator ${quote.en(value)}${hint.en}`));
  return null;
}

interface ParsedValue {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  suppressed: boolean;
  estimated: boolean;
  provisional: boolean;
}

/** Where a value, numerator or denominator is read from: the cell index and the column name for messages. */
interface ValuePart {
  index: number;
  column: string;
}

interface ValueParts {
  value: ValuePart | null;
  numerator: ValuePart | null;
  denominator: ValuePart | null;
}

/** The cell of a part read as a value; 'bad' (reported) when it is not a number. */
function readPart(
  cells: readonly CellValue[],
  part: ValuePart | null,
  label: Bilingual,
  decimal: DecimalSeparator,
  problem: ProblemSink,
): ParsedCell | null | 'bad' {
  if (!part) return null;
  const raw = cells[part.index];
  const parsed = parseValueCell(raw ?? null, decimal);
  if (!parsed.ok) {
    const shown = quoted(text(raw));
    problem(part.column, bilingual(`${shown.de} ist keine Zahl${label.de}.`, `${shown.en} is not a number${label.en}.`));
    return 'bad';
  }
  return parsed.cell;
}

const NO_LABEL = bilingual('', '');
const NUMERATOR_LABEL = bilingual(' (Zähler)', ' (numerator)');
const DENOMINATOR_LABEL = bilingual(' (Nenner)', ' (denominator)');

const isEmptyCell = (c: ParsedCell | null) => !c || (c.value === null && !c.suppressed);
const isBlankPart = (cells: readonly CellValue[], part: ValuePart | null) => !part || text(cells[part.index]) === '';

/**
 * Reads value, numerator and denominator of one cell group and checks them against the
 * indicator: numbers, a percentage within 0–100, counts not negative, numerator and
 * denominator consistent with the value. Returns null for a cell that carries nothing
 * (wide files leave cells empty where a department has no figure) or has a problem.
 */
function readValue(
  indicator: ReferenceIndicator | null,
  cells: readonly CellValue[],
  parts: ValueParts,
  decimal: DecimalSeparator,
  problem: ProblemSink,
  required: boolean,
): ParsedValue | null {
  const value = readPart(cells, parts.value, NO_LABEL, decimal, problem);
  const numerator = readPart(cells, parts.numerator, NUMERATOR_LABEL, decimal, problem);
  const denominator = readPart(cells, parts.denominator, DENOMINATOR_LABEL, decimal, problem);
  if (value === 'bad' || numerator === 'bad' || denominator === 'bad' || !indicator) return null;

  if (isBlankPart(cells, parts.value) && isBlankPart(cells, parts.numerator) && isBlankPart(cells, parts.denominator)) {
    if (required)
      problem(
        parts.value?.column ?? null,
        bilingual(
          'Wert fehlt (für „keine Angabe“ bitte – eintragen, für „geheim“ einen Punkt).',
          'The value is missing (enter – for “no data”, a full stop for “confidential”).',
        ),
      );
    return null;
  }

  const valueColumn = parts.value?.column ?? parts.numerator?.column ?? null;
  const hasRatio = !isEmptyCell(numerator) || !isEmptyCell(denominator);
  if (hasRatio && indicator.kind !== 'rate') {
    problem(
      parts.numerator?.column ?? null,
      bilingual(
        `Zähler und Nenner gibt es nur bei Quoten; ${quote.de(indicator.name)} ist eine Anzahl.`,
        `Only rates have a numerator and denominator; ${quote.en(englishName(indicator))} is a count.`,
      ),
    );
    return null;
  }
  if (hasRatio && (isEmptyCell(numerator) || isEmptyCell(denominator))) {
    problem(
      isEmptyCell(numerator) ? (parts.numerator?.column ?? null) : (parts.denominator?.column ?? null),
      bilingual('Zähler und Nenner bitte immer zusammen angeben.', 'Please always give numerator and denominator together.'),
    );
    return null;
  }

  const suppressed = !!value?.suppressed || !!numerator?.suppressed;
  let result = value?.value ?? null;
  const n = numerator?.value ?? null;
  const d = denominator?.value ?? null;
  if (n !== null && d !== null) {
    if (n < 0 || d < 0) {
      problem(parts.numerator!.column, bilingual('Zähler und Nenner dürfen nicht negativ sein.', 'Numerator and denominator must not be negative.'));
      return null;
    }
    if (d === 0) {
      problem(
        parts.denominator!.column,
        bilingual('Der Nenner ist 0; daraus lässt sich keine Quote berechnen.', 'The denominator is 0; no rate can be computed from it.'),
      );
      return null;
    }
    const computed = (n / d) * (indicator.rateFactor ?? 1);
    if (result === null) result = computed;
    else {
      const typedValue = parts.value ? cells[parts.value.index] : undefined;
      const typed = typeof typedValue === 'string' ? typedDecimals(typedValue, decimal) : indicator.decimals;
      const tolerance = 0.5 * 10 ** -typed + 1e-9 * Math.max(1, Math.abs(computed));
      if (Math.abs(result - computed) > tolerance) {
        const [shownValue, shownN, shownD] = [numberText(result), numberText(n), numberText(d)];
        const shownComputed = numberText(computed, Math.max(indicator.decimals, 1));
        problem(
          valueColumn,
          bilingual(
            `Wert ${shownValue.de} passt nicht zu Zähler ${shownN.de} und Nenner ${shownD.de} (ergibt ${shownComputed.de}).`,
            `Value ${shownValue.en} does not match numerator ${shownN.en} and denominator ${shownD.en} (which give ${shownComputed.en}).`,
          ),
        );
        return null;
      }
    }
  }

  if (result !== null) {
    if (isPercent(indicator) && (result < 0 || result > 100)) {
      const shown = numberText(result);
      problem(valueColumn, bilingual(`${shown.de} % liegt nicht zwischen 0 und 100.`, `${shown.en}% is not between 0 and 100.`));
      return null;
    }
    if (indicator.kind === 'count' && result < 0) {
      const shown = numberText(result);
      problem(
        valueColumn,
        bilingual(
          `${shown.de} ist negativ; ${quote.de(indicator.name)} zählt Personen oder Fälle.`,
          `${shown.en} is negative; ${quote.en(englishName(indicator))} counts persons or cases.`,
        ),
      );
      return null;
    }
  }

  return {
    value: suppressed ? null : result,
    numerator: suppressed ? null : n,
    denominator: suppressed ? null : d,
    suppressed,
    estimated: !!(value?.estimated || numerator?.estimated),
    provisional: !!(value?.provisional || numerator?.provisional),
  };
}

function isPercent(indicator: ReferenceIndicator): boolean {
  return indicator.unit.trim() === '%' || (indicator.kind === 'rate' && indicator.rateFactor === 100 && /prozent|%/i.test(indicator.unit));
}
