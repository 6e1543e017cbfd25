import { computed, type ComputedRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { DisplayLocale } from '@lagebild/shared';

/** The UI language as the shared formatters want it. */
export function useDisplayLocale(): ComputedRef<DisplayLocale> {
  const { locale } = useI18n();
  return computed(() => (locale.value === 'en' ? 'en' : 'de'));
}
