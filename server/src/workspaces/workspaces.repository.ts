import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Member, WorkspaceRole, WorkspaceSummary } from '@lagebild/shared';
import type { Repository } from 'typeorm';
import { UserEntity } from '../auth/entities/user.entity.js';
import { MembershipEntity } from './entities/membership.entity.js';
import { WorkspaceEntity } from './entities/workspace.entity.js';

@Injectable()
export class WorkspacesRepository {
  constructor(
    @InjectRepository(WorkspaceEntity) private readonly workspaces: Repository<WorkspaceEntity>,
    @InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  findWorkspace(id: string): Promise<WorkspaceEntity | null> {
    return this.workspaces.findOneBy({ id });
  }

  userExists(id: string): Promise<boolean> {
    return this.users.existsBy({ id });
  }

  async roleOf(userId: string, workspaceId: string): Promise<WorkspaceRole | null> {
    const membership = await this.memberships.findOneBy({ userId, workspaceId });
    return membership?.role ?? null;
  }

  async rolesOf(userId: string): Promise<WorkspaceRole[]> {
    const rows = await this.memberships.find({ where: { userId }, select: { role: true } });
    return rows.map((r) => r.role);
  }

  async workspacesOf(userId: string): Promise<WorkspaceSummary[]> {
    const rows = await this.memberships.find({ where: { userId }, relations: { workspace: true }, order: { workspace: { name: 'ASC' } } });
    return rows.map((m) => ({ id: m.workspaceId, name: m.workspace!.name, role: m.role }));
  }

  async members(workspaceId: string): Promise<Member[]> {
    const rows = await this.memberships.find({ where: { workspaceId }, relations: { user: true }, order: { user: { displayName: 'ASC' } } });
    return rows.map((m) => ({ userId: m.userId, email: m.user!.email, displayName: m.user!.displayName, role: m.role }));
  }

  async countCoordinators(workspaceId: string): Promise<number> {
    return this.memberships.countBy({ workspaceId, role: 'coordinator' });
  }

  async upsertMembership(workspaceId: string, userId: string, role: WorkspaceRole): Promise<void> {
    await this.memberships.upsert({ workspaceId, userId, role }, ['workspaceId', 'userId']);
  }

  async deleteMembership(workspaceId: string, userId: string): Promise<boolean> {
    const result = await this.memberships.delete({ workspaceId, userId });
    return (result.affected ?? 0) > 0;
  }
}
