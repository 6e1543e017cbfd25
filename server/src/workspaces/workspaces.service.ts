import { Injectable } from '@nestjs/common';
import type { Member, WorkspaceRole, WorkspaceSummary } from '@lagebild/shared';
import type { Actor } from '../common/auth/actor.js';
import { bilingual } from '../common/http/request-language.js';
import { AccessService } from './access.service.js';
import { MembershipEvents } from './membership-events.js';
import { WorkspaceError } from './workspace.error.js';
import { WorkspacesRepository } from './workspaces.repository.js';

export interface WorkspaceDetail {
  id: string;
  name: string;
  description: string;
  role: WorkspaceRole;
}

const ALL_ROLES = ['coordinator', 'editor', 'commenter', 'viewer'] as const;

@Injectable()
export class WorkspacesService {
  constructor(
    private readonly access: AccessService,
    private readonly repository: WorkspacesRepository,
    private readonly events: MembershipEvents,
  ) {}

  async listMine(actor: Actor): Promise<WorkspaceSummary[]> {
    const user = this.access.requireUser(actor);
    return this.repository.workspacesOf(user.id);
  }

  async get(actor: Actor, workspaceId: string): Promise<WorkspaceDetail> {
    const role = (await this.access.requireWorkspaceRole(actor, workspaceId, ALL_ROLES))!;
    const workspace = (await this.repository.findWorkspace(workspaceId))!;
    return { id: workspace.id, name: workspace.name, description: workspace.description, role };
  }

  async members(actor: Actor, workspaceId: string): Promise<Member[]> {
    await this.access.requireWorkspaceRole(actor, workspaceId, ALL_ROLES, { allowAdmin: true });
    return this.repository.members(workspaceId);
  }

  async setMemberRole(actor: Actor, workspaceId: string, userId: string, role: WorkspaceRole): Promise<Member[]> {
    await this.access.requireWorkspaceRole(actor, workspaceId, ['coordinator'], { allowAdmin: true });
    if (!(await this.repository.userExists(userId)))
      throw new WorkspaceError('USER_NOT_FOUND', bilingual('Benutzerkonto nicht gefunden.', 'User account not found.'));
    const current = await this.repository.roleOf(userId, workspaceId);
    if (current === 'coordinator' && role !== 'coordinator') await this.keepOneCoordinator(workspaceId);
    await this.repository.upsertMembership(workspaceId, userId, role);
    this.events.emit({ workspaceId, userId, role });
    return this.repository.members(workspaceId);
  }

  async removeMember(actor: Actor, workspaceId: string, userId: string): Promise<void> {
    await this.access.requireWorkspaceRole(actor, workspaceId, ['coordinator'], { allowAdmin: true });
    const current = await this.repository.roleOf(userId, workspaceId);
    if (!current)
      throw new WorkspaceError(
        'USER_NOT_FOUND',
        bilingual('Dieses Konto ist kein Mitglied des Arbeitsbereichs.', 'This account is not a member of the workspace.'),
      );
    if (current === 'coordinator') await this.keepOneCoordinator(workspaceId);
    await this.repository.deleteMembership(workspaceId, userId);
    this.events.emit({ workspaceId, userId, role: null });
  }

  private async keepOneCoordinator(workspaceId: string): Promise<void> {
    if ((await this.repository.countCoordinators(workspaceId)) <= 1) {
      throw new WorkspaceError(
        'LAST_COORDINATOR',
        bilingual('Ein Arbeitsbereich braucht mindestens eine Koordination.', 'A workspace needs at least one coordinator.'),
      );
    }
  }
}
