import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { inTransaction, returnedRows } from '../../database/transaction.js';
import { VALUE_WRITE_LOCK } from '../values/value-store.js';
import type { ExistingArea, PlannedArea } from './area-plan.js';

/** Serialises writers of areas (boundary imports and their rollbacks). */
export const AREA_WRITE_LOCK = 4_242_102;

const AREA_STATE =
  'key, name, level, parent_id, geometry, display_geometry, bbox, centroid_lon, centroid_lat, geometry_source, geometry_source_en, import_id';

export interface AreaBatch {
  userId: string;
  fileName: string;
  fileHash: string;
  rows: number;
  geometrySource: string;
  geometrySourceEn: string;
  options: Record<string, unknown>;
}

/** Reads and writes areas for boundary imports; each import is one transaction. */
@Injectable()
export class AreaStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  existingAreas(): Promise<ExistingArea[]> {
    return this.db.query(`SELECT id, key, name, level, parent_id AS "parentId", geometry FROM area ORDER BY key`);
  }

  async apply(planned: readonly PlannedArea[], batch: AreaBatch): Promise<string> {
    return inTransaction(this.db, async (runner) => {
      await runner.query(`SELECT pg_advisory_xact_lock($1)`, [AREA_WRITE_LOCK]);
      const counts = { created: 0, updated: 0, unchanged: 0 };
      for (const area of planned) counts[area.action]++;
      const [{ id: importId }] = await runner.query(
        `INSERT INTO import_batch (kind, status, user_id, file_name, file_hash, rows, created, updated, unchanged, options)
         VALUES ('areas', 'committed', $1, $2, $3, $4, $5, $6, $7, $8::jsonb) RETURNING id`,
        [batch.userId, batch.fileName, batch.fileHash, batch.rows, counts.created, counts.updated, counts.unchanged, JSON.stringify(batch.options)],
      );
      for (const area of planned) {
        if (area.action === 'unchanged') continue;
        const values = [
          area.key,
          area.name,
          area.level,
          area.parentId,
          JSON.stringify(area.prepared.geometry),
          JSON.stringify(area.prepared.display),
          area.prepared.bbox,
          area.prepared.centroid[0],
          area.prepared.centroid[1],
          batch.geometrySource,
          batch.geometrySourceEn,
          importId,
        ];
        if (area.action === 'updated') {
          await runner.query(
            `INSERT INTO area_history (area_id, ${AREA_STATE}, replaced_by_import_id)
             SELECT id, ${AREA_STATE}, $2 FROM area WHERE id = $1`,
            [area.existingId, importId],
          );
          await runner.query(
            `UPDATE area SET key = $2, name = $3, level = $4, parent_id = $5, geometry = $6::jsonb, display_geometry = $7::jsonb,
                    bbox = $8::float8[], centroid_lon = $9, centroid_lat = $10, geometry_source = $11,
                    geometry_source_en = $12, import_id = $13, updated_at = now()
              WHERE id = $1`,
            [area.existingId, ...values],
          );
        } else {
          await runner.query(
            `INSERT INTO area (${AREA_STATE}) VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7::float8[], $8, $9, $10, $11, $12)`,
            values,
          );
        }
      }
      return { result: importId as string, commit: true };
    });
  }

  /** Committed boundary imports that changed areas this one had written. */
  laterImports(importId: string): Promise<{ id: string; fileName: string; createdAt: Date }[]> {
    return this.db.query(
      `SELECT DISTINCT b.id, b.file_name AS "fileName", b.created_at AS "createdAt"
         FROM area_history h JOIN import_batch b ON b.id = h.replaced_by_import_id
        WHERE h.import_id = $1 AND b.status = 'committed' AND b.id <> $1
        ORDER BY "createdAt"`,
      [importId],
    );
  }

  /**
   * Undoes one boundary import: areas it updated get their earlier state back, areas it
   * created are removed, unless values or sub-areas now hang on them (then nothing
   * changes and their names are returned). Both write locks are held, so no value import
   * can attach values to an area while it is being removed.
   */
  async rollback(importId: string, userId: string): Promise<{ restored: number; removed: number } | { inUse: string[] }> {
    return inTransaction<{ restored: number; removed: number } | { inUse: string[] }>(this.db, async (runner) => {
      await runner.query(`SELECT pg_advisory_xact_lock($1), pg_advisory_xact_lock($2)`, [AREA_WRITE_LOCK, VALUE_WRITE_LOCK]);
      const [batch] = await runner.query(`SELECT status FROM import_batch WHERE id = $1 FOR UPDATE`, [importId]);
      if (!batch || batch.status !== 'committed') return { result: { restored: 0, removed: 0 }, commit: false };
      const inUse: { name: string }[] = await runner.query(
        `SELECT a.name FROM area a
          WHERE a.import_id = $1
            AND NOT EXISTS (SELECT 1 FROM area_history h WHERE h.replaced_by_import_id = $1 AND h.area_id = a.id)
            AND (EXISTS (SELECT 1 FROM indicator_series s
                          WHERE s.area_id = a.id
                            AND EXISTS (SELECT 1 FROM indicator_value v WHERE v.indicator_id = s.indicator_id AND v.area_id = s.area_id))
                 OR EXISTS (SELECT 1 FROM area c WHERE c.parent_id = a.id))
          ORDER BY a.name`,
        [importId],
      );
      if (inUse.length) return { result: { inUse: inUse.map((a) => a.name) }, commit: false };
      await runner.query(
        `INSERT INTO area_history (area_id, ${AREA_STATE}, replaced_by_import_id) SELECT id, ${AREA_STATE}, NULL FROM area WHERE import_id = $1`,
        [importId],
      );
      const removed = returnedRows(
        await runner.query(
          `DELETE FROM area a WHERE a.import_id = $1
              AND NOT EXISTS (SELECT 1 FROM area_history h WHERE h.replaced_by_import_id = $1 AND h.area_id = a.id)
           RETURNING 1`,
          [importId],
        ),
      ).length;
      const restored = returnedRows(
        await runner.query(
          `UPDATE area a SET key = h.key, name = h.name, level = h.level, parent_id = h.parent_id, geometry = h.geometry,
                  display_geometry = h.display_geometry, bbox = h.bbox, centroid_lon = h.centroid_lon, centroid_lat = h.centroid_lat,
                  geometry_source = h.geometry_source, geometry_source_en = h.geometry_source_en, import_id = h.import_id, updated_at = now()
             FROM area_history h WHERE h.replaced_by_import_id = $1 AND h.area_id = a.id
           RETURNING 1`,
          [importId],
        ),
      ).length;
      await runner.query(`UPDATE import_batch SET status = 'rolled_back', rolled_back_at = now(), rolled_back_by = $2 WHERE id = $1`, [
        importId,
        userId,
      ]);
      return { result: { restored, removed }, commit: true };
    });
  }
}
