import { useDisplayLocale } from './useLocale';

interface Named {
  name: string;
  nameEn: string | null;
}

/** Topics, unlike indicators, always carry an English name. */
interface TopicNamed {
  name: string;
  nameEn: string;
}

/**
 * Indicator and topic names in the UI language. Stewards keep the German name as the record;
 * English pages show the English one where it is kept. (Units: useAtlasFormat().unit.)
 */
export function useIndicatorLabels() {
  const locale = useDisplayLocale();
  return {
    nameOf: (indicator: Named) => (locale.value === 'en' && indicator.nameEn ? indicator.nameEn : indicator.name),
    topicNameOf: (topic: TopicNamed) => (locale.value === 'en' ? topic.nameEn : topic.name),
  };
}
