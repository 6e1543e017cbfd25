import { computed, ref, watch, type ComputedRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { buildChoropleth, type AtlasView, type ChoroplethModel, type IndicatorSummary, type IndicatorValuesResponse } from '@lagebild/shared';
import { useIndicatorLabels } from '../../composables/useIndicatorLabels';
import { useAtlasStore } from '../../stores/atlas';
import { useAtlasFormat } from './useAtlasFormat';
import type { UseAtlasDataReturn } from './useAtlasData';

export interface AtlasArea {
  key: string;
  name: string;
}

/**
 * The derived atlas state shared by the full atlas page and the embeddable map: the
 * choropleth model, the fill colours for the map and the texts that describe the view.
 */
export function useAtlasModel(view: ComputedRef<AtlasView>, data: UseAtlasDataReturn, options: { deferUntil?: Promise<void> } = {}) {
  const { t } = useI18n();
  const format = useAtlasFormat();
  const store = useAtlasStore();

  const areas = computed<AtlasArea[]>(() => {
    const features = data.collection.value?.features ?? [];
    // Sorted by a folded name (ä as a, ß as ss, as German indexes do) rather than Intl.Collator,
    // whose locale data would cost tens of milliseconds before the first map frame.
    const list = features.map((f) => ({ key: f.properties.key, name: f.properties.name, sortKey: sortKey(f.properties.name) }));
    return list.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0)).map(({ key, name }) => ({ key, name }));
  });

  const { nameOf, sourceOf, localised } = useIndicatorLabels();
  const indicatorName = (indicator: IndicatorSummary | null) => (indicator ? nameOf(indicator) : '');

  const model = computed<ChoroplethModel | null>(() => {
    if (!data.ready.value || !data.indicator.value || !data.current.value) return null;
    const v = view.value;
    const toPeriodValues = (r: IndicatorValuesResponse | null) => (r ? { period: r.period, values: r.values, reference: r.reference } : null);
    return buildChoropleth({
      areas: areas.value,
      indicator: { polarity: data.indicator.value.polarity, decimals: data.indicator.value.decimals },
      current: toPeriodValues(data.current.value)!,
      previous: toPeriodValues(data.previous.value),
      mode: v.mode,
      base: v.mode === 'change' ? toPeriodValues(data.base.value) : null,
      changeKind: v.change,
      method: v.method,
      classes: v.classes,
      manualBreaks: v.breaks,
      diverging: v.diverging,
      palette: v.palette,
    });
  });

  const fills = computed(() => new Map((model.value?.rows ?? []).map((r) => [r.areaKey, r.color])));
  const hatchedKeys = computed(() => (model.value?.rows ?? []).filter((r) => r.status === 'suppressed').map((r) => r.areaKey));
  /** Identifies the colours on the map: the map recolours exactly when this changes. */
  const colorKey = computed(() => {
    const v = view.value;
    if (!model.value || !data.indicator.value) return '';
    return [
      data.indicator.value.key,
      data.period.value,
      v.level,
      v.mode,
      data.basePeriod.value,
      v.change,
      v.method,
      v.classes,
      v.breaks.join(','),
      model.value.palette,
      v.diverging,
    ].join('|');
  });

  /** Unit of what the map shows: the indicator's unit, percentage points, or % for relative change. */
  const measureUnit = computed(() => {
    const unit = data.indicator.value?.unit ?? '';
    if (view.value.mode !== 'change') return unit;
    return view.value.change === 'relative' ? '%' : format.differenceUnit(unit);
  });

  // The city is not among the mapped areas; its name comes from the areas endpoint.
  const fetchedNames = ref<Record<string, string>>({});
  const referenceKey = computed(() => data.current.value?.reference?.areaKey ?? null);
  watch(
    referenceKey,
    (key) => {
      if (!key || fetchedNames.value[key]) return;
      (options.deferUntil ?? Promise.resolve())
        .then(() => store.areaName(key))
        .then(
          (name) => (fetchedNames.value = { ...fetchedNames.value, [key]: name }),
          () => undefined,
        );
    },
    { immediate: true },
  );
  const referenceName = computed(() => {
    const key = referenceKey.value;
    if (!key) return null;
    return fetchedNames.value[key] ?? data.collection.value?.features.find((f) => f.properties.key === key)?.properties.name ?? cityName(key);
  });

  /** "SGB-II-Quote (%) · 2024" or "SGB-II-Quote: Veränderung 2019–2024 (Prozentpunkte)". */
  const title = computed(() => {
    const indicator = data.indicator.value;
    if (!indicator) return '';
    const name = indicatorName(indicator);
    const period = data.period.value ? format.period(data.period.value) : '';
    if (view.value.mode === 'change' && data.basePeriod.value) {
      return t('atlas.title.change', { name, from: format.period(data.basePeriod.value), to: period, unit: measureUnit.value });
    }
    return t('atlas.title.status', { name, unit: format.unit(indicator.unit), period });
  });

  const methodLabel = computed(() => {
    const m = model.value;
    if (!m) return '';
    return t('atlas.legend.method', { method: t(`atlas.methods.${view.value.method}`), n: m.classification.classCount }, m.classification.classCount);
  });

  const previousPeriod = computed(() => {
    const indicator = data.indicator.value;
    const p = data.period.value;
    if (!indicator || !p) return null;
    const i = indicator.periods.indexOf(p);
    return i > 0 ? indicator.periods[i - 1]! : null;
  });

  const geometrySource = computed(() => {
    const properties = data.collection.value?.features.find((f) => f.properties.geometrySource)?.properties;
    return properties?.geometrySource ? localised(properties.geometrySource, properties.geometrySourceEn) : null;
  });

  /** "Quelle: …, Stand 14.02.2025" — the line every export carries. */
  const sourceLine = computed(() => {
    const indicator = data.indicator.value;
    if (!indicator) return '';
    const stand = indicator.lastUpdate ? t('atlas.source.asOf', { date: format.date(indicator.lastUpdate) }) : '';
    return t('atlas.source.line', { source: sourceOf(indicator), asOf: stand ? `, ${stand}` : '' });
  });

  return {
    areas,
    model,
    fills,
    referenceKey,
    hatchedKeys,
    colorKey,
    measureUnit,
    referenceName,
    title,
    methodLabel,
    previousPeriod,
    geometrySource,
    sourceLine,
    indicatorName,
  };
}

function sortKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/\d+/g, (digits) => digits.padStart(6, '0'));
}

function cityName(key: string): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}
