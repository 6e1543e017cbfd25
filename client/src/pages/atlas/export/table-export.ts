import { formatExportNumber, type ChoroplethModel, type ChoroplethRow, type IndicatorSummary, type ValueCell } from '@lagebild/shared';

export type Cell = string | number | null;

export interface ExportColumn {
  header: string;
  /** Numbers keep their decimals in every export; text columns have none. */
  decimals: number | null;
}

/** The atlas table as plain cells, shared by the CSV and the Excel export. */
export interface ExportTable {
  columns: ExportColumn[];
  rows: Cell[][];
}

export interface AtlasTableContext {
  model: ChoroplethModel;
  indicator: IndicatorSummary;
  period: string;
  previousPeriod: string | null;
  basePeriod: string | null;
  mode: 'status' | 'change';
  /** Unit of the mapped measure and of differences (percentage points for rates in %). */
  measureUnit: string;
  differenceUnit: string;
  referenceKey: string | null;
  referenceName: string | null;
  label: {
    key: string;
    area: string;
    rank: string;
    note: string;
    cityRow: (name: string) => string;
    valueIn: (period: string, unit: string) => string;
    differenceTo: (name: string, unit: string) => string;
    changeSince: (period: string, unit: string) => string;
    changeBetween: (from: string, to: string, unit: string) => string;
    suppressed: string;
    missing: string;
    provisional: string;
    estimated: string;
  };
}

function noteOf(cells: (ValueCell | null)[], status: ChoroplethRow['status'], label: AtlasTableContext['label']): string {
  const notes: string[] = [];
  if (status === 'suppressed') notes.push(label.suppressed);
  if (status === 'missing') notes.push(label.missing);
  if (cells.some((c) => c?.provisional)) notes.push(label.provisional);
  if (cells.some((c) => c?.estimated)) notes.push(label.estimated);
  return notes.join(', ');
}

const valueOf = (cell: ValueCell | null): number | null => (cell && !cell.suppressed && typeof cell.value === 'number' ? cell.value : null);

export function atlasExportTable(ctx: AtlasTableContext): ExportTable {
  const { model, indicator, label } = ctx;
  const d = indicator.decimals;
  const md = model.measureDecimals;
  const ref = ctx.referenceName ?? '';
  const columns: ExportColumn[] = [
    { header: label.key, decimals: null },
    { header: label.area, decimals: null },
  ];
  if (ctx.mode === 'status') {
    columns.push(
      { header: label.valueIn(ctx.period, indicator.unit), decimals: d },
      { header: label.rank, decimals: 0 },
      { header: label.differenceTo(ref, ctx.differenceUnit), decimals: d },
    );
    if (ctx.previousPeriod) columns.push({ header: label.changeSince(ctx.previousPeriod, ctx.differenceUnit), decimals: d });
  } else {
    columns.push(
      { header: label.valueIn(ctx.basePeriod ?? '', indicator.unit), decimals: d },
      { header: label.valueIn(ctx.period, indicator.unit), decimals: d },
      { header: label.changeBetween(ctx.basePeriod ?? '', ctx.period, ctx.measureUnit), decimals: md },
      { header: label.rank, decimals: 0 },
      { header: label.differenceTo(ref, ctx.differenceUnit), decimals: md },
    );
  }
  columns.push({ header: label.note, decimals: null });

  const rows: Cell[][] = model.rows.map((row) => {
    const cells: Cell[] = [row.areaKey, row.name];
    if (ctx.mode === 'status') {
      cells.push(row.measure, row.rank, row.differenceToReference);
      if (ctx.previousPeriod) cells.push(row.changeToPrevious);
    } else {
      cells.push(valueOf(row.base), valueOf(row.current), row.measure, row.rank, row.differenceToReference);
    }
    cells.push(noteOf([row.current, row.base], row.status, label));
    return cells;
  });

  if (ctx.referenceKey && ctx.referenceName) {
    const reference = model.reference;
    const cells: Cell[] = [ctx.referenceKey, label.cityRow(ctx.referenceName)];
    if (ctx.mode === 'status') {
      cells.push(reference.measure, null, null);
      if (ctx.previousPeriod) cells.push(null);
    } else {
      cells.push(valueOf(reference.base), valueOf(reference.current), reference.measure, null, null);
    }
    cells.push(noteOf([reference.current, reference.base], reference.status, label));
    rows.push(cells);
  }
  return { columns, rows };
}

/**
 * CSV as spreadsheets in the UI language open it: in German a semicolon and a decimal comma
 * (what Excel expects on a German system), in English a comma and a decimal point. UTF-8
 * with a byte-order mark, so Excel reads the umlauts; CRLF line ends per RFC 4180.
 */
export function toCsv(table: ExportTable, format: { separator: ';' | ','; decimal: ',' | '.' }): string {
  const escape = (text: string) => (text.includes(format.separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const line = (cells: string[]) => cells.map(escape).join(format.separator);
  const lines = [line(table.columns.map((c) => c.header))];
  for (const row of table.rows) {
    lines.push(
      line(
        row.map((cell, i) => {
          if (cell === null) return '';
          if (typeof cell === 'number') return formatExportNumber(cell, table.columns[i]!.decimals ?? 0, format.decimal);
          return cell;
        }),
      ),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
