import { AREA_LEVELS, INDICATOR_KINDS, POLARITIES, UPDATE_CYCLES } from '../domain/vocabulary.js';
import { z } from './zod.js';
import { validationMessage } from '../domain/validation-language.js';

export const AreaLevelSchema = z.enum(AREA_LEVELS);
export type AreaLevel = z.infer<typeof AreaLevelSchema>;

export const PolaritySchema = z.enum(POLARITIES);
export type Polarity = z.infer<typeof PolaritySchema>;

export const IndicatorKindSchema = z.enum(INDICATOR_KINDS);
export type IndicatorKind = z.infer<typeof IndicatorKindSchema>;

export const UpdateCycleSchema = z.enum(UPDATE_CYCLES);
export type UpdateCycle = z.infer<typeof UpdateCycleSchema>;

/** A year (`2024`), optionally with a half-year, quarter or month (`2024-H1`, `2024-Q3`, `2024-06`). */
export const PeriodSchema = z
  .string()
  .trim()
  .regex(/^\d{4}(-(H[12]|Q[1-4]|(0[1-9]|1[0-2])))?$/, {
    error: validationMessage(
      'Zeitraum muss wie 2024, 2024-H1, 2024-Q3 oder 2024-06 aussehen.',
      'A period looks like 2024, 2024-H1, 2024-Q3 or 2024-06.',
    ),
  });

export const AreaKeySchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, {
    error: validationMessage('Gebietsschlüssel: Kleinbuchstaben, Ziffern, - und _.', 'Area key: lower-case letters, digits, - and _.'),
  });
export const IndicatorKeySchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_]*$/, {
    error: validationMessage('Indikatorschlüssel: Kleinbuchstaben, Ziffern und _.', 'Indicator key: lower-case letters, digits and _.'),
  });

export type Position = [number, number];
export type BBox = [number, number, number, number];

export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Position[][];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Position[][][];
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

export interface AreaProperties {
  key: string;
  name: string;
  level: AreaLevel;
  parentKey: string | null;
  bbox: BBox | null;
  centroid: Position | null;
  /** Where the boundary comes from, with its English twin (null: show the German one). */
  geometrySource: string | null;
  geometrySourceEn: string | null;
}

export interface AreaFeature {
  type: 'Feature';
  id: string;
  geometry: AreaGeometry | null;
  properties: AreaProperties;
}

export interface AreaFeatureCollection {
  type: 'FeatureCollection';
  features: AreaFeature[];
}

export const AreasQuerySchema = z.object({
  level: AreaLevelSchema.optional(),
  /** `display` serves the simplified geometry; `full` the original as imported. */
  geometry: z.enum(['display', 'full']).default('display'),
});
export type AreasQuery = z.infer<typeof AreasQuerySchema>;

export interface IndicatorSummary {
  key: string;
  name: string;
  nameEn: string | null;
  definition: string;
  /** English texts are optional; where one is null, English pages show the German one. */
  definitionEn: string | null;
  unit: string;
  topic: string;
  topicName: string;
  source: string;
  sourceEn: string | null;
  department: string | null;
  departmentName: string | null;
  departmentNameEn: string | null;
  polarity: Polarity;
  decimals: number;
  updateCycle: UpdateCycle;
  lastUpdate: string | null;
  kind: IndicatorKind;
  numeratorLabel: string | null;
  denominatorLabel: string | null;
  numeratorLabelEn: string | null;
  denominatorLabelEn: string | null;
  rateFactor: number | null;
  suppressionThreshold: number | null;
  public: boolean;
  retired: boolean;
  periods: string[];
}

export interface TopicSummary {
  key: string;
  name: string;
  nameEn: string;
}

export interface DepartmentSummary {
  code: string;
  name: string;
  shortName: string;
  nameEn: string | null;
  shortNameEn: string | null;
}

export const IndicatorValuesQuerySchema = z.object({
  period: PeriodSchema.optional(),
  level: AreaLevelSchema.default('district'),
});
export type IndicatorValuesQuery = z.infer<typeof IndicatorValuesQuerySchema>;

/**
 * One published cell. `suppressed` cells carry no value (nor numerator/denominator);
 * a cell with `value: null` and `suppressed: false` has no data.
 */
export interface ValueCell {
  value: number | null;
  suppressed: boolean;
  estimated: boolean;
  provisional: boolean;
  /** Only for callers with the raw-data right, and only for rates. */
  numerator?: number | null;
  denominator?: number | null;
}

export interface AreaValue extends ValueCell {
  areaKey: string;
}

export interface ReferenceValue extends ValueCell {
  areaKey: string;
  /** True when the city value was aggregated from its districts rather than delivered. */
  computed: boolean;
}

export interface IndicatorValuesResponse {
  indicator: IndicatorSummary;
  period: string;
  level: AreaLevel;
  values: AreaValue[];
  reference: ReferenceValue | null;
}

export const AreaProfileQuerySchema = z.object({
  period: PeriodSchema.optional(),
});
export type AreaProfileQuery = z.infer<typeof AreaProfileQuerySchema>;

export interface ProfileSeriesPoint {
  period: string;
  value: number | null;
  suppressed: boolean;
  reference: number | null;
  referenceSuppressed: boolean;
}

export interface AreaProfileEntry {
  indicator: IndicatorSummary;
  /** The requested period, or the indicator's latest when none was requested. */
  period: string | null;
  value: ValueCell | null;
  reference: ReferenceValue | null;
  series: ProfileSeriesPoint[];
}

export interface AreaProfileResponse {
  area: AreaProperties;
  period: string | null;
  referenceArea: { key: string; name: string } | null;
  indicators: AreaProfileEntry[];
}
