import { computed, ref, shallowRef, watch, type ComputedRef, type Ref, type ShallowRef } from 'vue';
import type { AreaFeatureCollection, AtlasView, IndicatorSummary, IndicatorValuesResponse } from '@lagebild/shared';
import { ApiError } from '../../api/http';
import { useAtlasStore, type AtlasCatalogue } from '../../stores/atlas';

/** Why the selection cannot be shown; the page turns each into a clear message. */
export type AtlasProblem =
  | { kind: 'unknownIndicator'; key: string }
  | { kind: 'loginRequired'; key: string }
  | { kind: 'unknownPeriod'; indicator: IndicatorSummary; period: string }
  | { kind: 'noPeriods'; indicator: IndicatorSummary }
  | { kind: 'noIndicators' }
  | { kind: 'failed'; error: unknown };

export interface UseAtlasDataReturn {
  catalogue: ShallowRef<AtlasCatalogue | null>;
  indicator: ShallowRef<IndicatorSummary | null>;
  period: Ref<string | null>;
  collection: ShallowRef<AreaFeatureCollection | null>;
  current: ShallowRef<IndicatorValuesResponse | null>;
  /** The period before, for the change column (status mode). */
  previous: ShallowRef<IndicatorValuesResponse | null>;
  /** Change mode: the period the change is measured from. */
  base: ShallowRef<IndicatorValuesResponse | null>;
  basePeriod: Ref<string | null>;
  problem: ShallowRef<AtlasProblem | null>;
  loading: Ref<boolean>;
  /** True when current, base and geometry belong to the same selection. */
  ready: ComputedRef<boolean>;
}

/**
 * Loads what the atlas view needs, in parallel: geometry (once per level, from the store's
 * cache), the values of the selected, previous and base periods, and the catalogue for the
 * indicator list. The map waits only for geometry and values: a values response carries its
 * indicator, so a link with an indicator never waits for the whole catalogue. A newer
 * selection always wins over a slower older one.
 */
export interface UseAtlasDataOptions {
  loggedIn: () => boolean;
  /**
   * Requests the map does not need (the catalogue for the indicator list, the previous
   * period for the change column) wait for this, so they never compete with the first
   * coloured frame for the server or the network. Resolve it once the map has drawn.
   */
  deferUntil?: Promise<void>;
}

export function useAtlasData(view: ComputedRef<AtlasView>, options: UseAtlasDataOptions): UseAtlasDataReturn {
  const store = useAtlasStore();
  const catalogue = shallowRef<AtlasCatalogue | null>(store.catalogue);
  const indicator = shallowRef<IndicatorSummary | null>(null);
  const period = ref<string | null>(null);
  const collection = shallowRef<AreaFeatureCollection | null>(null);
  const current = shallowRef<IndicatorValuesResponse | null>(null);
  const previous = shallowRef<IndicatorValuesResponse | null>(null);
  const base = shallowRef<IndicatorValuesResponse | null>(null);
  const basePeriod = ref<string | null>(null);
  const problem = shallowRef<AtlasProblem | null>(null);
  const loading = ref(true);
  let token = 0;
  const deferred = options.deferUntil ?? Promise.resolve();

  function loadCatalogue(): Promise<AtlasCatalogue> {
    return store.loadCatalogue().then((result) => (catalogue.value = result));
  }

  /** The values of the selection; without a period in the link, the indicator's latest. */
  async function selectedValues(v: AtlasView): Promise<IndicatorValuesResponse> {
    if (v.indicator) return store.values(v.indicator, v.period, v.level);
    const cat = await loadCatalogue();
    const first = cat.indicators.find((i) => i.periods.length > 0);
    if (!first) throw new NoIndicators();
    return store.values(first.key, v.period ?? first.periods.at(-1)!, v.level);
  }

  async function load(): Promise<void> {
    const mine = ++token;
    const stale = () => mine !== token;
    const v = view.value;
    loading.value = true;
    const geometry = store.areas(v.level);
    const cataloguePromise = deferred.then(loadCatalogue);
    cataloguePromise.catch(() => undefined);

    try {
      const values = await selectedValues(v);
      if (stale()) return;
      const chosen = values.indicator;
      const p = values.period;
      const index = chosen.periods.indexOf(p);
      const previousPeriod = index > 0 ? chosen.periods[index - 1]! : null;
      const wantedBase = v.mode === 'change' ? (v.base && chosen.periods.includes(v.base) && v.base !== p ? v.base : previousPeriod) : null;
      const [geo, baseValues] = await Promise.all([geometry, wantedBase ? store.values(chosen.key, wantedBase, v.level) : Promise.resolve(null)]);
      if (stale()) return;
      indicator.value = chosen;
      collection.value = geo;
      period.value = p;
      current.value = values;
      base.value = baseValues;
      basePeriod.value = wantedBase;
      problem.value = null;

      // The change column is secondary: it fills in when it arrives, without holding up the map.
      previous.value = null;
      if (previousPeriod) {
        deferred
          .then(() => store.values(chosen.key, previousPeriod, v.level))
          .then((r) => {
            if (!stale()) previous.value = r;
          })
          .catch(() => undefined);
      }
    } catch (error) {
      if (stale()) return;
      current.value = null;
      // The message may need the catalogue (which periods exist): load it now, not deferred.
      problem.value = await describe(error, v, loadCatalogue());
      if (stale()) return;
      if (problem.value.kind === 'unknownPeriod' || problem.value.kind === 'noPeriods') {
        indicator.value = problem.value.indicator;
        period.value = v.period;
      } else {
        indicator.value = null;
      }
      collection.value = await geometry.catch(() => null);
    } finally {
      if (!stale()) loading.value = false;
    }
  }

  /** Turns a failed request into what the person should be told. */
  async function describe(error: unknown, v: AtlasView, cataloguePromise: Promise<AtlasCatalogue>): Promise<AtlasProblem> {
    if (error instanceof NoIndicators) return { kind: 'noIndicators' };
    if (!(error instanceof ApiError) || !v.indicator) return { kind: 'failed', error };
    if (error.status === 401 || error.status === 403) return { kind: 'loginRequired', key: v.indicator };
    if (error.code === 'INDICATOR_NOT_FOUND')
      return options.loggedIn() ? { kind: 'unknownIndicator', key: v.indicator } : { kind: 'loginRequired', key: v.indicator };
    if (error.code === 'PERIOD_NOT_FOUND' || error.code === 'VALIDATION_FAILED') {
      const known = (await cataloguePromise.catch(() => null))?.indicators.find((i) => i.key === v.indicator);
      if (known && !known.periods.length) return { kind: 'noPeriods', indicator: known };
      if (known && v.period) return { kind: 'unknownPeriod', indicator: known, period: v.period };
      if (!known) return { kind: 'unknownIndicator', key: v.indicator };
    }
    return { kind: 'failed', error };
  }

  watch(
    () => [view.value.indicator, view.value.period, view.value.level, view.value.mode, view.value.base, store.generation] as const,
    () => void load(),
    { immediate: true },
  );

  const ready = computed(
    () =>
      !!collection.value &&
      !!current.value &&
      current.value.indicator.key === indicator.value?.key &&
      current.value.period === period.value &&
      (view.value.mode !== 'change' || basePeriod.value === null || base.value?.period === basePeriod.value),
  );

  return { catalogue, indicator, period, collection, current, previous, base, basePeriod, problem, loading, ready };
}

class NoIndicators extends Error {}

/**
 * Starts the requests of an atlas link before its page component has even loaded (called
 * from the route's beforeEnter); the map code comes with the page, which imports it.
 */
export function prefetchAtlas(view: AtlasView): void {
  const store = useAtlasStore();
  store.areas(view.level).catch(() => undefined);
  store.loadConfig();
  if (view.indicator) store.values(view.indicator, view.period, view.level).catch(() => undefined);
}
