import { setValidationLocale } from '@lagebild/shared';
import { createI18n } from 'vue-i18n';
import de from './de.json';
import en from './en.json';

export type Locale = 'de' | 'en';
export const LOCALES: readonly Locale[] = ['de', 'en'];
const STORAGE_KEY = 'lagebild.locale';

function initialLocale(): Locale {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return stored === 'en' || stored === 'de' ? stored : 'de';
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'de',
  messages: { de, en },
  numberFormats: {
    de: { decimal: { style: 'decimal' } },
    en: { decimal: { style: 'decimal' } },
  },
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
  setValidationLocale(locale);
}

/** German is the default: the people using Lagebild work in German administrations. */
setLocale(initialLocale());
