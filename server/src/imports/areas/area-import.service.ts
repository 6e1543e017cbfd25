import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { looseName, MAX_REPORTED_PROBLEMS, type AreaImportFields, type AreaImportReport, type AreaPreview, type Crs } from '@lagebild/shared';
import { StewardshipAccess, type StewardScope } from '../../catalogue/stewardship-access.js';
import type { Actor } from '../../common/auth/actor.js';
import { type ApiLanguage } from '../../common/http/request-language.js';
import { localizeProblems } from '../import-language.js';
import { ImportMemoryBudget } from '../import-memory-budget.js';
import { ImportError } from '../imports.error.js';
import { FileReadError } from '../parsing/file-read.error.js';
import type { UploadedImportFile } from '../uploaded-file.js';
import { planAreas } from './area-plan.js';
import { AreaStore } from './area-store.js';
import { BoundaryReader, type BoundaryFile } from './boundary-reader.js';
import { projectorFor } from './reprojection.js';

export interface AreaImportOutcome {
  status: 200 | 422;
  report: AreaImportReport;
}

const KEY_HINTS = ['key', 'schluessel', 'id', 'nr', 'nummer', 'code', 'kennung', 'stbznr', 'bezirksnr'];
const NAME_HINTS = ['name', 'bezeichnung', 'bezeichnun', 'stadtbezirk', 'bezirk', 'gebiet', 'stadtteil', 'quartier', 'label'];
const PARENT_HINTS = ['parent', 'obergebiet', 'stadtbezirk', 'bezirk', 'parentkey'];

/**
 * Boundary imports: GeoJSON (WGS84 or a projected CRS) or a zipped Shapefile becomes
 * areas of one level, created or updated by key, each with a validated original and a
 * simplified display geometry. Coordinators only; a dry run by default.
 */
@Injectable()
export class AreaImportService {
  constructor(
    private readonly stewardship: StewardshipAccess,
    private readonly reader: BoundaryReader,
    private readonly store: AreaStore,
    private readonly memory: ImportMemoryBudget,
  ) {}

  async preview(actor: Actor, file: UploadedImportFile | undefined, crs: Crs | undefined): Promise<AreaPreview> {
    await this.stewardship.requireCoordinator(actor, 'boundaries');
    if (!file) throw ImportError.fileMissing();
    return this.memory.withReservation(file.buffer, () => this.previewFile(file, crs));
  }

  private async previewFile(file: UploadedImportFile, crs: Crs | undefined): Promise<AreaPreview> {
    let boundary: BoundaryFile;
    try {
      boundary = await this.reader.read(file.buffer, crs);
    } catch (error) {
      if (error instanceof FileReadError) throw new ImportError('FILE_UNREADABLE', error.text);
      throw error;
    }
    const names = [...new Set(boundary.features.flatMap((f) => Object.keys(f.properties)))].slice(0, 100);
    const properties = names.map((name) => ({
      name,
      samples: [
        ...new Set(
          boundary.features
            .map((f) => f.properties[name])
            .filter((v) => v !== null && v !== undefined && v !== '')
            .map((v) => String(v).slice(0, 80)),
        ),
      ].slice(0, 5),
    }));
    const pick = (hints: string[], exclude: (string | undefined)[] = []) =>
      hints.map((h) => names.find((n) => !exclude.includes(n) && looseName(n).includes(h))).find((n) => n !== undefined);
    const keyProperty = pick(KEY_HINTS);
    const nameProperty = pick(NAME_HINTS, [keyProperty]);
    return {
      kind: boundary.kind,
      features: boundary.features.length,
      crs: boundary.crs,
      crsSource: boundary.crsSource,
      geometryTypes: [...new Set(boundary.features.map((f) => String((f.geometry as { type?: unknown } | null)?.type ?? 'keine')))],
      properties,
      suggestion: { keyProperty, nameProperty, parentKeyProperty: pick(PARENT_HINTS, [keyProperty, nameProperty]) },
    };
  }

  async import(
    actor: Actor,
    file: UploadedImportFile | undefined,
    fields: AreaImportFields,
    language: ApiLanguage = 'de',
  ): Promise<AreaImportOutcome> {
    const scope = await this.stewardship.requireCoordinator(actor, 'boundaries');
    if (!file) throw ImportError.fileMissing();
    return this.memory.withReservation(file.buffer, () => this.importFile(scope, file, fields, language));
  }

  private async importFile(
    scope: StewardScope,
    file: UploadedImportFile,
    fields: AreaImportFields,
    language: ApiLanguage,
  ): Promise<AreaImportOutcome> {
    const report: AreaImportReport = {
      dryRun: fields.dryRun,
      features: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      errors: [],
      errorCount: 0,
      crs: null,
      areas: [],
    };
    let boundary: BoundaryFile;
    try {
      boundary = await this.reader.read(file.buffer, fields.crs);
    } catch (error) {
      if (!(error instanceof FileReadError)) throw error;
      return {
        status: fields.dryRun ? 200 : 422,
        report: { ...report, errors: [{ row: null, column: null, message: error.text[language] }], errorCount: 1 },
      };
    }
    const existing = await this.store.existingAreas();
    const { areas, problems } = planAreas(boundary.features, fields, existing, projectorFor(boundary.crs));
    Object.assign(report, {
      features: boundary.features.length,
      crs: boundary.crs,
      errors: localizeProblems(problems.slice(0, MAX_REPORTED_PROBLEMS), language),
      errorCount: problems.length,
      areas: areas.map((a) => ({
        key: a.key,
        name: a.name,
        parentKey: a.parentKey,
        action: a.action,
        vertices: a.prepared.vertices,
        displayVertices: a.prepared.displayVertices,
      })),
    });
    for (const area of areas) report[area.action]++;
    if (problems.length > 0) return { status: fields.dryRun ? 200 : 422, report };
    if (fields.dryRun) return { status: 200, report };

    const day = new Date().toISOString().slice(0, 10);
    const importId = await this.store.apply(areas, {
      userId: scope.user.id,
      fileName: file.originalName,
      fileHash: createHash('sha256').update(file.buffer).digest('hex'),
      rows: boundary.features.length,
      geometrySource: `Import „${file.originalName}“ vom ${day} (${boundary.crs === 'EPSG:4326' ? 'WGS84' : `umgerechnet aus ${boundary.crs}`})`,
      geometrySourceEn: `Import “${file.originalName}” of ${day} (${boundary.crs === 'EPSG:4326' ? 'WGS84' : `reprojected from ${boundary.crs}`})`,
      options: {
        level: fields.level,
        keyProperty: fields.keyProperty,
        nameProperty: fields.nameProperty,
        parentKeyProperty: fields.parentKeyProperty ?? null,
        crs: boundary.crs,
        crsSource: boundary.crsSource,
        areas: areas.map((a) => a.key),
        size: file.size,
      },
    });
    return { status: 200, report: { ...report, importId } };
  }
}
