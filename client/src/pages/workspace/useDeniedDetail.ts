import { computed, ref, toValue, watch, type ComputedRef, type MaybeRefOrGetter } from 'vue';
import { useI18n } from 'vue-i18n';

/**
 * Why the sync server refused a document, in words for people. The server words its refusals
 * in the UI's language (the socket tells it at connect) and more precisely than a code can,
 * e.g. that a membership just ended, so its words are shown. Only after a language switch
 * since the refusal are they in the other language: then the words for its code are shown.
 */
export function useDeniedDetail(error: MaybeRefOrGetter<{ code: string; message: string } | null | undefined>): ComputedRef<string> {
  const { t, te, locale } = useI18n();
  const localeOfRefusal = ref(locale.value);
  watch(
    () => toValue(error),
    () => (localeOfRefusal.value = locale.value),
  );
  return computed(() => {
    const current = toValue(error);
    if (current?.message && locale.value === localeOfRefusal.value) return current.message;
    const code = current?.code;
    if (code && te(`workspace.status.denied.${code}`)) return t(`workspace.status.denied.${code}`);
    return current?.message ?? t('workspace.status.denied.detail');
  });
}
