import type { IndicatorSummary } from '@lagebild/shared';
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

type Described = Pick<IndicatorSummary, 'definition' | 'definitionEn' | 'source' | 'sourceEn'>;
type Computed = Pick<IndicatorSummary, 'numeratorLabel' | 'numeratorLabelEn' | 'denominatorLabel' | 'denominatorLabelEn'>;
type Owned = Pick<IndicatorSummary, 'departmentName' | 'departmentNameEn'>;

/**
 * Indicator texts in the UI language. Stewards keep the German texts as the record and may
 * add English ones; English pages show the English text where one is kept and the German
 * one otherwise. `germanOn(english)` gives the `lang` attribute for such a fallback, so a
 * screen reader reads it with a German voice. (Units: useAtlasFormat().unit.)
 */
export function useIndicatorLabels() {
  const locale = useDisplayLocale();
  const pick = (german: string, english: string | null | undefined) => (locale.value === 'en' && english ? english : german);
  return {
    /** Any German record with an optional English twin (e.g. an area's geometry source). */
    localised: pick,
    nameOf: (indicator: Named) => pick(indicator.name, indicator.nameEn),
    topicNameOf: (topic: TopicNamed) => pick(topic.name, topic.nameEn),
    /** The topic with this key in a topic list; `fallback` (e.g. the German name a row carries) while the list is missing. */
    topicNameIn: (topics: readonly (TopicNamed & { key: string })[] | undefined, key: string, fallback: string) => {
      const topic = topics?.find((x) => x.key === key);
      return topic ? pick(topic.name, topic.nameEn) : fallback;
    },
    definitionOf: (indicator: Described) => pick(indicator.definition, indicator.definitionEn),
    sourceOf: (indicator: Described) => pick(indicator.source, indicator.sourceEn),
    departmentOf: (indicator: Owned) => (indicator.departmentName ? pick(indicator.departmentName, indicator.departmentNameEn) : null),
    /** Numerator and denominator labels of a rate; null when it has none. */
    computationOf: (indicator: Computed) =>
      indicator.numeratorLabel && indicator.denominatorLabel
        ? {
            numerator: pick(indicator.numeratorLabel, indicator.numeratorLabelEn),
            denominator: pick(indicator.denominatorLabel, indicator.denominatorLabelEn),
          }
        : null,
    germanOn: (english: string | null | undefined): 'de' | undefined => (locale.value === 'en' && !english ? 'de' : undefined),
  };
}
