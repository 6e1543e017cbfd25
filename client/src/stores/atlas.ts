import { defineStore } from 'pinia';
import { markRaw, ref, shallowRef, watch } from 'vue';
import type {
  AreaFeatureCollection,
  AreaLevel,
  AreaProfileResponse,
  ClientConfig,
  DepartmentSummary,
  IndicatorSummary,
  IndicatorValuesResponse,
  TopicSummary,
} from '@lagebild/shared';
import { createAtlasApi } from '../api/atlas';
import { useApi } from '../api/http';
import { useAuthStore } from './auth';

export interface AtlasCatalogue {
  indicators: IndicatorSummary[];
  topics: TopicSummary[];
  departments: DepartmentSummary[];
}

/**
 * The atlas data of this browser tab. Geometry is fetched once per level and kept for the
 * session, so switching indicator or period only fetches values; values are cached per
 * indicator, period and level. Everything is held raw (markRaw / shallowRef): GeoJSON of
 * a large city is far too big for deep reactivity, and nothing mutates it.
 */
export const useAtlasStore = defineStore('atlas', () => {
  const api = createAtlasApi(useApi());
  const auth = useAuthStore();

  const catalogue = shallowRef<AtlasCatalogue | null>(null);
  const config = shallowRef<ClientConfig | null>(null);
  /** Bumped whenever what the caller may see changes (login, logout), so views reload. */
  const generation = ref(0);

  let cataloguePromise: Promise<AtlasCatalogue> | null = null;
  let configPromise: Promise<ClientConfig> | null = null;
  const areaPromises = new Map<AreaLevel, Promise<AreaFeatureCollection>>();
  const valuePromises = new Map<string, Promise<IndicatorValuesResponse>>();

  function loadCatalogue(): Promise<AtlasCatalogue> {
    cataloguePromise ??= Promise.all([api.indicators(), api.topics(), api.departments()]).then(
      ([indicators, topics, departments]) => {
        const result = markRaw({ indicators, topics, departments });
        catalogue.value = result;
        return result;
      },
      (error: unknown) => {
        cataloguePromise = null;
        throw error;
      },
    );
    return cataloguePromise;
  }

  function loadConfig(): Promise<ClientConfig> {
    configPromise ??= api.config().then(
      (result) => (config.value = markRaw(result)),
      // Without the config the atlas still works: it just draws no basemap.
      () => (config.value = { basemapStyleUrl: null }),
    );
    return configPromise;
  }

  function areas(level: AreaLevel): Promise<AreaFeatureCollection> {
    let promise = areaPromises.get(level);
    if (!promise) {
      promise = api.areas(level).then((collection) => markRaw(collection));
      promise.catch(() => areaPromises.delete(level));
      areaPromises.set(level, promise);
    }
    return promise;
  }

  /** Values of one period; without a period, the indicator's latest (cached under both keys once known). */
  function values(indicator: string, period: string | null, level: AreaLevel): Promise<IndicatorValuesResponse> {
    const key = `${indicator}|${period ?? 'latest'}|${level}`;
    let promise = valuePromises.get(key);
    if (!promise) {
      promise = api.values(indicator, period, level).then((response) => {
        const raw = markRaw(response);
        if (!period) valuePromises.set(`${indicator}|${response.period}|${level}`, Promise.resolve(raw));
        return raw;
      });
      promise.catch(() => valuePromises.delete(key));
      valuePromises.set(key, promise);
    }
    return promise;
  }

  /** The name of an area outside the loaded level (the city as reference), cached. */
  const areaNames = new Map<string, Promise<string>>();
  function areaName(key: string): Promise<string> {
    let promise = areaNames.get(key);
    if (!promise) {
      promise = api.area(key).then((feature) => feature.properties.name);
      promise.catch(() => areaNames.delete(key));
      areaNames.set(key, promise);
    }
    return promise;
  }

  /** Starts loading every period of an indicator (for play and the time series) without waiting. */
  function prefetchPeriods(indicator: IndicatorSummary, level: AreaLevel): Promise<IndicatorValuesResponse[]> {
    return Promise.all(indicator.periods.map((period) => values(indicator.key, period, level)));
  }

  function profile(areaKey: string, period?: string | null): Promise<AreaProfileResponse> {
    return api.profile(areaKey, period);
  }

  function findIndicator(key: string | null | undefined): IndicatorSummary | undefined {
    return key ? catalogue.value?.indicators.find((i) => i.key === key) : undefined;
  }

  /** Logging in reveals non-public indicators and raw values; logging out hides them again. */
  watch(
    () => auth.user?.id ?? null,
    () => {
      cataloguePromise = null;
      catalogue.value = null;
      valuePromises.clear();
      generation.value++;
    },
  );

  return { catalogue, config, generation, loadCatalogue, loadConfig, areas, areaName, values, prefetchPeriods, profile, findIndicator };
});
