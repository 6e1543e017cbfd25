import { z } from 'zod';
import de from 'zod/v4/locales/de.js';
import en from 'zod/v4/locales/en.js';

/** Validation messages reach planners, so they default to German; the client switches with the UI language. */
z.config(de());

export function setValidationLocale(language: 'de' | 'en'): void {
  z.config(language === 'de' ? de() : en());
}
