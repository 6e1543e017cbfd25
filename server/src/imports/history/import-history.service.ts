import { Injectable } from '@nestjs/common';
import type { ImportHistoryEntry, ImportHistoryQuery, RollbackResult } from '@lagebild/shared';
import { StewardshipAccess } from '../../catalogue/stewardship-access.js';
import type { Actor } from '../../common/auth/actor.js';
import { AreaStore } from '../areas/area-store.js';
import { quotedList } from '../import-language.js';
import { bilingual, type ApiLanguage, type Bilingual } from '../../common/http/request-language.js';
import { ImportError } from '../imports.error.js';
import { ValueStore } from '../values/value-store.js';
import { ImportHistoryRepository, type BatchRow } from './import-history.repository.js';

/** A moment as each language writes it, in the city's time zone. */
const dateTime = (d: Date): Bilingual => {
  const options = { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' } as const;
  return { de: d.toLocaleString('de-DE', options), en: d.toLocaleString('en-GB', options) };
};

/** The import history (who, when, which file, what changed) and rollback of one import. */
@Injectable()
export class ImportHistoryService {
  constructor(
    private readonly stewardship: StewardshipAccess,
    private readonly repository: ImportHistoryRepository,
    private readonly values: ValueStore,
    private readonly areas: AreaStore,
  ) {}

  /** The history, newest first; what each import concerns is named in `language`. */
  async list(actor: Actor, query: ImportHistoryQuery, language: ApiLanguage = 'de'): Promise<ImportHistoryEntry[]> {
    await this.stewardship.requireValueSteward(actor);
    const rows = await this.repository.list(query);
    const keysOf = (row: BatchRow, field: string) => (Array.isArray(row.options[field]) ? (row.options[field] as unknown[]).map(String) : []);
    const indicatorNames = new Map(
      (await this.repository.namesOf('indicator', [...new Set(rows.flatMap((r) => keysOf(r, 'indicators')))])).map((i) => [
        i.key,
        language === 'en' && i.nameEn ? i.nameEn : i.name,
      ]),
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
      throw new ImportError(
        'NOT_ROLLBACKABLE',
        bilingual(
          'Die Grunddaten der Installation lassen sich nicht zurücknehmen, nur Importe.',
          'The base data of the installation cannot be rolled back, only imports.',
        ),
      );
    }
    if (batch.status === 'rolled_back') {
      const when = dateTime(batch.rolledBackAt!);
      throw new ImportError(
        'ALREADY_ROLLED_BACK',
        bilingual(`Dieser Import wurde bereits am ${when.de} zurückgenommen.`, `This import was already rolled back on ${when.en}.`),
      );
    }
    if (batch.kind === 'values') this.stewardship.requireIndicators(scope, await this.repository.touchedIndicators(id));
    else await this.stewardship.requireCoordinator(actor, 'rollback');

    const later = batch.kind === 'areas' ? await this.areas.laterImports(id) : await this.values.laterImports(id);
    if (later.length > 0) {
      const list = {
        de: later.map((l) => `„${l.fileName}“ vom ${dateTime(l.createdAt).de}`).join(', '),
        en: later.map((l) => `“${l.fileName}” of ${dateTime(l.createdAt).en}`).join(', '),
      };
      throw new ImportError(
        'IMPORT_SUPERSEDED',
        bilingual(
          `Ein Teil dieser Werte wurde später ersetzt durch ${list.de}. Bitte zuerst ${later.length > 1 ? 'diese Importe' : 'diesen Import'} zurücknehmen.`,
          `Some of these values were replaced later by ${list.en}. Please roll back ${later.length > 1 ? 'those imports' : 'that import'} first.`,
        ),
      );
    }

    if (batch.kind === 'areas') {
      const outcome = await this.areas.rollback(id, scope.user.id);
      if ('inUse' in outcome) {
        const names = quotedList(outcome.inUse);
        throw new ImportError(
          'AREA_IN_USE',
          bilingual(
            `Neu angelegte Gebiete haben inzwischen Werte oder Untergebiete: ${names.de}. Diese bitte zuerst entfernen.`,
            `Areas this import created now have values or sub-areas: ${names.en}. Please remove those first.`,
          ),
        );
      }
      return { id, status: 'rolled_back', ...outcome };
    }
    const previous = (batch.options.previousLastUpdate ?? {}) as Record<string, string | null>;
    const outcome = await this.values.rollback(id, scope.user.id, previous);
    return { id, status: 'rolled_back', ...outcome };
  }
}
