import type { RouteRecordRaw } from 'vue-router';
import { parseAtlasView, type AtlasQueryInput } from '@lagebild/shared';
import { preloadAtlas } from '../../api/atlas';
import { useApi } from '../../api/http';
import { prefetchAtlas } from './useAtlasData';

/**
 * Opened directly on an atlas link (the common case: a shared link, an embedded map), the
 * data is requested while the app is still booting, in parallel with the session check,
 * instead of after it. The page and map code are already on their way: index.html preloads
 * them (see client/build/preload-map-route.ts).
 */
if (typeof location !== 'undefined' && /^\/(embed\/)?atlas\/?$/.test(location.pathname)) {
  const view = parseAtlasView(Object.fromEntries(new URLSearchParams(location.search))).view;
  // A task later, so the router's session check is the first request to go out: the browser
  // opens only six connections per host, and the page waits for that check.
  setTimeout(() => preloadAtlas(useApi(), view), 0);
}

/** Entering an atlas view: fetch its data and the map code while the page itself loads. */
const prefetch = (to: { query: unknown }) => {
  prefetchAtlas(parseAtlasView(to.query as AtlasQueryInput).view);
};

/** The atlas feature: map, district profiles, indicator catalogue and the embeddable map. */
export const atlasRoutes: RouteRecordRaw[] = [
  {
    path: '/atlas',
    name: 'atlas',
    component: () => import('./AtlasPage.vue'),
    beforeEnter: prefetch,
    meta: { nav: { label: 'atlas.nav.atlas', order: 10 } },
  },
  {
    path: '/areas/:key',
    name: 'area-profile',
    component: () => import('./AreaProfilePage.vue'),
  },
  {
    path: '/catalogue',
    name: 'catalogue',
    component: () => import('./CataloguePage.vue'),
    meta: { nav: { label: 'atlas.nav.catalogue', order: 20 } },
  },
  {
    path: '/embed/atlas',
    name: 'embed-atlas',
    component: () => import('./EmbedAtlasPage.vue'),
    beforeEnter: prefetch,
    meta: { chromeless: true },
  },
];
