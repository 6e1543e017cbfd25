import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  CreateDocVersionRequestSchema,
  DocVersionIdSchema,
  DocVersionsQuerySchema,
  type CreateDocVersionRequest,
  type DocVersionsQuery,
  type DocVersionSummary,
  type RestoreDocVersionResponse,
} from '@lagebild/shared';
import { CurrentActor, type Actor } from '../common/auth/actor.js';
import { DocVersionsService } from './doc-versions.service.js';

/** Named versions of collaborative documents; the live sync itself runs over Socket.IO /collab. */
@ApiTags('collab')
@Controller('collab/versions')
export class CollabController {
  constructor(private readonly versions: DocVersionsService) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query({ schema: DocVersionsQuerySchema }) query: DocVersionsQuery): Promise<DocVersionSummary[]> {
    return this.versions.list(actor, query.docId);
  }

  @Post()
  create(@CurrentActor() actor: Actor, @Body({ schema: CreateDocVersionRequestSchema }) body: CreateDocVersionRequest): Promise<DocVersionSummary> {
    return this.versions.create(actor, body.docId, body.name);
  }

  @Post(':id/restore')
  @HttpCode(200)
  restore(@CurrentActor() actor: Actor, @Param('id', { schema: DocVersionIdSchema }) id: string): Promise<RestoreDocVersionResponse> {
    return this.versions.restore(actor, id);
  }
}
