import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  MAX_REPORTED_PROBLEMS,
  suggestMapping,
  type ValueImportFields,
  type ValueImportReport,
  type ValuePreview,
  type ValuePreviewFields,
} from '@lagebild/shared';
import { StewardshipAccess, type StewardScope } from '../../catalogue/stewardship-access.js';
import type { Actor } from '../../common/auth/actor.js';
import { type ApiLanguage } from '../../common/http/request-language.js';
import { localizeProblems } from '../import-language.js';
import { ImportMemoryBudget } from '../import-memory-budget.js';
import { ImportError } from '../imports.error.js';
import { FileReadError } from '../parsing/file-read.error.js';
import { cellText, type Table } from '../parsing/table.js';
import { TableReader } from '../parsing/table-reader.js';
import type { UploadedImportFile } from '../uploaded-file.js';
import { readValueRows } from './value-rows.js';
import { ValueStore } from './value-store.js';

const PREVIEW_ROWS = 20;
const REPORTED_ROWS = 200;

export interface ValueImportOutcome {
  /** 200, or 422 when a commit was asked for and the file has problems (nothing written). */
  status: 200 | 422;
  report: ValueImportReport;
}

/**
 * Value imports: read the file, check every row against areas and the catalogue, count
 * what would change, and only on an explicit commit without any problem write it all in
 * one transaction. A dry run is the default.
 */
@Injectable()
export class ValueImportService {
  constructor(
    private readonly stewardship: StewardshipAccess,
    private readonly reader: TableReader,
    private readonly store: ValueStore,
    private readonly memory: ImportMemoryBudget,
  ) {}

  async preview(actor: Actor, file: UploadedImportFile | undefined, fields: ValuePreviewFields): Promise<ValuePreview> {
    await this.stewardship.requireValueSteward(actor);
    if (!file) throw ImportError.fileMissing();
    return this.memory.withReservation(file.buffer, () => this.previewFile(file, fields));
  }

  private async previewFile(file: UploadedImportFile, fields: ValuePreviewFields): Promise<ValuePreview> {
    let table: Table;
    try {
      table = await this.reader.read(file.buffer, fields);
    } catch (error) {
      if (error instanceof FileReadError) throw new ImportError('FILE_UNREADABLE', error.text);
      throw error;
    }
    const indicators = await this.store.referenceIndicators();
    return {
      format: table.format,
      headers: table.headers,
      rows: table.rows
        .slice(0, PREVIEW_ROWS)
        .map((cells, i) => ({ row: table.rowNumbers[i]!, cells: table.headers.map((_, c) => cellText(cells[c])) })),
      rowCount: table.rows.length,
      suggestion: suggestMapping(
        table.headers,
        indicators.filter((i) => !i.retired && i.kind !== 'index'),
      ),
    };
  }

  /** `language` is the one the report's problems are written in (the request’s, see requestLanguage). */
  async import(
    actor: Actor,
    file: UploadedImportFile | undefined,
    fields: ValueImportFields,
    language: ApiLanguage = 'de',
  ): Promise<ValueImportOutcome> {
    const scope = await this.stewardship.requireValueSteward(actor);
    if (!file) throw ImportError.fileMissing();
    return this.memory.withReservation(file.buffer, () => this.importFile(scope, file, fields, language));
  }

  private async importFile(
    scope: StewardScope,
    file: UploadedImportFile,
    fields: ValueImportFields,
    language: ApiLanguage,
  ): Promise<ValueImportOutcome> {
    const dryRun = fields.dryRun;
    const empty: ValueImportReport = {
      dryRun,
      rows: 0,
      valid: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      errors: [],
      errorCount: 0,
      headers: [],
      problemRows: [],
      indicators: [],
      periods: [],
    };

    let table: Table;
    try {
      table = await this.reader.read(file.buffer, fields);
    } catch (error) {
      if (!(error instanceof FileReadError)) throw error;
      const report = { ...empty, errors: [{ row: null, column: null, message: error.text[language] }], errorCount: 1 };
      return { status: dryRun ? 200 : 422, report };
    }

    const [areas, indicators] = await Promise.all([this.store.referenceAreas(), this.store.referenceIndicators()]);
    const decimal = fields.decimalSeparator ?? table.format.decimalSeparator;
    const result = readValueRows(table, fields.layout, fields.mapping, areas, indicators, decimal);
    // The file decides which indicators are touched; only now can the department rule be checked.
    this.stewardship.requireIndicators(scope, result.indicators);

    const problemRowSet = new Set(result.problemRows.slice(0, REPORTED_ROWS));
    const report: ValueImportReport = {
      ...empty,
      rows: result.rows,
      valid: result.validRows,
      errors: localizeProblems(result.problems.slice(0, MAX_REPORTED_PROBLEMS), language),
      errorCount: result.problems.length,
      format: { ...table.format, decimalSeparator: decimal },
      headers: table.headers,
      problemRows: problemRowsOf(table, problemRowSet),
      indicators: result.indicators.map((i) => i.key).sort(),
      periods: result.periods,
    };
    if (result.problems.length > 0 || dryRun || result.values.length === 0) {
      const counts = result.values.length ? await this.store.count(result.values) : { created: 0, updated: 0, unchanged: 0 };
      Object.assign(report, counts);
      if (!dryRun && result.problems.length === 0 && result.values.length === 0) {
        const noValues = { de: 'Die Datei enthält keine Werte für die gewählte Zuordnung.', en: 'The file holds no values for the chosen mapping.' };
        report.errors = [{ row: null, column: null, message: noValues[language] }];
        report.errorCount = 1;
      }
      return { status: !dryRun && report.errorCount > 0 ? 422 : 200, report };
    }

    const { importId, counts } = await this.store.apply(
      result.values,
      {
        kind: 'values',
        userId: scope.user.id,
        fileName: file.originalName,
        fileHash: createHash('sha256').update(file.buffer).digest('hex'),
        rows: result.rows,
        options: {
          layout: fields.layout,
          mapping: fields.mapping,
          format: report.format,
          indicators: report.indicators,
          periods: report.periods,
          size: file.size,
        },
      },
      { touchLastUpdate: true },
    );
    return { status: 200, report: { ...report, ...counts, importId } };
  }
}

/** The rows with a problem as the report shows them; a clean file costs no pass over its rows. */
function problemRowsOf(table: Table, rows: ReadonlySet<number>): ValueImportReport['problemRows'] {
  const shown: ValueImportReport['problemRows'] = [];
  for (let i = 0; i < table.rows.length && shown.length < rows.size; i++) {
    const row = table.rowNumbers[i]!;
    if (rows.has(row)) shown.push({ row, cells: table.headers.map((_, c) => cellText(table.rows[i]![c])) });
  }
  return shown;
}
