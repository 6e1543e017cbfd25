import { applyDecorators, Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import {
  AreaImportFieldsSchema,
  AreaPreviewFieldsSchema,
  ImportHistoryQuerySchema,
  ImportIdSchema,
  SavedMappingIdSchema,
  SavedMappingRequestSchema,
  ValueImportFieldsSchema,
  ValuePreviewFieldsSchema,
  type AreaImportFields,
  type AreaImportReport,
  type AreaPreview,
  type ImportHistoryEntry,
  type ImportHistoryQuery,
  type RollbackResult,
  type SavedMapping,
  type SavedMappingRequest,
  type ValueImportFields,
  type ValueImportReport,
  type ValuePreview,
  type ValuePreviewFields,
} from '@lagebild/shared';
import type { Response } from 'express';
import type { z } from 'zod';
import { CurrentActor, type Actor } from '../common/auth/actor.js';
import { AreaImportService } from './areas/area-import.service.js';
import { ImportHistoryService } from './history/import-history.service.js';
import { RequestLanguage, type ApiLanguage } from '../common/http/request-language.js';
import { SavedMappingsService } from './mappings/saved-mappings.service.js';
import { ImportFile, UploadInterceptor } from './upload.interceptor.js';
import type { UploadedImportFile } from './uploaded-file.js';
import { ValueImportService } from './values/value-import.service.js';

/** The 422 answer carries the full report, plus the error fields every client understands. */
function answer<T extends { errorCount: number }>(response: Response, outcome: { status: 200 | 422; report: T }, language: ApiLanguage): T {
  response.status(outcome.status);
  if (outcome.status === 200) return outcome.report;
  const n = outcome.report.errorCount;
  const message =
    language === 'en'
      ? `The file has ${n === 1 ? 'one problem' : `${n} problems`}; nothing was saved.`
      : `Die Datei enthält ${n === 1 ? 'ein Problem' : `${n} Probleme`}; es wurde nichts gespeichert.`;
  return { statusCode: 422, code: 'IMPORT_INVALID', message, ...outcome.report };
}

/** A multipart upload answered with 200 (or 422 with the same report body, see `answer`). */
const UploadEndpoint = (path: string) =>
  applyDecorators(Post(path), HttpCode(200), ApiConsumes('multipart/form-data'), UseInterceptors(UploadInterceptor));

@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  constructor(
    private readonly values: ValueImportService,
    private readonly areas: AreaImportService,
    private readonly history: ImportHistoryService,
    private readonly mappings: SavedMappingsService,
  ) {}

  /** Reads the file and proposes a mapping; writes nothing. */
  @UploadEndpoint('values/preview')
  previewValues(
    @CurrentActor() actor: Actor,
    @ImportFile() file: UploadedImportFile | undefined,
    @Body({ schema: ValuePreviewFieldsSchema }) fields: ValuePreviewFields,
  ): Promise<ValuePreview> {
    return this.values.preview(actor, file, fields);
  }

  @UploadEndpoint('values')
  async importValues(
    @CurrentActor() actor: Actor,
    @ImportFile() file: UploadedImportFile | undefined,
    @Body({ schema: ValueImportFieldsSchema }) fields: ValueImportFields,
    @RequestLanguage() language: ApiLanguage,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ValueImportReport> {
    return answer(response, await this.values.import(actor, file, fields, language), language);
  }

  @UploadEndpoint('areas/preview')
  previewAreas(
    @CurrentActor() actor: Actor,
    @ImportFile() file: UploadedImportFile | undefined,
    @Body({ schema: AreaPreviewFieldsSchema }) fields: z.infer<typeof AreaPreviewFieldsSchema>,
  ): Promise<AreaPreview> {
    return this.areas.preview(actor, file, fields.crs);
  }

  @UploadEndpoint('areas')
  async importAreas(
    @CurrentActor() actor: Actor,
    @ImportFile() file: UploadedImportFile | undefined,
    @Body({ schema: AreaImportFieldsSchema }) fields: AreaImportFields,
    @RequestLanguage() language: ApiLanguage,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AreaImportReport> {
    return answer(response, await this.areas.import(actor, file, fields, language), language);
  }

  @Get()
  list(
    @CurrentActor() actor: Actor,
    @Query({ schema: ImportHistoryQuerySchema }) query: ImportHistoryQuery,
    @RequestLanguage() language: ApiLanguage,
  ): Promise<ImportHistoryEntry[]> {
    return this.history.list(actor, query, language);
  }

  @Post(':id/rollback')
  @HttpCode(200)
  rollback(@CurrentActor() actor: Actor, @Param('id', { schema: ImportIdSchema }) id: string): Promise<RollbackResult> {
    return this.history.rollback(actor, id);
  }

  @Get('mappings')
  listMappings(@CurrentActor() actor: Actor): Promise<SavedMapping[]> {
    return this.mappings.list(actor);
  }

  @Post('mappings')
  saveMapping(@CurrentActor() actor: Actor, @Body({ schema: SavedMappingRequestSchema }) body: SavedMappingRequest): Promise<SavedMapping> {
    return this.mappings.save(actor, body);
  }

  @Delete('mappings/:id')
  @HttpCode(204)
  removeMapping(@CurrentActor() actor: Actor, @Param('id', { schema: SavedMappingIdSchema }) id: string): Promise<void> {
    return this.mappings.remove(actor, id);
  }
}
