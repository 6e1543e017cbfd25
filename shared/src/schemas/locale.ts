import { z } from 'zod';

/** Validation messages reach planners, so they default to German; the client switches with the UI language. */
z.config(z.locales.de());

export function setValidationLocale(language: 'de' | 'en'): void {
  z.config(language === 'de' ? z.locales.de() : z.locales.en());
}
