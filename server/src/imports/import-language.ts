import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { ImportProblem } from '@lagebild/shared';

/** The languages a steward reads import reports in: the two the UI speaks. */
export type ImportLanguage = 'de' | 'en';

/**
 * A message for the steward, written in both languages where it arises (next to the check
 * that finds the problem), and picked at the edge by the language of the request. German
 * stays the language of API clients that do not ask for another.
 */
export type Bilingual = Readonly<Record<ImportLanguage, string>>;

export const bilingual = (de: string, en: string): Bilingual => ({ de, en });

/** A problem of a file before the report picks its language. */
export interface BilingualProblem {
  row: number | null;
  column: string | null;
  message: Bilingual;
}

/**
 * The first of German and English that an Accept-Language header prefers, German when it
 * names neither. The UI sends its own language; a browser sends the user's preferences.
 */
export function importLanguage(acceptLanguage: string | undefined): ImportLanguage {
  let best: { language: ImportLanguage; q: number } | null = null;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const [tag, ...parameters] = part.trim().toLowerCase().split(';');
    const language = tag?.split('-')[0];
    if (language !== 'de' && language !== 'en') continue;
    const q = Number(
      parameters
        .find((p) => p.trim().startsWith('q='))
        ?.trim()
        .slice(2) ?? 1,
    );
    if (Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { language, q };
  }
  return best?.language ?? 'de';
}

export function localizeProblems(problems: readonly BilingualProblem[], language: ImportLanguage): ImportProblem[] {
  return problems.map((p) => ({ row: p.row, column: p.column, message: p.message[language] }));
}

/** A name in each language's quotation marks: ‚Brauck‘, ‘Brauck’. */
export const quote: Readonly<Record<ImportLanguage, (text: string) => string>> = {
  de: (text) => `‚${text}‘`,
  en: (text) => `‘${text}’`,
};

/** Both quoted forms of a name at once. */
export const quoted = (text: string): Bilingual => ({ de: quote.de(text), en: quote.en(text) });

/** "‚A‘, ‚B‘ oder ‚C‘" / "‘A’, ‘B’ or ‘C’": the near misses a problem suggests. */
export function suggestionList(names: readonly string[]): Bilingual {
  const list = (language: ImportLanguage, or: string) => {
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

/** The language the request asks its import report in (see importLanguage). */
export const ReportLanguage = createParamDecorator((_: unknown, context: ExecutionContext): ImportLanguage =>
  importLanguage(context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>().headers['accept-language']),
);
