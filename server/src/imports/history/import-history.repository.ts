import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ImportHistoryEntry, ImportHistoryQuery } from '@lagebild/shared';
import type { DataSource } from 'typeorm';

/** One import_batch row as the database returns it: the history entry before its dates are serialised and its subjects named. */
export type BatchRow = Omit<ImportHistoryEntry, 'createdAt' | 'rolledBackAt' | 'subjects'> & { createdAt: Date; rolledBackAt: Date | null };

const BATCH_SELECT = `
  SELECT b.id, b.kind, b.status, b.file_name AS "fileName", b.file_hash AS "fileHash", b.rows, b.created, b.updated, b.unchanged,
         b.created_at AS "createdAt", u.display_name AS "user", b.rolled_back_at AS "rolledBackAt", r.display_name AS "rolledBackBy", b.options
    FROM import_batch b
    LEFT JOIN app_user u ON u.id = b.user_id
    LEFT JOIN app_user r ON r.id = b.rolled_back_by`;

@Injectable()
export class ImportHistoryRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  list(query: ImportHistoryQuery): Promise<BatchRow[]> {
    return this.db.query(`${BATCH_SELECT} WHERE ($1::text IS NULL OR b.kind = $1) ORDER BY b.created_at DESC, b.id LIMIT $2`, [
      query.kind ?? null,
      query.limit,
    ]);
  }

  async find(id: string): Promise<BatchRow | null> {
    const rows: BatchRow[] = await this.db.query(`${BATCH_SELECT} WHERE b.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Every indicator whose values the batch wrote or replaced. */
  touchedIndicators(importId: string): Promise<{ key: string; name: string; departmentId: string | null }[]> {
    return this.db.query(
      `SELECT i.key, i.name, i.department_id AS "departmentId" FROM indicator i
        WHERE i.id IN (SELECT indicator_id FROM indicator_value WHERE import_id = $1
                       UNION SELECT indicator_id FROM indicator_value_history WHERE replaced_by_import_id = $1)
        ORDER BY i.name`,
      [importId],
    );
  }

  /** Names by key; `nameEn` is the English name where one is kept (indicators), else null. */
  namesOf(kind: 'indicator' | 'area', keys: string[]): Promise<{ key: string; name: string; nameEn: string | null }[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return this.db.query(
      kind === 'indicator'
        ? `SELECT key, name, name_en AS "nameEn" FROM indicator WHERE key = ANY($1::text[])`
        : `SELECT key, name, NULL AS "nameEn" FROM area WHERE key = ANY($1::text[])`,
      [keys],
    );
  }
}
