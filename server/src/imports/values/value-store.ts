import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ImportKind } from '@lagebild/shared';
import type { DataSource, QueryRunner } from 'typeorm';
import { inTransaction, returnedRows } from '../../database/transaction.js';
import { BinaryCopyWriter, uuidBytes } from './binary-copy.js';
import { copyIn } from './copy-in.js';
import { keyOrder, type DistinctKeys } from './key-order.js';
import type { IncomingValue, ReferenceArea, ReferenceIndicator } from './value-rows.js';

export interface ValueCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface NewBatch {
  kind: Extract<ImportKind, 'values' | 'index'>;
  userId: string | null;
  fileName: string;
  fileHash: string;
  rows: number;
  options: Record<string, unknown>;
}

export interface ApplyOptions {
  /**
   * Values of these indicators that the batch does not deliver are removed (with history),
   * so a recomputed index never keeps stale cells.
   */
  replaceIndicatorIds?: string[];
  /** Stamp the indicators' "last update" with today's date. */
  touchLastUpdate?: boolean;
}

/**
 * From this many values on, a batch is handled as bulk: its joins with the stored values are
 * hash joins over the whole table (see loadIncoming), and a batch of only new cells skips
 * them (see isAllNewBulk). Smaller batches are checked cell by cell through the key.
 */
const LARGE_IMPORT = 5_000;

/** Serialises writers of indicator values, so history and rollback see one order of imports. */
export const VALUE_WRITE_LOCK = 4_242_101;

const CELL = '(indicator_id, area_id, period)';
const PAYLOAD = 'value, numerator, denominator, is_suppressed, is_estimated, is_provisional';
/** The columns of a COPY of incoming values, in the order `encodeValues` writes them. */
const COPY_COLUMNS = 'indicator_id, area_id, period, value, numerator, denominator, is_suppressed, is_estimated, is_provisional';

/**
 * Writes indicator values set-wise. A batch of which no cell is stored yet (the usual
 * import of a new period) is copied straight into `indicator_value`. Any other batch goes
 * into a temporary table first, and counting, history and upsert are each one SQL statement
 * over it. Data goes in as binary COPY. The dry run takes the same steps in a transaction
 * it rolls back, so it counts exactly what a commit would do.
 */
@Injectable()
export class ValueStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  referenceAreas(): Promise<ReferenceArea[]> {
    return this.db.query(`SELECT id, key, name FROM area ORDER BY key`);
  }

  referenceIndicators(): Promise<ReferenceIndicator[]> {
    return this.db.query(
      `SELECT id, key, name, name_en AS "nameEn", kind, unit, rate_factor AS "rateFactor", decimals,
              department_id AS "departmentId", retired_at IS NOT NULL AS retired
         FROM indicator ORDER BY key`,
    );
  }

  /** What applying the values would change, without writing anything. */
  async count(values: readonly IncomingValue[]): Promise<ValueCounts> {
    return inTransaction(this.db, async (runner) => {
      await runner.query(`SET LOCAL jit = off`);
      if (await this.isAllNewBulk(runner, values)) return { result: { created: values.length, updated: 0, unchanged: 0 }, commit: false };
      await this.loadIncoming(runner, values);
      const counts = await this.countIncoming(runner);
      return { result: counts, commit: false };
    });
  }

  /** Writes the values as one batch: all of them or, on any failure, none. */
  async apply(values: readonly IncomingValue[], batch: NewBatch, options: ApplyOptions = {}): Promise<{ importId: string; counts: ValueCounts }> {
    return inTransaction(this.db, async (runner) => ({ result: await this.applyIn(runner, values, batch, options), commit: true }));
  }

  /** The same as `apply`, inside a transaction the caller runs (e.g. together with new indicators). */
  async applyIn(
    runner: QueryRunner,
    values: readonly IncomingValue[],
    batch: NewBatch,
    options: ApplyOptions = {},
  ): Promise<{ importId: string; counts: ValueCounts }> {
    await runner.query(`SELECT pg_advisory_xact_lock($1)`, [VALUE_WRITE_LOCK]);
    // Joins and writes like these gain nothing from JIT compilation, which costs up to a few
    // hundred ms once the value table is large enough for the planner to reach for it.
    await runner.query(`SET LOCAL jit = off`);
    // Under the lock no other import can add cells, so a batch none of whose cells is stored
    // yet is all new: it is copied straight into the table, with no staging, joins or history.
    const keys = batchKeys(values);
    const allNew = !options.replaceIndicatorIds?.length && (await this.isAllNewBulk(runner, values, keys));
    if (!allNew) await this.loadIncoming(runner, values);
    const counts = allNew ? { created: values.length, updated: 0, unchanged: 0 } : await this.countIncoming(runner);
    const [{ id: importId }] = await runner.query(
      `INSERT INTO import_batch (kind, status, user_id, file_name, file_hash, rows, created, updated, unchanged, options)
         VALUES ($1, 'committed', $2, $3, $4, $5, $6, $7, $8, $9::jsonb) RETURNING id`,
      [
        batch.kind,
        batch.userId,
        batch.fileName,
        batch.fileHash,
        batch.rows,
        counts.created,
        counts.updated,
        counts.unchanged,
        JSON.stringify(batch.options),
      ],
    );
    const changed = `(v.value, v.numerator, v.denominator, v.is_suppressed, v.is_estimated, v.is_provisional)
          IS DISTINCT FROM (i.value, i.numerator, i.denominator, i.is_suppressed, i.is_estimated, i.is_provisional)`;
    if (counts.updated > 0) {
      // The values about to be replaced keep their history, pointing at who replaced them.
      await runner.query(
        `INSERT INTO indicator_value_history (indicator_id, area_id, period, ${PAYLOAD}, import_id, replaced_by_import_id)
         SELECT v.indicator_id, v.area_id, v.period, v.value, v.numerator, v.denominator, v.is_suppressed, v.is_estimated, v.is_provisional, v.import_id, $1
           FROM indicator_value v JOIN incoming_value i USING ${CELL}
          WHERE ${changed}`,
        [importId],
      );
      await runner.query(
        `UPDATE indicator_value v
            SET value = i.value, numerator = i.numerator, denominator = i.denominator, is_suppressed = i.is_suppressed,
                is_estimated = i.is_estimated, is_provisional = i.is_provisional, import_id = $1, updated_at = now()
           FROM incoming_value i
          WHERE (v.indicator_id, v.area_id, v.period) = (i.indicator_id, i.area_id, i.period) AND ${changed}`,
        [importId],
      );
    }
    if (counts.created > 0) await this.createSeries(runner, keys);
    if (allNew && values.length > 0) {
      await copyIn(
        runner,
        `COPY indicator_value (${COPY_COLUMNS}, import_id) FROM STDIN (FORMAT binary)`,
        encodeValues(values, importId, keyOrder(values, keys)),
      );
    } else if (counts.created > 0) {
      // Plain inserts of the new cells: no conflict can arise, writers hold the lock.
      await runner.query(
        `INSERT INTO indicator_value (indicator_id, area_id, period, ${PAYLOAD}, import_id, updated_at)
         SELECT i.indicator_id, i.area_id, i.period, i.value, i.numerator, i.denominator, i.is_suppressed, i.is_estimated, i.is_provisional, $1, now()
           FROM incoming_value i
          WHERE NOT EXISTS (SELECT 1 FROM indicator_value v WHERE (v.indicator_id, v.area_id, v.period) = (i.indicator_id, i.area_id, i.period))`,
        [importId],
      );
    }
    if (options.replaceIndicatorIds?.length) {
      const stale = (ids: string) => `FROM indicator_value v
           WHERE v.indicator_id = ANY(${ids}::uuid[])
             AND NOT EXISTS (SELECT 1 FROM incoming_value i WHERE (i.indicator_id, i.area_id, i.period) = (v.indicator_id, v.area_id, v.period))`;
      await runner.query(
        `INSERT INTO indicator_value_history (indicator_id, area_id, period, ${PAYLOAD}, import_id, replaced_by_import_id)
           SELECT v.indicator_id, v.area_id, v.period, v.value, v.numerator, v.denominator, v.is_suppressed, v.is_estimated, v.is_provisional, v.import_id, $1 ${stale('$2')}`,
        [importId, options.replaceIndicatorIds],
      );
      const deleted = returnedRows(await runner.query(`DELETE ${stale('$1')} RETURNING 1`, [options.replaceIndicatorIds])).length;
      if (deleted > 0) {
        counts.updated += deleted;
        await runner.query(`UPDATE import_batch SET updated = $2 WHERE id = $1`, [importId, counts.updated]);
      }
    }
    if (options.touchLastUpdate) {
      const touched = returnedRows<{ key: string; previous: string | null }>(
        await runner.query(
          `UPDATE indicator i SET last_update = CURRENT_DATE, updated_at = now()
             FROM (SELECT id, to_char(last_update, 'YYYY-MM-DD') AS previous FROM indicator
                    WHERE id = ANY($1::uuid[]) FOR UPDATE) p
            WHERE i.id = p.id AND i.last_update IS DISTINCT FROM CURRENT_DATE
           RETURNING i.key, p.previous`,
          [keys.indicatorIds],
        ),
      );
      const previousLastUpdate = Object.fromEntries(touched.map((t) => [t.key, t.previous]));
      await runner.query(`UPDATE import_batch SET options = options || jsonb_build_object('previousLastUpdate', $2::jsonb) WHERE id = $1`, [
        importId,
        JSON.stringify(previousLastUpdate),
      ]);
    }
    return { importId: importId as string, counts };
  }

  /**
   * Committed imports that changed values this import had written (or wrote values where
   * it had removed some): while they stand, rolling this one back would overwrite them.
   */
  async laterImports(importId: string): Promise<{ id: string; fileName: string; createdAt: Date }[]> {
    return this.db.query(
      `SELECT DISTINCT b.id, b.file_name AS "fileName", b.created_at AS "createdAt"
         FROM (SELECT h.replaced_by_import_id AS later FROM indicator_value_history h
                WHERE h.import_id = $1 AND h.replaced_by_import_id IS NOT NULL
               UNION
               SELECT v.import_id FROM indicator_value_history h JOIN indicator_value v USING ${CELL}
                WHERE h.replaced_by_import_id = $1 AND v.import_id IS DISTINCT FROM $1) x
         JOIN import_batch b ON b.id = x.later
        WHERE b.status = 'committed' AND b.id <> $1
        ORDER BY "createdAt"`,
      [importId],
    );
  }

  /**
   * Undoes one batch: values it created are removed, values it replaced or removed come
   * back exactly as they were (with their own provenance). What is taken away is kept in
   * the history too. Callers check `laterImports` first; the lock makes the check hold.
   */
  async rollback(
    importId: string,
    userId: string,
    previousLastUpdate: Record<string, string | null>,
  ): Promise<{ restored: number; removed: number }> {
    return inTransaction(this.db, async (runner) => {
      await runner.query(`SELECT pg_advisory_xact_lock($1)`, [VALUE_WRITE_LOCK]);
      const [batch] = await runner.query(`SELECT status, created_at::date::text AS day FROM import_batch WHERE id = $1 FOR UPDATE`, [importId]);
      if (!batch || batch.status !== 'committed') return { result: { restored: 0, removed: 0 }, commit: false };
      await runner.query(
        `INSERT INTO indicator_value_history (indicator_id, area_id, period, ${PAYLOAD}, import_id, replaced_by_import_id)
         SELECT indicator_id, area_id, period, ${PAYLOAD}, import_id, NULL FROM indicator_value WHERE import_id = $1`,
        [importId],
      );
      const removed = returnedRows(
        await runner.query(
          `DELETE FROM indicator_value v WHERE v.import_id = $1
              AND NOT EXISTS (SELECT 1 FROM indicator_value_history h
                               WHERE h.replaced_by_import_id = $1 AND (h.indicator_id, h.area_id, h.period) = (v.indicator_id, v.area_id, v.period))
           RETURNING 1`,
          [importId],
        ),
      ).length;
      const restored = returnedRows(
        await runner.query(
          `INSERT INTO indicator_value (indicator_id, area_id, period, ${PAYLOAD}, import_id, updated_at)
           SELECT indicator_id, area_id, period, ${PAYLOAD}, import_id, now() FROM indicator_value_history WHERE replaced_by_import_id = $1
           ON CONFLICT ${CELL} DO UPDATE
              SET value = EXCLUDED.value, numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator,
                  is_suppressed = EXCLUDED.is_suppressed, is_estimated = EXCLUDED.is_estimated,
                  is_provisional = EXCLUDED.is_provisional, import_id = EXCLUDED.import_id, updated_at = now()
           RETURNING 1`,
          [importId],
        ),
      ).length;
      await runner.query(`UPDATE import_batch SET status = 'rolled_back', rolled_back_at = now(), rolled_back_by = $2 WHERE id = $1`, [
        importId,
        userId,
      ]);
      for (const [key, previous] of Object.entries(previousLastUpdate)) {
        await runner.query(`UPDATE indicator SET last_update = $2::date, updated_at = now() WHERE key = $1 AND last_update = $3::date`, [
          key,
          previous,
          batch.day,
        ]);
      }
      return { result: { restored, removed }, commit: true };
    });
  }

  /**
   * Whether any stored value could share a cell with the batch: a test against every
   * combination of its indicators, areas and periods, so "no" is certain and "yes" may be
   * cautious. Literal arrays let PostgreSQL hash the lists, so this is one scan of the value
   * table at most, which the joins of a large batch would make anyway.
   */
  /** A large batch none of whose cells is stored yet; smaller ones always take the cell-by-cell path. */
  private async isAllNewBulk(runner: QueryRunner, values: readonly IncomingValue[], keys?: BatchKeys): Promise<boolean> {
    return values.length >= LARGE_IMPORT && !(await this.touchesStoredCells(runner, keys ?? batchKeys(values)));
  }

  private async touchesStoredCells(runner: QueryRunner, keys: BatchKeys): Promise<boolean> {
    if (keys.indicatorIds.length === 0) return false;
    const [{ touches }] = await runner.query(
      `SELECT EXISTS (SELECT 1 FROM indicator_value
                       WHERE indicator_id = ANY($1::uuid[]) AND area_id = ANY($2::uuid[]) AND period = ANY($3::text[])) AS touches`,
      [keys.indicatorIds, keys.areaIds, keys.periods],
    );
    return touches as boolean;
  }

  /** Creates the series (indicator × area) of the batch that do not exist yet: values reference them. */
  private async createSeries(runner: QueryRunner, keys: BatchKeys): Promise<void> {
    await runner.query(`INSERT INTO indicator_series (indicator_id, area_id) SELECT * FROM unnest($1::uuid[], $2::uuid[]) ON CONFLICT DO NOTHING`, [
      keys.series.indicatorIds,
      keys.series.areaIds,
    ]);
  }

  private async loadIncoming(runner: QueryRunner, values: readonly IncomingValue[]): Promise<void> {
    await runner.query(
      `CREATE TEMP TABLE incoming_value (
         indicator_id uuid NOT NULL, area_id uuid NOT NULL, period text NOT NULL,
         value double precision, numerator double precision, denominator double precision,
         is_suppressed boolean NOT NULL, is_estimated boolean NOT NULL, is_provisional boolean NOT NULL
       ) ON COMMIT DROP`,
    );
    if (values.length > 0) await copyIn(runner, `COPY incoming_value (${COPY_COLUMNS}) FROM STDIN (FORMAT binary)`, encodeValues(values));
    // No ANALYZE (it costs more than the joins it would plan): the planner sizes the fresh
    // table by its pages. A large set still looks small enough for 100,000 index probes
    // instead of one hash join, and sorts would spill at the default work_mem.
    if (values.length >= LARGE_IMPORT) {
      await runner.query(`SET LOCAL enable_nestloop = off`);
      await runner.query(`SET LOCAL work_mem = '64MB'`);
    }
  }

  private async countIncoming(runner: QueryRunner): Promise<ValueCounts> {
    const [row] = await runner.query(
      `SELECT count(*) FILTER (WHERE v.indicator_id IS NULL)::int AS created,
              count(*) FILTER (WHERE v.indicator_id IS NOT NULL AND (v.value, v.numerator, v.denominator, v.is_suppressed, v.is_estimated, v.is_provisional)
                         IS DISTINCT FROM (i.value, i.numerator, i.denominator, i.is_suppressed, i.is_estimated, i.is_provisional))::int AS updated,
              count(*) FILTER (WHERE v.indicator_id IS NOT NULL AND (v.value, v.numerator, v.denominator, v.is_suppressed, v.is_estimated, v.is_provisional)
                         IS NOT DISTINCT FROM (i.value, i.numerator, i.denominator, i.is_suppressed, i.is_estimated, i.is_provisional))::int AS unchanged
         FROM incoming_value i LEFT JOIN indicator_value v USING ${CELL}`,
    );
    return row as ValueCounts;
  }
}

/** What a batch touches, each distinct value once. */
interface BatchKeys extends DistinctKeys {
  /** The series (indicator × area) of the batch, as two parallel lists. */
  series: { indicatorIds: string[]; areaIds: string[] };
}

function batchKeys(values: readonly IncomingValue[]): BatchKeys {
  const areaIds = new Set<string>();
  const periods = new Set<string>();
  const areasOf = new Map<string, Set<string>>();
  const series: BatchKeys['series'] = { indicatorIds: [], areaIds: [] };
  for (const v of values) {
    areaIds.add(v.areaId);
    periods.add(v.period);
    let areasOfIndicator = areasOf.get(v.indicatorId);
    if (!areasOfIndicator) areasOf.set(v.indicatorId, (areasOfIndicator = new Set()));
    if (areasOfIndicator.has(v.areaId)) continue;
    areasOfIndicator.add(v.areaId);
    series.indicatorIds.push(v.indicatorId);
    series.areaIds.push(v.areaId);
  }
  return { indicatorIds: [...areasOf.keys()], areaIds: [...areaIds], periods: [...periods], series };
}

/**
 * The values as binary COPY data in the order of COPY_COLUMNS, plus `import_id` when given,
 * row by row in `order` when given. Each distinct uuid and period is converted to bytes once.
 */
function encodeValues(values: readonly IncomingValue[], importId?: string, order?: Uint32Array): Buffer {
  const uuids = new Map<string, Buffer>();
  const periods = new Map<string, Buffer>();
  const uuid = (id: string) => {
    let bytes = uuids.get(id);
    if (!bytes) uuids.set(id, (bytes = uuidBytes(id)));
    return bytes;
  };
  const period = (text: string) => {
    let bytes = periods.get(text);
    if (!bytes) periods.set(text, (bytes = Buffer.from(text, 'utf8')));
    return bytes;
  };
  const float8Size = (n: number | null) => (n === null ? BinaryCopyWriter.NULL_SIZE : BinaryCopyWriter.FLOAT8_SIZE);
  const importBytes = importId === undefined ? null : uuid(importId);
  let size = BinaryCopyWriter.HEADER_SIZE + BinaryCopyWriter.TRAILER_SIZE;
  for (const v of values) {
    size +=
      BinaryCopyWriter.ROW_SIZE +
      2 * BinaryCopyWriter.UUID_SIZE +
      BinaryCopyWriter.textSize(period(v.period).length) +
      float8Size(v.value) +
      float8Size(v.numerator) +
      float8Size(v.denominator) +
      3 * BinaryCopyWriter.BOOL_SIZE +
      (importBytes ? BinaryCopyWriter.UUID_SIZE : 0);
  }
  const fields = COPY_COLUMNS.split(',').length + (importBytes ? 1 : 0);
  const out = new BinaryCopyWriter(size);
  for (let i = 0; i < values.length; i++) {
    const v = values[order ? order[i]! : i]!;
    out.row(fields);
    out.uuid(uuid(v.indicatorId));
    out.uuid(uuid(v.areaId));
    out.text(period(v.period));
    out.float8(v.value);
    out.float8(v.numerator);
    out.float8(v.denominator);
    out.bool(v.isSuppressed);
    out.bool(v.isEstimated);
    out.bool(v.isProvisional);
    if (importBytes) out.uuid(importBytes);
  }
  return out.finish();
}
