import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UserEntity } from '../auth/entities/user.entity.js';
import { AccessService } from './access.service.js';
import { MembershipEntity } from './entities/membership.entity.js';
import { WorkspaceEntity } from './entities/workspace.entity.js';
import { MembershipEvents } from './membership-events.js';
import { WorkspacesController } from './workspaces.controller.js';
import { WorkspacesRepository } from './workspaces.repository.js';
import { WorkspacesService } from './workspaces.service.js';

/** Global because every feature authorizes through AccessService. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([WorkspaceEntity, MembershipEntity, UserEntity])],
  controllers: [WorkspacesController],
  providers: [WorkspacesService, WorkspacesRepository, AccessService, MembershipEvents],
  exports: [AccessService, MembershipEvents],
})
export class WorkspacesModule {}
