/**
 * The language of validation messages. Kept apart from the schemas (and from zod), so the
 * client can switch it at start-up without loading any schema code: its first page must
 * not wait for zod. The schemas read it on every message (see schemas/zod.ts).
 */
export type ValidationLanguage = 'de' | 'en';

/** Validation messages reach planners, so they default to German. */
let current: ValidationLanguage = 'de';
/** Where the server reads the language of the request being validated (see setValidationLanguageSource). */
let source: (() => ValidationLanguage | undefined) | null = null;

export function setValidationLocale(language: ValidationLanguage): void {
  current = language;
}

/**
 * For a server that validates many requests at once: the language is read from the
 * request in progress (an async context), and falls back to the process-wide one.
 */
export function setValidationLanguageSource(read: (() => ValidationLanguage | undefined) | null): void {
  source = read;
}

export function validationLanguage(): ValidationLanguage {
  return source?.() ?? current;
}

/**
 * A schema's own message in both languages, chosen when the message is made: usable as
 * zod's `error` option, or called for a plain string.
 */
export function validationMessage(de: string, en: string): () => string {
  return () => (validationLanguage() === 'en' ? en : de);
}
