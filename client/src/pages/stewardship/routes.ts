import type { RouteRecordRaw } from 'vue-router';

/** Data stewardship: imports, catalogue editing and the composite index, behind one tab bar. */
export const stewardshipRoutes: RouteRecordRaw[] = [
  {
    path: '/stewardship',
    name: 'stewardship',
    redirect: { name: 'stewardship-imports' },
    component: () => import('./StewardshipLayout.vue'),
    meta: { requiresAuth: true, nav: { label: 'stewardship.nav', order: 50, requiresAuth: true } },
    children: [
      { path: 'imports', name: 'stewardship-imports', component: () => import('../imports/ImportPage.vue'), meta: { requiresAuth: true } },
      { path: 'indicators', name: 'stewardship-indicators', component: () => import('./IndicatorsPage.vue'), meta: { requiresAuth: true } },
      { path: 'indices', name: 'stewardship-indices', component: () => import('./IndexBuilderPage.vue'), meta: { requiresAuth: true } },
    ],
  },
];
