import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IndexDefinitionSchema, IndexIdSchema, type IndexDefinition, type IndexPreview, type IndexSummary } from '@lagebild/shared';
import { CurrentActor, type Actor } from '../common/auth/actor.js';
import { RequestLanguage, type ApiLanguage } from '../common/http/request-language.js';
import { IndicesService } from './indices.service.js';

@ApiTags('indices')
@Controller('indices')
export class IndicesController {
  constructor(private readonly indices: IndicesService) {}

  @Get()
  list(@CurrentActor() actor: Actor): Promise<IndexSummary[]> {
    return this.indices.list(actor);
  }

  /** Computes without storing anything, for the index builder's table. */
  @Post('preview')
  @HttpCode(200)
  preview(
    @CurrentActor() actor: Actor,
    @Body({ schema: IndexDefinitionSchema }) body: IndexDefinition,
    @RequestLanguage() language: ApiLanguage,
  ): Promise<IndexPreview> {
    return this.indices.preview(actor, body, language);
  }

  @Post()
  create(@CurrentActor() actor: Actor, @Body({ schema: IndexDefinitionSchema }) body: IndexDefinition): Promise<IndexSummary> {
    return this.indices.create(actor, body);
  }

  @Put(':id')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', { schema: IndexIdSchema }) id: string,
    @Body({ schema: IndexDefinitionSchema }) body: IndexDefinition,
  ): Promise<IndexSummary> {
    return this.indices.update(actor, id, body);
  }

  @Post(':id/recompute')
  @HttpCode(200)
  recompute(@CurrentActor() actor: Actor, @Param('id', { schema: IndexIdSchema }) id: string): Promise<IndexSummary> {
    return this.indices.recompute(actor, id);
  }
}
