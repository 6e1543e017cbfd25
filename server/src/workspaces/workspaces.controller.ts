import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PutMemberRequestSchema, type Member, type PutMemberRequest, type WorkspaceSummary } from '@lagebild/shared';
import { z } from 'zod';
import { CurrentActor, type Actor } from '../common/auth/actor.js';
import { WorkspacesService, type WorkspaceDetail } from './workspaces.service.js';

const Uuid = z.uuid({ error: 'muss eine UUID sein' });

@ApiTags('workspaces')
@Controller('workspaces')
export class WorkspacesController {
  constructor(private readonly workspaces: WorkspacesService) {}

  @Get()
  list(@CurrentActor() actor: Actor): Promise<WorkspaceSummary[]> {
    return this.workspaces.listMine(actor);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', { schema: Uuid }) id: string): Promise<WorkspaceDetail> {
    return this.workspaces.get(actor, id);
  }

  @Get(':id/members')
  members(@CurrentActor() actor: Actor, @Param('id', { schema: Uuid }) id: string): Promise<Member[]> {
    return this.workspaces.members(actor, id);
  }

  @Put(':id/members/:userId')
  setMember(
    @CurrentActor() actor: Actor,
    @Param('id', { schema: Uuid }) id: string,
    @Param('userId', { schema: Uuid }) userId: string,
    @Body({ schema: PutMemberRequestSchema }) body: PutMemberRequest,
  ): Promise<Member[]> {
    return this.workspaces.setMemberRole(actor, id, userId, body.role);
  }

  @Delete(':id/members/:userId')
  @HttpCode(204)
  removeMember(
    @CurrentActor() actor: Actor,
    @Param('id', { schema: Uuid }) id: string,
    @Param('userId', { schema: Uuid }) userId: string,
  ): Promise<void> {
    return this.workspaces.removeMember(actor, id, userId);
  }
}
