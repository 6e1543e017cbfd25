import type { ImportProblem } from '@lagebild/shared';
import { bilingual, quote, type ApiLanguage, type Bilingual } from '../common/http/request-language.js';

// The import feature writes the longest messages Lagebild has; these put them together in both languages.
export { bilingual, quote, type Bilingual };

/** A problem of a file before the report picks its language. */
export interface BilingualProblem {
  row: number | null;
  column: string | null;
  message: Bilingual;
}

export function localizeProblems(problems: readonly BilingualProblem[], language: ApiLanguage): ImportProblem[] {
  return problems.map((p) => ({ row: p.row, column: p.column, message: p.message[language] }));
}

/** Both quoted forms of a name at once. */
export const quoted = (text: string): Bilingual => ({ de: quote.de(text), en: quote.en(text) });

/** "‚A‘, ‚B‘ oder ‚C‘" / "‘A’, ‘B’ or ‘C’": the near misses a problem suggests. */
export function suggestionList(names: readonly string[]): Bilingual {
  const list = (language: ApiLanguage, or: string) => {
    const items = names.map(quote[language]);
    return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${or} ${items.at(-1)}`;
  };
  return { de: list('de', 'oder'), en: list('en', 'or') };
}

/** "‚a‘, ‚b‘" / "‘a’, ‘b’": what a file does have, for "not found" messages. */
export function quotedList(names: readonly string[]): Bilingual {
  return { de: names.map(quote.de).join(', '), en: names.map(quote.en).join(', ') };
}

/** A number as each language writes it in running text (up to six decimals). */
export function numberText(value: number, decimals = 6): Bilingual {
  return {
    de: value.toLocaleString('de-DE', { maximumFractionDigits: decimals }),
    en: value.toLocaleString('en-GB', { maximumFractionDigits: decimals }),
  };
}
