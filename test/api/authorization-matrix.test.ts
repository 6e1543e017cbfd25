import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_USERS, DEMO_WORKSPACE } from '../../seeds/index.js';
import { startTestApp, type DemoUserKey, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

type Caller = 'anonymous' | DemoUserKey;
const CALLERS: Caller[] = ['anonymous', 'viewer', 'commenter', 'editor', 'coordinator', 'admin'];

interface Endpoint {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: () => unknown;
  /** Expected status per caller; a number for all logged-in callers at once is spelled out per role. */
  expect: Record<Caller, number>;
}

const ws = DEMO_WORKSPACE.id;
const OTHER_WORKSPACE = '00000000-0000-4000-8000-00000000dead';
const NOT_A_MEMBER = DEMO_USERS.admin.id;
const all = (status: number, anonymous = 401): Record<Caller, number> => ({
  anonymous,
  viewer: status,
  commenter: status,
  editor: status,
  coordinator: status,
  admin: status,
});

let userCounter = 0;
const ENDPOINTS: Endpoint[] = [
  { method: 'GET', path: '/api/health', expect: all(200, 200) },
  { method: 'GET', path: '/api/auth/session', expect: all(200, 200) },
  { method: 'GET', path: '/api/auth/me', expect: all(200) },
  { method: 'GET', path: '/api/workspaces', expect: all(200) },
  { method: 'GET', path: `/api/workspaces/${ws}`, expect: { ...all(200), admin: 403 } },
  { method: 'GET', path: `/api/workspaces/${OTHER_WORKSPACE}`, expect: all(403) },
  { method: 'GET', path: `/api/workspaces/${ws}/members`, expect: all(200) },
  {
    method: 'PUT',
    path: `/api/workspaces/${ws}/members/${DEMO_USERS.viewer.id}`,
    body: () => ({ role: 'viewer' }),
    expect: { anonymous: 401, viewer: 403, commenter: 403, editor: 403, coordinator: 200, admin: 200 },
  },
  {
    method: 'DELETE',
    path: `/api/workspaces/${ws}/members/${NOT_A_MEMBER}`,
    expect: { anonymous: 401, viewer: 403, commenter: 403, editor: 403, coordinator: 404, admin: 404 },
  },
  { method: 'GET', path: '/api/users', expect: { ...all(403), admin: 200 } },
  {
    method: 'POST',
    path: '/api/users',
    body: () => ({ email: `matrix-${++userCounter}@gladbeck.example`, displayName: 'Matrix', password: 'matrix-password-1' }),
    expect: { ...all(403), admin: 201 },
  },
  { method: 'GET', path: '/api/areas?level=district', expect: all(200, 200) },
  { method: 'GET', path: '/api/areas/brauck', expect: all(200, 200) },
  { method: 'GET', path: '/api/areas/brauck/profile', expect: all(200, 200) },
  { method: 'GET', path: '/api/indicators', expect: all(200, 200) },
  { method: 'GET', path: '/api/indicators/sgb2_rate', expect: all(200, 200) },
  { method: 'GET', path: '/api/indicators/sgb2_rate/values', expect: all(200, 200) },
  // Non-public: a login is needed, and a membership; the admin has none.
  { method: 'GET', path: '/api/indicators/child_protection_cases_per_1000', expect: { ...all(200), admin: 403 } },
  { method: 'GET', path: '/api/indicators/child_protection_cases_per_1000/values', expect: { ...all(200), admin: 403 } },
  { method: 'GET', path: '/api/topics', expect: all(200, 200) },
  { method: 'GET', path: '/api/departments', expect: all(200, 200) },
  { method: 'POST', path: '/api/auth/logout', expect: all(204) },
];

describe('authorization matrix: every endpoint × anonymous and each role', () => {
  for (const endpoint of ENDPOINTS) {
    it(`${endpoint.method} ${endpoint.path}`, async () => {
      const observed: Record<string, number> = {};
      for (const caller of CALLERS) {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        // Logout revokes the session, so every caller gets a fresh one for it.
        if (caller !== 'anonymous')
          headers.authorization = `Bearer ${endpoint.path === '/api/auth/logout' ? await freshToken(caller) : await t.login(caller)}`;
        const response = await fetch(`${t.baseUrl}${endpoint.path}`, {
          method: endpoint.method,
          headers,
          body: endpoint.body ? JSON.stringify(endpoint.body()) : undefined,
        });
        observed[caller] = response.status;
        if (response.status >= 400) {
          const body = (await response.json()) as { statusCode: number; code: string; message: string };
          expect(body).toEqual(expect.objectContaining({ statusCode: response.status, code: expect.any(String), message: expect.any(String) }));
        }
      }
      expect(observed).toEqual(endpoint.expect);
    });
  }
});

async function freshToken(caller: DemoUserKey): Promise<string> {
  const response = await fetch(`${t.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: DEMO_USERS[caller].email, password: 'lagebild-demo' }),
  });
  return ((await response.json()) as { accessToken: string }).accessToken;
}
