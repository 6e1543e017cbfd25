import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { atlasRoutes } from './pages/atlas/routes';
import { stewardshipRoutes } from './pages/stewardship/routes';
import { workspaceRoutes } from './pages/workspace/routes';
import { useAuthStore } from './stores/auth';

declare module 'vue-router' {
  interface RouteMeta {
    requiresAuth?: boolean;
    /** Embeddable views: no header, framed by other sites. */
    chromeless?: boolean;
    /** Shown in the main navigation: i18n key of the label, and the order. */
    nav?: { label: string; order: number; requiresAuth?: boolean };
  }
}

/**
 * Feature routes live next to their pages (one array per feature) and are listed here
 * explicitly; the header builds its navigation from `meta.nav`.
 */
const featureRoutes: RouteRecordRaw[][] = [atlasRoutes, stewardshipRoutes, workspaceRoutes];

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('./pages/HomePage.vue') },
  { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue') },
  ...featureRoutes.flat(),
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue') },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach(async (to) => {
  const auth = useAuthStore();
  if (!auth.ready) await auth.restore().catch(() => undefined);
  if (to.meta.requiresAuth && !auth.loggedIn) return { name: 'login', query: { redirect: to.fullPath } };
  return true;
});
