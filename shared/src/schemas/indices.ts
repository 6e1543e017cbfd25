import { z } from './zod.js';
import { validationMessage } from '../domain/validation-language.js';
import { IndicatorKeySchema, PeriodSchema } from './atlas.js';

/** Derived keys get suffixes such as `_dynamics_class`; the base key leaves room for them. */
export const IndexKeySchema = IndicatorKeySchema.pipe(
  z.string().max(40, { error: validationMessage('Höchstens 40 Zeichen.', 'At most 40 characters.') }),
);

export const IndexComponentSchema = z.strictObject({
  indicator: IndicatorKeySchema,
  weight: z
    .number()
    .positive({ error: validationMessage('Gewicht muss größer als 0 sein.', 'The weight must be greater than 0.') })
    .max(100),
  /** Needed for neutral indicators; otherwise taken from the indicator's polarity. */
  direction: z.enum(['higher_is_worse', 'higher_is_better']).optional(),
});
export type IndexComponentInput = z.infer<typeof IndexComponentSchema>;

const ascending = (values: readonly number[]) => values.every((v, i) => i === 0 || v > values[i - 1]!);

/** A composite social index: the body of POST /api/indices and POST /api/indices/preview. */
export const IndexDefinitionSchema = z
  .strictObject({
    key: IndexKeySchema,
    name: z.string().trim().min(1).max(160),
    description: z.string().trim().max(2000).default(''),
    /** Optional English texts; without them English pages show the German ones. */
    nameEn: z.string().trim().max(160).default(''),
    descriptionEn: z.string().trim().max(2000).default(''),
    level: z.enum(['district', 'neighbourhood']).default('district'),
    topic: z.string().trim().min(1).max(64),
    public: z.boolean().default(false),
    components: z
      .array(IndexComponentSchema)
      .min(2, { error: validationMessage('Mindestens zwei Indikatoren wählen.', 'Choose at least two indicators.') })
      .max(30),
    /** The dynamics index compares these two periods; null for a status index only. */
    dynamics: z.strictObject({ from: PeriodSchema, to: PeriodSchema }).nullable().default(null),
    statusThresholds: z.array(z.number().min(-10).max(10)).length(3).default([-1, 1, 1.5]),
    dynamicsThresholds: z.array(z.number().min(-10).max(10)).length(2).default([-1, 1]),
  })
  .superRefine((d, ctx) => {
    const seen = new Set<string>();
    d.components.forEach((c, i) => {
      if (seen.has(c.indicator))
        ctx.addIssue({
          code: 'custom',
          path: ['components', i, 'indicator'],
          message: validationMessage('Indikator doppelt gewählt.', 'Indicator chosen twice.')(),
        });
      seen.add(c.indicator);
    });
    if (d.dynamics && d.dynamics.from >= d.dynamics.to)
      ctx.addIssue({
        code: 'custom',
        path: ['dynamics', 'to'],
        message: validationMessage(
          'Der Vergleichszeitraum muss nach dem Ausgangszeitraum liegen.',
          'The comparison period must come after the base period.',
        )(),
      });
    if (!ascending(d.statusThresholds))
      ctx.addIssue({
        code: 'custom',
        path: ['statusThresholds'],
        message: validationMessage('Schwellen aufsteigend angeben.', 'Give the thresholds in ascending order.')(),
      });
    if (!ascending(d.dynamicsThresholds))
      ctx.addIssue({
        code: 'custom',
        path: ['dynamicsThresholds'],
        message: validationMessage('Schwellen aufsteigend angeben.', 'Give the thresholds in ascending order.')(),
      });
  });
export type IndexDefinitionInput = z.input<typeof IndexDefinitionSchema>;
export type IndexDefinition = z.infer<typeof IndexDefinitionSchema>;

export const IndexIdSchema = z.uuid({ error: validationMessage('Unbekannter Index.', 'Unknown index.') });

/** Derived indicators of one index definition, by role. */
export interface IndexIndicatorKeys {
  status: string;
  statusClass: string;
  dynamics: string | null;
  dynamicsClass: string | null;
}

export function derivedIndicatorKeys(key: string, withDynamics: boolean): IndexIndicatorKeys {
  return {
    status: `${key}_status`,
    statusClass: `${key}_status_class`,
    dynamics: withDynamics ? `${key}_dynamics` : null,
    dynamicsClass: withDynamics ? `${key}_dynamics_class` : null,
  };
}

export interface IndexPreviewRow {
  areaKey: string;
  areaName: string;
  status: number | null;
  statusClass: number | null;
  dynamics: number | null;
  dynamicsClass: number | null;
}

export interface IndexPreview {
  /** Periods in which every area has every component: the status index exists for these. */
  periods: string[];
  /** The latest of them, shown in the table. */
  period: string | null;
  rows: IndexPreviewRow[];
  /** Problems worth knowing that do not stop the computation, e.g. areas left out. */
  warnings: string[];
}

export interface IndexSummary {
  id: string;
  key: string;
  name: string;
  description: string;
  nameEn: string | null;
  descriptionEn: string | null;
  level: 'district' | 'neighbourhood';
  topic: string;
  public: boolean;
  components: { indicator: string; name: string; weight: number; direction: 'higher_is_worse' | 'higher_is_better' }[];
  dynamics: { from: string; to: string } | null;
  statusThresholds: number[];
  dynamicsThresholds: number[];
  indicators: IndexIndicatorKeys;
  periods: string[];
  computedAt: string | null;
  importId: string | null;
}
