import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/** The languages Lagebild answers in: the two its UI speaks. */
export type ApiLanguage = 'de' | 'en';

/**
 * A message for people, in both languages, written where it arises and picked at the edge
 * by the language of the request. German stays the language of clients that ask for none.
 */
export type Bilingual = Readonly<Record<ApiLanguage, string>>;

export const bilingual = (de: string, en: string): Bilingual => ({ de, en });

/** A name in each language's quotation marks: ‚Brauck‘, ‘Brauck’. */
export const quote: Readonly<Record<ApiLanguage, (text: string) => string>> = {
  de: (text) => `‚${text}‘`,
  en: (text) => `‘${text}’`,
};

/**
 * The first of German and English that an Accept-Language header prefers, German when it
 * names neither. The web client sends the UI's language; a browser sends the user's.
 */
export function requestLanguage(acceptLanguage: string | undefined): ApiLanguage {
  let best: { language: ApiLanguage; q: number } | null = null;
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

interface WithHeaders {
  headers: Record<string, string | string[] | undefined>;
}

export function languageOf(request: WithHeaders): ApiLanguage {
  const header = request.headers['accept-language'];
  return requestLanguage(Array.isArray(header) ? header.join(',') : header);
}

/** The language the request asks its answer in (see requestLanguage). */
export const RequestLanguage = createParamDecorator((_: unknown, context: ExecutionContext): ApiLanguage =>
  languageOf(context.switchToHttp().getRequest<WithHeaders>()),
);
