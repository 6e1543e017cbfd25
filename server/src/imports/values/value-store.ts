import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ImportKind } from '@lagebild/shared';
import type { DataSource, QueryRunner } from 'typeorm';
import { inTransaction, returnedRows } from '../transaction.js';
import { copyIn } from './copy-in.js';
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

/** From this many values on, joins are planned for bulk (see loadIncoming). */
const LARGE_IMPORT = 5_000;

/** Serialises writers of indicator values, so history and rollback see one order of imports. */
export const VALUE_WRITE_LOCK = 4_242_101;

const CELL = '(indicator_id, area_id, period)';
const PAYLOAD = 'value, numerator, denominator, is_suppressed, is_estimated, is_provisional';

/**
 * Writes indicator values set-wise: the incoming rows go into a temporary table in one
 * statement, and counting, history and upsert are each one SQL statement over it. The dry
 * run is the same transaction rolled back, so it counts exactly what a commit would do.
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
    await this.loadIncoming(runner, values);
    const counts = await this.countIncoming(runner);
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
    // Plain inserts of the new cells: no conflict can arise, writers hold the lock.
    if (counts.created > 0) {
      await runner.query(
        `INSERT INTO indicator_value (indicator_id, area_id, period, ${PAYLOAD}, import_id, updated_at)
         SELECT i.indicator_id, i.area_id, i.period, i.value, i.numerator, i.denominator, i.is_suppressed, i.is_estimated, i.is_provisional, $1, now()
           FROM incoming_value i
          WHERE NOT EXISTS (SELECT 1 FROM indicator_value v WHERE (v.indicator_id, v.area_id, v.period) = (i.indicator_id, i.area_id, i.period))
          ORDER BY i.indicator_id, i.area_id, i.period`,
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
                    WHERE id IN (SELECT DISTINCT indicator_id FROM incoming_value) FOR UPDATE) p
            WHERE i.id = p.id AND i.last_update IS DISTINCT FROM CURRENT_DATE
           RETURNING i.key, p.previous`,
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

  private async loadIncoming(runner: QueryRunner, values: readonly IncomingValue[]): Promise<void> {
    await runner.query(
      `CREATE TEMP TABLE incoming_value (
         indicator_id uuid NOT NULL, area_id uuid NOT NULL, period text NOT NULL,
         value double precision, numerator double precision, denominator double precision,
         is_suppressed boolean NOT NULL, is_estimated boolean NOT NULL, is_provisional boolean NOT NULL
       ) ON COMMIT DROP`,
    );
    // COPY is the fastest way in. Every field is a uuid, a validated period, a number or a flag,
    // so none can contain a tab, newline or backslash that would need escaping.
    let text = '';
    for (const v of values) {
      text += `${v.indicatorId}\t${v.areaId}\t${v.period}\t${v.value ?? '\\N'}\t${v.numerator ?? '\\N'}\t${v.denominator ?? '\\N'}\t${v.isSuppressed ? 't' : 'f'}\t${v.isEstimated ? 't' : 'f'}\t${v.isProvisional ? 't' : 'f'}\n`;
    }
    if (text) await copyIn(runner, `COPY incoming_value FROM STDIN`, Buffer.from(text));
    await runner.query(`ANALYZE incoming_value`);
    if (values.length >= LARGE_IMPORT) {
      // With a large, fresh set the planner still likes index probes (100,000 of them) over one
      // hash join, and sorts spill to disk at the default work_mem. Only for this transaction.
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
