import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Member } from '@lagebild/shared';
import { DEMO_USERS, DEMO_WORKSPACE } from '../../seeds/index.js';
import { MembershipEvents, type MembershipChange } from '../../server/src/workspaces/membership-events.js';
import { startTestApp, tableCounts, type DemoUserKey, type TestApp } from '../helpers/app.js';

let t: TestApp;
const changes: MembershipChange[] = [];
beforeAll(async () => {
  t = await startTestApp();
  t.app.get(MembershipEvents).changes.subscribe((c) => changes.push(c));
  // Log everyone in up front, so sessions created by logins do not count as writes below.
  for (const user of Object.keys(DEMO_USERS) as DemoUserKey[]) await t.login(user);
});
afterAll(async () => {
  await t.close();
});

const ws = DEMO_WORKSPACE.id;
async function call(method: string, path: string, user: DemoUserKey, body?: unknown) {
  const response = await fetch(`${t.baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await t.login(user)}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: response.status === 204 ? null : ((await response.json()) as unknown) };
}

describe('GET /api/workspaces', () => {
  it('returns [{id, name, role}] for the caller only', async () => {
    const { status, body } = await call('GET', '/api/workspaces', 'editor');
    expect(status).toBe(200);
    expect(body).toEqual([{ id: ws, name: DEMO_WORKSPACE.name, role: 'editor' }]);
  });
});

describe('workspace members', () => {
  it('lists members with their roles', async () => {
    const { body } = await call('GET', `/api/workspaces/${ws}/members`, 'viewer');
    const members = body as Member[];
    expect(members.map((m) => [m.email, m.role]).sort()).toEqual(
      (['coordinator', 'editor', 'commenter', 'viewer'] as const).map((k) => [DEMO_USERS[k].email, DEMO_USERS[k].role]).sort(),
    );
  });

  it('lets the coordinator change a role and add a member, and announces each change', async () => {
    changes.length = 0;
    const promoted = await call('PUT', `/api/workspaces/${ws}/members/${DEMO_USERS.viewer.id}`, 'coordinator', { role: 'commenter' });
    expect(promoted.status).toBe(200);
    expect((promoted.body as Member[]).find((m) => m.userId === DEMO_USERS.viewer.id)?.role).toBe('commenter');
    const added = await call('PUT', `/api/workspaces/${ws}/members/${DEMO_USERS.admin.id}`, 'coordinator', { role: 'viewer' });
    expect(added.status).toBe(200);
    expect(changes).toEqual([
      { workspaceId: ws, userId: DEMO_USERS.viewer.id, role: 'commenter' },
      { workspaceId: ws, userId: DEMO_USERS.admin.id, role: 'viewer' },
    ]);
    const removed = await call('DELETE', `/api/workspaces/${ws}/members/${DEMO_USERS.admin.id}`, 'coordinator');
    expect(removed.status).toBe(204);
    expect(changes.at(-1)).toEqual({ workspaceId: ws, userId: DEMO_USERS.admin.id, role: null });
    await call('PUT', `/api/workspaces/${ws}/members/${DEMO_USERS.viewer.id}`, 'coordinator', { role: 'viewer' });
  });

  it('never removes or demotes the last coordinator', async () => {
    const before = await tableCounts(t.dataSource);
    const demote = await call('PUT', `/api/workspaces/${ws}/members/${DEMO_USERS.coordinator.id}`, 'coordinator', { role: 'editor' });
    expect(demote.status).toBe(409);
    expect(demote.body).toMatchObject({ code: 'LAST_COORDINATOR' });
    const remove = await call('DELETE', `/api/workspaces/${ws}/members/${DEMO_USERS.coordinator.id}`, 'admin');
    expect(remove.status).toBe(409);
    expect((await call('GET', '/api/workspaces', 'coordinator')).body).toEqual([{ id: ws, name: DEMO_WORKSPACE.name, role: 'coordinator' }]);
    expect(await tableCounts(t.dataSource)).toEqual(before);
  });

  it('rejects bad input with a clear error and writes nothing', async () => {
    const before = await tableCounts(t.dataSource);
    const cases: Array<[string, string, unknown, number, string]> = [
      ['PUT', `/api/workspaces/${ws}/members/${DEMO_USERS.viewer.id}`, { role: 'owner' }, 400, 'VALIDATION_FAILED'],
      ['PUT', `/api/workspaces/${ws}/members/${DEMO_USERS.viewer.id}`, { role: 'viewer', extra: true }, 400, 'VALIDATION_FAILED'],
      ['PUT', `/api/workspaces/${ws}/members/not-a-uuid`, { role: 'viewer' }, 400, 'VALIDATION_FAILED'],
      ['PUT', `/api/workspaces/${ws}/members/00000000-0000-4000-8000-000000000001`, { role: 'viewer' }, 404, 'USER_NOT_FOUND'],
      ['PUT', `/api/workspaces/00000000-0000-4000-8000-000000000002/members/${DEMO_USERS.viewer.id}`, { role: 'viewer' }, 403, 'NOT_A_MEMBER'],
      ['DELETE', `/api/workspaces/${ws}/members/00000000-0000-4000-8000-000000000001`, undefined, 404, 'USER_NOT_FOUND'],
    ];
    for (const [method, path, body, status, code] of cases) {
      const response = await call(method, path, 'coordinator', body);
      expect([path, response.status]).toEqual([path, status]);
      expect(response.body).toMatchObject({ code, message: expect.any(String) });
    }
    expect(await tableCounts(t.dataSource)).toEqual(before);
    expect(changes.filter((c) => c.userId === '00000000-0000-4000-8000-000000000001')).toEqual([]);
  });

  it('lets an admin create accounts with validated input, but not twice for one email', async () => {
    const before = await tableCounts(t.dataSource);
    const invalid = await call('POST', '/api/users', 'admin', { email: 'kein-email', displayName: '', password: 'kurz' });
    expect(invalid.status).toBe(400);
    expect((invalid.body as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual(['displayName', 'email', 'password']);
    const unknownDepartment = await call('POST', '/api/users', 'admin', {
      email: 'x@gladbeck.example',
      displayName: 'X',
      password: 'long-enough-1',
      departmentCode: '99',
    });
    expect(unknownDepartment.status).toBe(422);
    expect(await tableCounts(t.dataSource)).toEqual(before);

    const created = await call('POST', '/api/users', 'admin', {
      email: 'Neu@Gladbeck.Example',
      displayName: 'Neu',
      password: 'long-enough-1',
      departmentCode: '40',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'neu@gladbeck.example', departmentCode: '40', isAdmin: false });
    const again = await call('POST', '/api/users', 'admin', { email: 'neu@gladbeck.example', displayName: 'Neu', password: 'long-enough-1' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'EMAIL_TAKEN' });
  });
});
