import { z } from './zod.js';
import { validationMessage } from '../domain/validation-language.js';
import { IndicatorKeySchema, PolaritySchema, UpdateCycleSchema, type IndicatorSummary } from './atlas.js';

/** Kinds a steward creates by hand; `index` indicators are made by the composite index builder. */
export const EDITABLE_KINDS = ['count', 'rate'] as const;

const optionalText = (max: number) => z.string().trim().max(max).nullable();

/** Every metadata field of an indicator; without defaults, so PATCH can leave fields out. */
const indicatorFields = {
  name: z
    .string()
    .trim()
    .min(1, { error: validationMessage('Bitte einen Namen angeben.', 'Please give a name.') })
    .max(200),
  nameEn: optionalText(200),
  definition: z.string().trim().max(5000),
  /** English twins of the German texts; null shows the German text on English pages. */
  definitionEn: optionalText(5000),
  unit: z
    .string()
    .trim()
    .min(1, { error: validationMessage('Bitte eine Einheit angeben, z. B. Personen oder %.', 'Please give a unit, e.g. Personen or %.') })
    .max(40),
  /** Topic key. */
  topic: z
    .string()
    .trim()
    .min(1, { error: validationMessage('Bitte ein Themenfeld wählen.', 'Please choose a topic.') })
    .max(64),
  source: z.string().trim().max(1000),
  sourceEn: optionalText(1000),
  /** Code of the owning department (Amt), e.g. "50"; null for none. */
  department: z.string().trim().min(1).max(20).nullable(),
  polarity: PolaritySchema,
  decimals: z.number().int().min(0).max(6),
  updateCycle: UpdateCycleSchema,
  lastUpdate: z.iso.date({ error: validationMessage('Datum als JJJJ-MM-TT.', 'Date as YYYY-MM-DD.') }).nullable(),
  kind: z.enum(EDITABLE_KINDS),
  numeratorLabel: optionalText(200),
  denominatorLabel: optionalText(200),
  numeratorLabelEn: optionalText(200),
  denominatorLabelEn: optionalText(200),
  /** For rates: the count indicators that hold numerator and denominator. */
  numeratorIndicator: IndicatorKeySchema.nullable(),
  denominatorIndicator: IndicatorKeySchema.nullable(),
  /** value = numerator / denominator · rateFactor (100 for %, 1000 for ‰). */
  rateFactor: z.number().positive().max(1e9).nullable(),
  /** Smallest count that may be published; null disables suppression. */
  suppressionThreshold: z.number().int().min(0).max(10_000).nullable(),
  public: z.boolean(),
};

export interface IndicatorDraft {
  kind: 'count' | 'rate' | 'index';
  numeratorLabel?: string | null;
  denominatorLabel?: string | null;
  numeratorIndicator?: string | null;
  denominatorIndicator?: string | null;
  rateFactor?: number | null;
}

/** Rules between fields, checked on create and on the merged result of an edit. */
export function indicatorDraftProblems(draft: IndicatorDraft, ownKey?: string): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (draft.kind === 'rate') {
    if (!draft.rateFactor)
      problems.push({
        field: 'rateFactor',
        message: validationMessage('Eine Quote braucht einen Faktor (100 für %, 1000 für ‰).', 'A rate needs a factor (100 for %, 1000 for ‰).')(),
      });
    if (!draft.numeratorLabel && !draft.numeratorIndicator)
      problems.push({
        field: 'numeratorLabel',
        message: validationMessage(
          'Eine Quote braucht einen Zähler (Bezeichnung oder Indikator).',
          'A rate needs a numerator (label or indicator).',
        )(),
      });
    if (!draft.denominatorLabel && !draft.denominatorIndicator)
      problems.push({
        field: 'denominatorLabel',
        message: validationMessage(
          'Eine Quote braucht einen Nenner (Bezeichnung oder Indikator).',
          'A rate needs a denominator (label or indicator).',
        )(),
      });
    if (draft.numeratorIndicator && draft.numeratorIndicator === draft.denominatorIndicator)
      problems.push({
        field: 'denominatorIndicator',
        message: validationMessage(
          'Zähler und Nenner müssen verschiedene Indikatoren sein.',
          'Numerator and denominator must be different indicators.',
        )(),
      });
    if (ownKey && (draft.numeratorIndicator === ownKey || draft.denominatorIndicator === ownKey))
      problems.push({
        field: 'numeratorIndicator',
        message: validationMessage(
          'Eine Quote kann nicht ihr eigener Zähler oder Nenner sein.',
          'A rate cannot be its own numerator or denominator.',
        )(),
      });
  } else if (draft.kind === 'count') {
    if (draft.rateFactor)
      problems.push({ field: 'rateFactor', message: validationMessage('Eine Anzahl hat keinen Faktor.', 'A count has no factor.')() });
    if (draft.numeratorIndicator || draft.denominatorIndicator)
      problems.push({
        field: 'numeratorIndicator',
        message: validationMessage('Nur Quoten haben Zähler und Nenner.', 'Only rates have a numerator and denominator.')(),
      });
  }
  return problems;
}

export const CreateIndicatorRequestSchema = z
  .strictObject({
    key: IndicatorKeySchema,
    ...indicatorFields,
    nameEn: indicatorFields.nameEn.default(null),
    definition: indicatorFields.definition.default(''),
    definitionEn: indicatorFields.definitionEn.default(null),
    source: indicatorFields.source.default(''),
    sourceEn: indicatorFields.sourceEn.default(null),
    decimals: indicatorFields.decimals.default(1),
    updateCycle: indicatorFields.updateCycle.default('yearly'),
    lastUpdate: indicatorFields.lastUpdate.default(null),
    numeratorLabel: indicatorFields.numeratorLabel.default(null),
    denominatorLabel: indicatorFields.denominatorLabel.default(null),
    numeratorLabelEn: indicatorFields.numeratorLabelEn.default(null),
    denominatorLabelEn: indicatorFields.denominatorLabelEn.default(null),
    numeratorIndicator: indicatorFields.numeratorIndicator.default(null),
    denominatorIndicator: indicatorFields.denominatorIndicator.default(null),
    rateFactor: indicatorFields.rateFactor.default(null),
    suppressionThreshold: indicatorFields.suppressionThreshold.default(null),
    public: indicatorFields.public.default(false),
  })
  .superRefine((draft, ctx) => {
    for (const p of indicatorDraftProblems(draft, draft.key)) ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
  });
export type CreateIndicatorRequest = z.infer<typeof CreateIndicatorRequestSchema>;

export const UpdateIndicatorRequestSchema = z
  .strictObject({
    ...Object.fromEntries(Object.entries(indicatorFields).map(([k, schema]) => [k, schema.optional()])),
    /** Retired indicators leave the atlas but keep their values; false brings one back. */
    retired: z.boolean().optional(),
  } as { [K in keyof typeof indicatorFields]: z.ZodOptional<(typeof indicatorFields)[K]> } & { retired: z.ZodOptional<z.ZodBoolean> })
  .refine((body) => Object.keys(body).length > 0, { error: validationMessage('Keine Änderung angegeben.', 'No change given.') });
export type UpdateIndicatorRequest = z.infer<typeof UpdateIndicatorRequestSchema>;

/** An indicator as stewards manage it: the atlas summary plus what only the catalogue needs. */
export interface CatalogueIndicator extends IndicatorSummary {
  numeratorIndicator: string | null;
  denominatorIndicator: string | null;
  valueCount: number;
  /** May the caller edit it (and import its values)? */
  editable: boolean;
}

/** What the caller may do in stewardship, so the UI offers only what will work. */
export interface StewardshipCapabilities {
  /** May import values at all (for every indicator, or only for their department's). */
  valueImport: boolean;
  allIndicators: boolean;
  department: { code: string; name: string } | null;
  boundaryImport: boolean;
  compositeIndex: boolean;
}
