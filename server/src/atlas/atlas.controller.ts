import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  AreaKeySchema,
  AreaProfileQuerySchema,
  AreasQuerySchema,
  IndicatorKeySchema,
  IndicatorValuesQuerySchema,
  type AreaFeature,
  type AreaFeatureCollection,
  type AreaProfileQuery,
  type AreaProfileResponse,
  type AreasQuery,
  type DepartmentSummary,
  type IndicatorSummary,
  type IndicatorValuesQuery,
  type IndicatorValuesResponse,
  type TopicSummary,
} from '@lagebild/shared';
import { z } from 'zod';
import { CurrentActor, Public, type Actor } from '../common/auth/actor.js';
import { AtlasService } from './atlas.service.js';

const IndicatorListQuerySchema = z.object({ includeRetired: z.enum(['true', 'false']).default('false') });

@ApiTags('atlas')
@Public()
@Controller()
export class AtlasController {
  constructor(private readonly atlas: AtlasService) {}

  @Get('areas')
  areas(@Query({ schema: AreasQuerySchema }) query: AreasQuery): Promise<AreaFeatureCollection> {
    return this.atlas.areas(query);
  }

  @Get('areas/:key')
  area(@Param('key', { schema: AreaKeySchema }) key: string): Promise<AreaFeature> {
    return this.atlas.area(key);
  }

  @Get('areas/:key/profile')
  profile(
    @CurrentActor() actor: Actor,
    @Param('key', { schema: AreaKeySchema }) key: string,
    @Query({ schema: AreaProfileQuerySchema }) query: AreaProfileQuery,
  ): Promise<AreaProfileResponse> {
    return this.atlas.profile(actor, key, query);
  }

  @Get('indicators')
  indicators(
    @CurrentActor() actor: Actor,
    @Query({ schema: IndicatorListQuerySchema }) query: z.infer<typeof IndicatorListQuerySchema>,
  ): Promise<IndicatorSummary[]> {
    return this.atlas.listIndicators(actor, { includeRetired: query.includeRetired === 'true' });
  }

  @Get('indicators/:key')
  indicator(@CurrentActor() actor: Actor, @Param('key', { schema: IndicatorKeySchema }) key: string): Promise<IndicatorSummary> {
    return this.atlas.getIndicator(actor, key);
  }

  @Get('indicators/:key/values')
  values(
    @CurrentActor() actor: Actor,
    @Param('key', { schema: IndicatorKeySchema }) key: string,
    @Query({ schema: IndicatorValuesQuerySchema }) query: IndicatorValuesQuery,
  ): Promise<IndicatorValuesResponse> {
    return this.atlas.values(actor, key, query);
  }

  @Get('topics')
  topics(): Promise<TopicSummary[]> {
    return this.atlas.listTopics();
  }

  @Get('departments')
  departments(): Promise<DepartmentSummary[]> {
    return this.atlas.listDepartments();
  }
}
