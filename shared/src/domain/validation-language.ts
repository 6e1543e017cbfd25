/**
 * The language of validation messages. Kept apart from the schemas (and from zod), so the
 * client can switch it at start-up without loading any schema code: its first page must
 * not wait for zod. The schemas read it on every message (see schemas/zod.ts).
 */
export type ValidationLanguage = 'de' | 'en';

/** Validation messages reach planners, so they default to German. */
let current: ValidationLanguage = 'de';

export function setValidationLocale(language: ValidationLanguage): void {
  current = language;
}

export function validationLanguage(): ValidationLanguage {
  return current;
}
