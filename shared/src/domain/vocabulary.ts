/**
 * The fixed vocabularies of the atlas. Their zod enums live in schemas/atlas.ts; the lists
 * themselves stay free of zod, so pure domain code (the atlas view of a URL) can use them
 * without loading the schemas.
 */
export const AREA_LEVELS = ['city', 'district', 'neighbourhood'] as const;

export const POLARITIES = ['higher_is_better', 'higher_is_worse', 'neutral'] as const;

/**
 * `count`: additive, aggregated by summing. `rate`: numerator / denominator · rateFactor,
 * aggregated by summing numerator and denominator. `index`: derived (composite index),
 * never aggregated.
 */
export const INDICATOR_KINDS = ['count', 'rate', 'index'] as const;

export const UPDATE_CYCLES = ['yearly', 'half-yearly', 'quarterly', 'monthly', 'irregular'] as const;
