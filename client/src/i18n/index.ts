import { setValidationLocale } from '@lagebild/shared';
import messages from 'virtual:lagebild-messages';
import { createI18n } from 'vue-i18n';

export type Locale = 'de' | 'en';
export const LOCALES: readonly Locale[] = ['de', 'en'];
const STORAGE_KEY = 'lagebild.locale';

type Messages = Record<string, unknown>;

function initialLocale(): Locale {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return stored === 'en' || stored === 'de' ? stored : 'de';
}

const startLocale = initialLocale();

export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: startLocale,
  fallbackLocale: 'de',
  // Each feature keeps its messages in locales/<lang>/<feature>.json, so features can be
  // translated and reviewed on their own; the build merges and compiles them.
  messages,
});

/** Switches the UI language and remembers the choice for the next visit. */
export function setLocale(locale: Locale): void {
  applyLocale(locale);
  localStorage.setItem(STORAGE_KEY, locale);
}

function applyLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  setValidationLocale(locale);
}

/**
 * German is the default: the people using Lagebild work in German administrations. At start
 * the stored choice is only read (once), not written back: storage work delays the first page.
 */
applyLocale(startLocale);
