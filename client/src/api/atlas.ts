import type {
  AreaFeature,
  AreaFeatureCollection,
  AreaLevel,
  AreaProfileResponse,
  ClientConfig,
  DepartmentSummary,
  IndicatorSummary,
  IndicatorValuesResponse,
  TopicSummary,
} from '@lagebild/shared';
import type { HttpClient } from './http';

/** The typed atlas endpoints (server/src/atlas, server/src/client-config). */
export interface AtlasApi {
  config(): Promise<ClientConfig>;
  areas(level: AreaLevel): Promise<AreaFeatureCollection>;
  area(key: string): Promise<AreaFeature>;
  indicators(): Promise<IndicatorSummary[]>;
  topics(): Promise<TopicSummary[]>;
  departments(): Promise<DepartmentSummary[]>;
  values(indicator: string, period: string | null, level: AreaLevel): Promise<IndicatorValuesResponse>;
  profile(areaKey: string, period?: string | null): Promise<AreaProfileResponse>;
}

/**
 * Requests started before the app has even mounted (see `preloadAtlas`), each handed to the
 * first caller that asks for the same path and then forgotten.
 */
const preloaded = new Map<string, Promise<unknown>>();
const preloadKey = (path: string, query: Record<string, string | undefined>) =>
  `${path}?${Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join('&')}`;

/**
 * Requests the page made itself before the boot preload ran: a visitor without a session
 * cookie has no session check to wait for, so the route can ask first. The preload must then
 * not ask a second time (it did: every first visit fetched geometry and values twice).
 */
const requestedFirst = new Set<string>();
/** The boot preload runs once; after it, nothing needs to remember who asked first. */
let bootPreloadDone = false;

function getOnce<T>(http: HttpClient, path: string, query: Record<string, string | undefined> = {}): Promise<T> {
  const key = preloadKey(path, query);
  const early = preloaded.get(key);
  if (early) {
    preloaded.delete(key);
    return early as Promise<T>;
  }
  if (!bootPreloadDone) requestedFirst.add(key);
  return http.get<T>(path, query);
}

/**
 * Starts the requests of an atlas link while the app boots, before the router has checked
 * the session and loaded the page: geometry, the selected values and the config. They are
 * the first frame's critical path; everything else waits for the page.
 */
export function preloadAtlas(http: HttpClient, view: { indicator: string | null; period: string | null; level: AreaLevel }): void {
  const start = (path: string, query: Record<string, string | undefined> = {}) => {
    const key = preloadKey(path, query);
    if (preloaded.has(key) || requestedFirst.has(key)) return;
    const promise = http.get(path, query);
    promise.catch(() => undefined);
    preloaded.set(key, promise);
    // Unclaimed preloads must not answer a much later request.
    setTimeout(() => preloaded.delete(key), 15_000);
  };
  start('/config');
  start('/areas', { level: view.level });
  if (view.indicator) start(`/indicators/${encodeURIComponent(view.indicator)}/values`, { period: view.period ?? undefined, level: view.level });
  bootPreloadDone = true;
  requestedFirst.clear();
}

export function createAtlasApi(http: HttpClient): AtlasApi {
  return {
    config: () => getOnce(http, '/config'),
    areas: (level) => getOnce(http, '/areas', { level }),
    area: (key) => http.get(`/areas/${encodeURIComponent(key)}`),
    indicators: () => http.get('/indicators'),
    topics: () => http.get('/topics'),
    departments: () => http.get('/departments'),
    values: (indicator, period, level) =>
      getOnce(http, `/indicators/${encodeURIComponent(indicator)}/values`, { period: period ?? undefined, level }),
    profile: (areaKey, period) => http.get(`/areas/${encodeURIComponent(areaKey)}/profile`, { period: period ?? undefined }),
  };
}
