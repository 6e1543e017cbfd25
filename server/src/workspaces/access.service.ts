import { Injectable } from '@nestjs/common';
import { hasRawDataRight, type WorkspaceRole } from '@lagebild/shared';
import type { Actor, AuthenticatedUser } from '../common/auth/actor.js';
import { RequestError } from '../common/errors/domain-error.js';
import { bilingual } from '../common/http/request-language.js';
import { WorkspaceError } from './workspace.error.js';
import { WorkspacesRepository } from './workspaces.repository.js';

/** What an actor may see in the atlas, derived from all of their memberships. */
export interface AtlasAccess {
  /** Logged in with at least one membership: may read non-public indicators. */
  member: boolean;
  /** May see values below the suppression threshold. */
  rawData: boolean;
}

/**
 * The one place that answers "may this actor do that". Every service method calls one of
 * these before it touches anything else.
 */
@Injectable()
export class AccessService {
  constructor(private readonly repository: WorkspacesRepository) {}

  requireUser(actor: Actor): AuthenticatedUser {
    if (actor.kind !== 'user') throw RequestError.unauthenticated();
    return actor.user;
  }

  requireAdmin(actor: Actor): AuthenticatedUser {
    const user = this.requireUser(actor);
    if (!user.isAdmin) throw RequestError.forbidden(bilingual('Nur für Administratorinnen und Administratoren.', 'For administrators only.'));
    return user;
  }

  /**
   * The actor's role in the workspace, which must be one of `allowed`. Instance admins
   * pass where `allowAdmin` is set (member management), without gaining a role.
   */
  async requireWorkspaceRole(
    actor: Actor,
    workspaceId: string,
    allowed: readonly WorkspaceRole[],
    options: { allowAdmin?: boolean } = {},
  ): Promise<WorkspaceRole | null> {
    const user = this.requireUser(actor);
    const workspace = await this.repository.findWorkspace(workspaceId);
    const role = workspace ? await this.repository.roleOf(user.id, workspaceId) : null;
    if (options.allowAdmin && user.isAdmin) {
      if (!workspace) throw new WorkspaceError('WORKSPACE_NOT_FOUND', bilingual('Arbeitsbereich nicht gefunden.', 'Workspace not found.'));
      return role;
    }
    // Non-members learn nothing about whether a workspace exists.
    if (!workspace || !role)
      throw new WorkspaceError('NOT_A_MEMBER', bilingual('Kein Zugriff auf diesen Arbeitsbereich.', 'No access to this workspace.'));
    if (!allowed.includes(role))
      throw new WorkspaceError(
        'ROLE_REQUIRED',
        bilingual(`Diese Aktion erfordert die Rolle ${allowed.join(' oder ')}.`, `This action requires the role ${allowed.join(' or ')}.`),
      );
    return role;
  }

  async atlasAccess(actor: Actor): Promise<AtlasAccess> {
    if (actor.kind !== 'user') return { member: false, rawData: false };
    const roles = await this.repository.rolesOf(actor.user.id);
    return { member: roles.length > 0, rawData: hasRawDataRight(roles) };
  }
}
