import type { RouteRecordRaw } from 'vue-router';

/** The workspace of a planning group: live presence, the shared canvas document, versions. */
export const workspaceRoutes: RouteRecordRaw[] = [
  {
    path: '/workspaces/:id',
    name: 'workspace',
    component: () => import('./WorkspacePage.vue'),
    meta: { requiresAuth: true },
  },
];
