import { displayUnit } from '@lagebild/shared';
import { useDisplayLocale } from './useLocale';

interface Named {
  name: string;
  nameEn: string | null;
}

/**
 * An indicator's name and unit in the UI language. Stewards keep the German text as the
 * record; English pages show the English name where one is kept, and the unit translated
 * where its wording is a standard one (see displayUnit).
 */
export function useIndicatorLabels() {
  const locale = useDisplayLocale();
  return {
    nameOf: (indicator: Named) => (locale.value === 'en' && indicator.nameEn ? indicator.nameEn : indicator.name),
    unitOf: (unit: string) => displayUnit(unit, locale.value),
  };
}
