import { z } from './zod.js';
import { validationMessage } from '../domain/validation-language.js';
import { AreaLevelSchema, IndicatorKeySchema, PeriodSchema } from './atlas.js';

/** Uploads above this size are refused with 413 before they are parsed. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
/** A validation report lists at most this many problems; the total is always given. */
export const MAX_REPORTED_PROBLEMS = 500;

/**
 * `long`: one row per value (area, indicator, period, value). `wide`: one row per area,
 * with one column per indicator (`columns`) or one column per period (`periodColumns`).
 */
export const IMPORT_LAYOUTS = ['long', 'wide'] as const;
export const ImportLayoutSchema = z.enum(IMPORT_LAYOUTS);
export type ImportLayout = z.infer<typeof ImportLayoutSchema>;

const ColumnSchema = z.string().trim().min(1).max(200);
const MAX_MAPPED_COLUMNS = 500;

function columnRecord<T extends z.ZodType<string>>(value: T) {
  return z
    .record(ColumnSchema, value)
    .refine((r) => Object.keys(r).length > 0, { error: validationMessage('Mindestens eine Spalte zuordnen.', 'Map at least one column.') })
    .refine((r) => Object.keys(r).length <= MAX_MAPPED_COLUMNS, {
      error: validationMessage(`Höchstens ${MAX_MAPPED_COLUMNS} Spalten.`, `At most ${MAX_MAPPED_COLUMNS} columns.`),
    });
}

/** How the columns of a file become values: the `mapping` field of POST /api/imports/values. */
export const ValueMappingSchema = z.strictObject({
  areaColumn: ColumnSchema,
  periodColumn: ColumnSchema.optional(),
  /** One period for the whole file, when it has no period column. */
  period: PeriodSchema.optional(),
  indicatorColumn: ColumnSchema.optional(),
  /** One indicator for the whole file: long files without an indicator column, wide files by period. */
  indicator: IndicatorKeySchema.optional(),
  valueColumn: ColumnSchema.optional(),
  /** Wide by indicator: header → indicator key. */
  columns: columnRecord(IndicatorKeySchema).optional(),
  /** Wide by period: header → period. */
  periodColumns: columnRecord(PeriodSchema).optional(),
  numeratorColumn: ColumnSchema.optional(),
  denominatorColumn: ColumnSchema.optional(),
});
export type ValueMapping = z.infer<typeof ValueMappingSchema>;

export interface MappingProblem {
  field: string;
  message: string;
}

/** The rules between mapping fields that depend on the layout, in words a steward understands. */
export function mappingProblems(layout: ImportLayout, m: ValueMapping): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  const byPeriodColumns = layout === 'wide' && m.periodColumns !== undefined;

  if (byPeriodColumns) {
    if (m.periodColumn || m.period) add('period', 'Bei Jahren als Spalten keine weitere Zeitraum-Angabe.');
  } else if (!m.periodColumn === !m.period) {
    add('periodColumn', 'Entweder eine Spalte mit dem Zeitraum oder einen festen Zeitraum angeben.');
  }

  if (layout === 'long') {
    if (!m.indicatorColumn === !m.indicator) add('indicatorColumn', 'Entweder eine Spalte mit dem Indikator oder einen festen Indikator angeben.');
    if (!m.valueColumn && !(m.numeratorColumn && m.denominatorColumn))
      add('valueColumn', 'Eine Spalte mit dem Wert angeben (oder Zähler und Nenner).');
    if (m.columns || m.periodColumns) add('columns', 'Spalten je Indikator oder Jahr gibt es nur im breiten Format.');
  } else {
    if (!m.columns === !m.periodColumns) add('columns', 'Entweder Spalten je Indikator oder Spalten je Zeitraum zuordnen.');
    if (m.periodColumns && !m.indicator) add('indicator', 'Bei Jahren als Spalten den Indikator angeben.');
    if (m.columns && m.indicator) add('indicator', 'Bei Indikatoren als Spalten keinen festen Indikator angeben.');
    if (m.valueColumn || m.indicatorColumn) add('valueColumn', 'Wert- und Indikatorspalte gibt es nur im langen Format.');
    if (m.numeratorColumn || m.denominatorColumn) add('numeratorColumn', 'Zähler und Nenner bitte im langen Format liefern.');
  }

  const used = new Map<string, string>();
  const single: [string, string | undefined][] = [
    ['areaColumn', m.areaColumn],
    ['periodColumn', m.periodColumn],
    ['indicatorColumn', m.indicatorColumn],
    ['valueColumn', m.valueColumn],
    ['numeratorColumn', m.numeratorColumn],
    ['denominatorColumn', m.denominatorColumn],
  ];
  const all: [string, string][] = [
    ...single.filter((e): e is [string, string] => e[1] !== undefined),
    ...Object.keys(m.columns ?? {}).map((c): [string, string] => ['columns', c]),
    ...Object.keys(m.periodColumns ?? {}).map((c): [string, string] => ['periodColumns', c]),
  ];
  for (const [field, column] of all) {
    const previous = used.get(column);
    if (previous) add(field, `Die Spalte ‚${column}‘ ist schon zugeordnet.`);
    else used.set(column, field);
  }
  return problems;
}

/** Multipart text fields carry JSON as a string: parse it, then validate it as usual. */
function jsonField<T extends z.ZodType>(schema: T) {
  return z
    .string()
    .max(100_000)
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: validationMessage('Kein gültiges JSON.', 'Not valid JSON.')() });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

const BooleanFieldSchema = z
  .enum(['true', 'false'])
  .default('true')
  .transform((v) => v === 'true');

export const CSV_DELIMITERS = [';', ',', '\t', '|'] as const;
export const TEXT_ENCODINGS = ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'] as const;

/** Overrides for what the parser otherwise detects by itself. */
const FormatOverrides = {
  sheet: z.string().trim().min(1).max(100).optional(),
  delimiter: z.enum(CSV_DELIMITERS).optional(),
  decimalSeparator: z.enum([',', '.']).optional(),
  encoding: z.enum(TEXT_ENCODINGS).optional(),
};

/** The text fields of POST /api/imports/values (the file comes as `file`). */
export const ValueImportFieldsSchema = z
  .strictObject({
    layout: ImportLayoutSchema,
    mapping: jsonField(ValueMappingSchema),
    /** A dry run (the default) validates and counts, and writes nothing. */
    dryRun: BooleanFieldSchema,
    ...FormatOverrides,
  })
  .superRefine((fields, ctx) => {
    for (const problem of mappingProblems(fields.layout, fields.mapping)) {
      ctx.addIssue({ code: 'custom', path: ['mapping', problem.field], message: problem.message });
    }
  });
export type ValueImportFields = z.infer<typeof ValueImportFieldsSchema>;

export const ValuePreviewFieldsSchema = z.strictObject(FormatOverrides);
export type ValuePreviewFields = z.infer<typeof ValuePreviewFieldsSchema>;

export interface FileFormat {
  kind: 'csv' | 'xlsx';
  encoding?: (typeof TEXT_ENCODINGS)[number];
  bom?: boolean;
  delimiter?: (typeof CSV_DELIMITERS)[number];
  decimalSeparator: ',' | '.';
  sheet?: string;
  sheets?: string[];
}

/** One problem of a file: the row as a spreadsheet numbers it (header = 1), the column by its header. */
export interface ImportProblem {
  row: number | null;
  column: string | null;
  message: string;
}

export interface ReportRow {
  row: number;
  cells: string[];
}

export interface ValueImportReport {
  importId?: string;
  dryRun: boolean;
  /** Data rows read (without the header and empty lines). */
  rows: number;
  /** Rows without any problem. */
  valid: number;
  /** Values that would be (or were) written new, changed, or left as they were. */
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportProblem[];
  /** All problems, also those beyond the first MAX_REPORTED_PROBLEMS listed in `errors`. */
  errorCount: number;
  format?: FileFormat;
  headers: string[];
  /** The rows with problems, as read, so the report can show the problem cells in place. */
  problemRows: ReportRow[];
  /** Keys of the indicators the file delivers values for. */
  indicators: string[];
  periods: string[];
}

export interface MappingSuggestionDto {
  layout: ImportLayout;
  mapping: Partial<ValueMapping> & { areaColumn: string };
}

export interface ValuePreview {
  format: FileFormat;
  headers: string[];
  rows: ReportRow[];
  rowCount: number;
  suggestion: MappingSuggestionDto;
}

/** Coordinate reference systems a boundary file may use. */
export const SUPPORTED_CRS = ['EPSG:4326', 'EPSG:25832', 'EPSG:25833', 'EPSG:31466', 'EPSG:31467', 'EPSG:3857'] as const;
export const CrsSchema = z.enum(SUPPORTED_CRS);
export type Crs = z.infer<typeof CrsSchema>;

const PropertyNameSchema = z.string().trim().min(1).max(100);

/** The text fields of POST /api/imports/areas (the GeoJSON or zipped Shapefile comes as `file`). */
export const AreaImportFieldsSchema = z.strictObject({
  level: AreaLevelSchema,
  keyProperty: PropertyNameSchema,
  nameProperty: PropertyNameSchema,
  parentKeyProperty: PropertyNameSchema.optional(),
  crs: CrsSchema.optional(),
  dryRun: BooleanFieldSchema,
});
export type AreaImportFields = z.infer<typeof AreaImportFieldsSchema>;

export const AreaPreviewFieldsSchema = z.strictObject({ crs: CrsSchema.optional() });

export type AreaAction = 'created' | 'updated' | 'unchanged';

export interface AreaImportReport {
  importId?: string;
  dryRun: boolean;
  features: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportProblem[];
  errorCount: number;
  crs: string | null;
  areas: { key: string; name: string; parentKey: string | null; action: AreaAction; vertices: number; displayVertices: number }[];
}

export interface AreaPreview {
  kind: 'geojson' | 'shapefile';
  features: number;
  crs: string | null;
  crsSource: 'file' | 'chosen' | 'assumed' | 'shapefile';
  geometryTypes: string[];
  properties: { name: string; samples: string[] }[];
  suggestion: { keyProperty?: string; nameProperty?: string; parentKeyProperty?: string };
}

export const IMPORT_KINDS = ['values', 'areas', 'seed', 'index'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const ImportHistoryQuerySchema = z.object({
  kind: z.enum(IMPORT_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ImportHistoryQuery = z.infer<typeof ImportHistoryQuerySchema>;

export interface ImportHistoryEntry {
  id: string;
  kind: ImportKind;
  status: 'committed' | 'rolled_back';
  fileName: string;
  fileHash: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  createdAt: string;
  user: string | null;
  rolledBackAt: string | null;
  rolledBackBy: string | null;
  /** Indicator names (value imports) or area names (boundary imports) the import touched. */
  subjects: string[];
  options: Record<string, unknown>;
}

export const ImportIdSchema = z.uuid({ error: validationMessage('Unbekannte Import-Kennung.', 'Unknown import id.') });

export interface RollbackResult {
  id: string;
  status: 'rolled_back';
  restored: number;
  removed: number;
}

export const SavedMappingRequestSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    layout: ImportLayoutSchema,
    mapping: ValueMappingSchema,
    sheet: z.string().trim().min(1).max(100).optional(),
  })
  .superRefine((fields, ctx) => {
    for (const problem of mappingProblems(fields.layout, fields.mapping)) {
      ctx.addIssue({ code: 'custom', path: ['mapping', problem.field], message: problem.message });
    }
  });
export type SavedMappingRequest = z.infer<typeof SavedMappingRequestSchema>;

export interface SavedMapping {
  id: string;
  name: string;
  layout: ImportLayout;
  mapping: ValueMapping;
  sheet: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export const SavedMappingIdSchema = z.uuid({ error: validationMessage('Unbekannte Zuordnung.', 'Unknown mapping.') });
