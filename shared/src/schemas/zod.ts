import { z } from 'zod';
import de from 'zod/v4/locales/de.js';
import en from 'zod/v4/locales/en.js';
import { validationText } from '../domain/validation-language.js';

/**
 * The one entry to zod for every schema of Lagebild. Configuring zod here, and not in a
 * module of its own, means the configuration runs exactly when some schema is loaded:
 * code that needs no schema (the client's first page) never loads zod at all.
 */
const messages = { de: de(), en: en() };
/** zod's own message for an issue in one language (its maps answer a string or `{message}`). */
const localeText = (language: keyof typeof messages, issue: Parameters<typeof messages.de.localeError>[0]): string => {
  const made = messages[language].localeError(issue);
  return (typeof made === 'string' ? made : made?.message) ?? '';
};
z.config({ localeError: (issue) => validationText(localeText('de', issue), localeText('en', issue)) });

export { z };
