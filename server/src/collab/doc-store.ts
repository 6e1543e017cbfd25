import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DocKind } from '@lagebild/shared';
import type { DataSource } from 'typeorm';
import { asBuffer } from './buffer-view.js';

export interface AppendRow {
  docId: string;
  update: Uint8Array;
  userId: string | null;
}

export interface StoredVersion {
  id: string;
  docId: string;
  name: string;
  createdAt: Date;
  createdBy: string | null;
  createdByName: string | null;
  sizeBytes: number;
}

/** Postgres allows 65,535 parameters per statement; three per row. */
const ROWS_PER_INSERT = 5_000;

/**
 * The small, frequent database work of the live sync engine, on the app's pool: registering
 * documents, appending updates (the hot path) and listing versions. Everything that reads or
 * writes whole document states runs in the document worker (doc-ops.ts, DocWorker).
 * Parameterised SQL only; Buffers travel as binary parameters.
 */
@Injectable()
export class DocStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async ensureDoc(docId: string, workspaceId: string, kind: DocKind): Promise<void> {
    await this.db.query(`INSERT INTO collab_doc (id, workspace_id, kind) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`, [
      docId,
      workspaceId,
      kind,
    ]);
  }

  /** Appends rows of any documents with one INSERT (group commit); resolves once committed. */
  async append(rows: readonly AppendRow[]): Promise<void> {
    if (!rows.length) return;
    if (rows.length <= ROWS_PER_INSERT) return this.insert(null, rows);
    await this.db.transaction(async (manager) => {
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await this.insert(manager, rows.slice(i, i + ROWS_PER_INSERT));
    });
  }

  private async insert(db: Pick<DataSource, 'query'> | null, rows: readonly AppendRow[]): Promise<void> {
    const params: unknown[] = [];
    const values = rows.map((row, i) => {
      params.push(row.docId, asBuffer(row.update), row.userId);
      return `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3}::uuid)`;
    });
    const sql = `INSERT INTO doc_update (doc_id, update, user_id) VALUES ${values.join(', ')}`;
    // The hot path goes straight to the pg pool: TypeORM's per-query runner costs more than the INSERT.
    if (db) await db.query(sql, params);
    else await this.pool.query(sql, params);
  }

  private get pool(): { query(sql: string, params: unknown[]): Promise<unknown> } {
    return (this.db.driver as unknown as { master: { query(sql: string, params: unknown[]): Promise<unknown> } }).master;
  }

  async listVersions(docId: string): Promise<StoredVersion[]> {
    const rows: {
      id: string;
      doc_id: string;
      name: string;
      created_at: Date;
      created_by: string | null;
      display_name: string | null;
      size: number;
    }[] = await this.db.query(
      `SELECT v.id, v.doc_id, v.name, v.created_at, v.created_by, u.display_name, octet_length(v.state) AS size
         FROM doc_version v LEFT JOIN app_user u ON u.id = v.created_by
         WHERE v.doc_id = $1 ORDER BY v.created_at DESC, v.id`,
      [docId],
    );
    return rows.map((r) => ({
      id: r.id,
      docId: r.doc_id,
      name: r.name,
      createdAt: r.created_at,
      createdBy: r.created_by,
      createdByName: r.display_name,
      sizeBytes: r.size,
    }));
  }

  /** Which document a version belongs to (without its state). */
  async versionDoc(versionId: string): Promise<string | null> {
    const [row]: { doc_id: string }[] = await this.db.query(`SELECT doc_id FROM doc_version WHERE id = $1`, [versionId]);
    return row?.doc_id ?? null;
  }
}
