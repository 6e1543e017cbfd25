import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  CreateIndicatorRequestSchema,
  IndicatorKeySchema,
  UpdateIndicatorRequestSchema,
  type CatalogueIndicator,
  type CreateIndicatorRequest,
  type StewardshipCapabilities,
  type UpdateIndicatorRequest,
} from '@lagebild/shared';
import { CurrentActor, type Actor } from '../common/auth/actor.js';
import { CatalogueService } from './catalogue.service.js';

/** Writes to the indicator catalogue; the atlas controller serves the public GETs on the same paths. */
@ApiTags('catalogue')
@Controller()
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Post('indicators')
  create(@CurrentActor() actor: Actor, @Body({ schema: CreateIndicatorRequestSchema }) body: CreateIndicatorRequest): Promise<CatalogueIndicator> {
    return this.catalogue.create(actor, body);
  }

  @Patch('indicators/:key')
  update(
    @CurrentActor() actor: Actor,
    @Param('key', { schema: IndicatorKeySchema }) key: string,
    @Body({ schema: UpdateIndicatorRequestSchema }) body: UpdateIndicatorRequest,
  ): Promise<CatalogueIndicator> {
    return this.catalogue.update(actor, key, body);
  }

  /** The catalogue as stewards manage it: retired indicators included, with what the caller may edit. */
  @Get('stewardship/indicators')
  list(@CurrentActor() actor: Actor): Promise<CatalogueIndicator[]> {
    return this.catalogue.list(actor);
  }

  @Get('stewardship/capabilities')
  capabilities(@CurrentActor() actor: Actor): Promise<StewardshipCapabilities> {
    return this.catalogue.capabilities(actor);
  }
}
