import { Injectable } from '@nestjs/common';
import type { ImportHistoryEntry, ImportHistoryQuery, RollbackResult } from '@lagebild/shared';
import { StewardshipAccess } from '../../catalogue/stewardship-access.js';
import type { Actor } from '../../common/auth/actor.js';
import { AreaStore } from '../areas/area-store.js';
import { ImportError } from '../imports.error.js';
import { ValueStore } from '../values/value-store.js';
import { ImportHistoryRepository, type BatchRow } from './import-history.repository.js';

const dateTime = (d: Date) => d.toLocaleString('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' });

/** The import history (who, when, which file, what changed) and rollback of one import. */
@Injectable()
export class ImportHistoryService {
  constructor(
    private readonly stewardship: StewardshipAccess,
    private readonly repository: ImportHistoryRepository,
    private readonly values: ValueStore,
    private readonly areas: AreaStore,
  ) {}

  async list(actor: Actor, query: ImportHistoryQuery): Promise<ImportHistoryEntry[]> {
    await this.stewardship.requireValueSteward(actor);
    const rows = await this.repository.list(query);
    const keysOf = (row: BatchRow, field: string) => (Array.isArray(row.options[field]) ? (row.options[field] as unknown[]).map(String) : []);
    const indicatorNames = new Map(
      (await this.repository.namesOf('indicator', [...new Set(rows.flatMap((r) => keysOf(r, 'indicators')))])).map((i) => [i.key, i.name]),
    );
    const areaNames = new Map(
      (await this.repository.namesOf('area', [...new Set(rows.flatMap((r) => keysOf(r, 'areas')))])).map((a) => [a.key, a.name]),
    );
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      status: row.status,
      fileName: row.fileName,
      fileHash: row.fileHash,
      rows: row.rows,
      created: row.created,
      updated: row.updated,
      unchanged: row.unchanged,
      createdAt: row.createdAt.toISOString(),
      user: row.user,
      rolledBackAt: row.rolledBackAt?.toISOString() ?? null,
      rolledBackBy: row.rolledBackBy,
      subjects:
        row.kind === 'areas'
          ? keysOf(row, 'areas').map((k) => areaNames.get(k) ?? k)
          : keysOf(row, 'indicators').map((k) => indicatorNames.get(k) ?? k),
      options: row.options,
    }));
  }

  async rollback(actor: Actor, id: string): Promise<RollbackResult> {
    const scope = await this.stewardship.requireValueSteward(actor);
    const batch = await this.repository.find(id);
    if (!batch) throw ImportError.notFound();
    if (batch.kind === 'seed') {
      throw new ImportError('NOT_ROLLBACKABLE', 'Die Grunddaten der Installation lassen sich nicht zurücknehmen, nur Importe.');
    }
    if (batch.status === 'rolled_back') {
      throw new ImportError('ALREADY_ROLLED_BACK', `Dieser Import wurde bereits am ${dateTime(batch.rolledBackAt!)} zurückgenommen.`);
    }
    if (batch.kind === 'values') this.stewardship.requireIndicators(scope, await this.repository.touchedIndicators(id));
    else await this.stewardship.requireCoordinator(actor, 'rollback');

    const later = batch.kind === 'areas' ? await this.areas.laterImports(id) : await this.values.laterImports(id);
    if (later.length > 0) {
      const list = later.map((l) => `„${l.fileName}“ vom ${dateTime(l.createdAt)}`).join(', ');
      throw new ImportError(
        'IMPORT_SUPERSEDED',
        `Ein Teil dieser Werte wurde später ersetzt durch ${list}. Bitte zuerst ${later.length > 1 ? 'diese Importe' : 'diesen Import'} zurücknehmen.`,
      );
    }

    if (batch.kind === 'areas') {
      const outcome = await this.areas.rollback(id, scope.user.id);
      if ('inUse' in outcome) {
        throw new ImportError(
          'AREA_IN_USE',
          `Neu angelegte Gebiete haben inzwischen Werte oder Untergebiete: ${outcome.inUse.map((n) => `‚${n}‘`).join(', ')}. Diese bitte zuerst entfernen.`,
        );
      }
      return { id, status: 'rolled_back', ...outcome };
    }
    const previous = (batch.options.previousLastUpdate ?? {}) as Record<string, string | null>;
    const outcome = await this.values.rollback(id, scope.user.id, previous);
    return { id, status: 'rolled_back', ...outcome };
  }
}
