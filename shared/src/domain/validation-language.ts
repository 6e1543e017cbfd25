/**
 * The language of validation messages. Kept apart from the schemas (and from zod), so the
 * client can switch it at start-up without loading any schema code: its first page must
 * not wait for zod. The schemas read it on every message (see schemas/zod.ts).
 */
export type ValidationLanguage = 'de' | 'en';

/** Validation messages reach planners, so they default to German. */
let current: ValidationLanguage = 'de';
/** Set by the server: every message is made in both languages, and the answer picks one. */
let inBothLanguages = false;

/** Between the German and the English text of a message made in both (ASCII unit separator). */
const BETWEEN_LANGUAGES = '\u001f';

export function setValidationLocale(language: ValidationLanguage): void {
  current = language;
}

/**
 * For a server that validates for many requests at once: every message is written in both
 * languages, and `validationTextIn` picks the request's at the edge. This needs no async
 * context (whose promise hooks would cost every promise of the process).
 */
export function writeValidationMessagesInBothLanguages(): void {
  inBothLanguages = true;
}

export function validationLanguage(): ValidationLanguage {
  return current;
}

/** A message in the current language, or in both when the server asked for that. */
export function validationText(de: string, en: string): string {
  if (inBothLanguages) return de + BETWEEN_LANGUAGES + en;
  return current === 'en' ? en : de;
}

/** The part of a message in one language (a message in one language only is returned as it is). */
export function validationTextIn(message: string, language: ValidationLanguage): string {
  const at = message.indexOf(BETWEEN_LANGUAGES);
  if (at < 0) return message;
  return language === 'en' ? message.slice(at + BETWEEN_LANGUAGES.length) : message.slice(0, at);
}

/**
 * A schema's own message in both languages, chosen when the message is made: usable as
 * zod's `error` option, or called for a plain string.
 */
export function validationMessage(de: string, en: string): () => string {
  return () => validationText(de, en);
}
