import { z } from 'zod';
import de from 'zod/v4/locales/de.js';
import en from 'zod/v4/locales/en.js';
import { validationLanguage } from '../domain/validation-language.js';

/**
 * The one entry to zod for every schema of Lagebild. Configuring zod here, and not in a
 * module of its own, means the configuration runs exactly when some schema is loaded:
 * code that needs no schema (the client's first page) never loads zod at all.
 */
const messages = { de: de(), en: en() };
z.config({ localeError: (issue) => messages[validationLanguage()].localeError(issue) });

export { z };
