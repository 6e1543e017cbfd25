import { describe, expect, it } from '@jest/globals';
import type { WorkspaceRole } from '@lagebild/shared';
import type { Actor } from '../common/auth/actor.js';
import { AccessService } from './access.service.js';
import type { WorkspacesRepository } from './workspaces.repository.js';

const WS = 'ws-1';
function fakeRepository(roles: Record<string, WorkspaceRole>): WorkspacesRepository {
  return {
    findWorkspace: async (id: string) => (id === WS ? { id, name: 'W', description: '', createdAt: new Date() } : null),
    roleOf: async (userId: string, workspaceId: string) => (workspaceId === WS ? (roles[userId] ?? null) : null),
    rolesOf: async (userId: string) => (roles[userId] ? [roles[userId]] : []),
  } as unknown as WorkspacesRepository;
}
const user = (id: string, isAdmin = false): Actor => ({
  kind: 'user',
  sessionId: 's',
  via: 'bearer',
  user: { id, email: `${id}@x`, displayName: id, isAdmin, departmentId: null },
});

describe('AccessService', () => {
  const access = new AccessService(fakeRepository({ coordinator: 'coordinator', viewer: 'viewer', editor: 'editor' }));

  it('asks anonymous callers to log in', async () => {
    await expect(access.requireWorkspaceRole({ kind: 'anonymous' }, WS, ['viewer'])).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      httpStatus: 401,
    });
  });

  it('returns the role when it is allowed, and refuses other roles with 403', async () => {
    await expect(access.requireWorkspaceRole(user('coordinator'), WS, ['coordinator'])).resolves.toBe('coordinator');
    await expect(access.requireWorkspaceRole(user('viewer'), WS, ['coordinator', 'editor'])).rejects.toMatchObject({
      code: 'ROLE_REQUIRED',
      httpStatus: 403,
    });
  });

  it('does not tell non-members whether a workspace exists', async () => {
    const unknown = await access.requireWorkspaceRole(user('stranger'), 'other', ['viewer']).catch((e: unknown) => e);
    const existing = await access.requireWorkspaceRole(user('stranger'), WS, ['viewer']).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ code: 'NOT_A_MEMBER' });
    expect(existing).toMatchObject({ code: 'NOT_A_MEMBER' });
  });

  it('lets admins manage where allowed, without giving them a role', async () => {
    await expect(access.requireWorkspaceRole(user('root', true), WS, ['coordinator'], { allowAdmin: true })).resolves.toBeNull();
    await expect(access.requireWorkspaceRole(user('root', true), WS, ['coordinator'])).rejects.toMatchObject({ code: 'NOT_A_MEMBER' });
    expect(() => access.requireAdmin(user('viewer'))).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('grants the raw-data right to stewards only', async () => {
    expect(await access.atlasAccess(user('editor'))).toEqual({ member: true, rawData: true });
    expect(await access.atlasAccess(user('viewer'))).toEqual({ member: true, rawData: false });
    expect(await access.atlasAccess(user('stranger'))).toEqual({ member: false, rawData: false });
    expect(await access.atlasAccess({ kind: 'anonymous' })).toEqual({ member: false, rawData: false });
  });
});
