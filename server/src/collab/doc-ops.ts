import type pg from 'pg';
import { encodeSyncAckFrame, PRE_ENCODE_MIN_BYTES } from './ack-frame.js';
import { checkUpdate, diffState, mergeParts, restoreUpdate, type UpdateCheck } from './yjs-ops.js';
import { asBuffer } from './buffer-view.js';

/**
 * The document operations whose cost grows with the size of a document: loading it (snapshot +
 * log), compacting it, saving and restoring versions. They read and write the large byte values
 * themselves, so that in production they run entirely in the Yjs worker thread, on the worker's
 * own database connections: neither the parsing of large query results nor the Yjs work nor
 * the copies of large buffers ever happen on the event loop. Without a compiled worker (tests on
 * the TypeScript sources) the same functions run inline on the app's connection pool.
 */
export interface Db {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs `work` in one transaction on one connection. */
  transaction<T>(work: (db: Db) => Promise<T>, isolation?: 'REPEATABLE READ'): Promise<T>;
}

export interface CompactionResult {
  /** Log rows folded into the snapshot (and deleted). */
  merged: number;
  bytesBefore: number;
  bytesAfter: number;
  skipped: number;
}

export interface SyncAnswer {
  /** What the client lacks. */
  update: Uint8Array;
  /** The server's state vector. */
  stateVector: Uint8Array;
  /** Log rows and bytes seen, for the compaction trigger. */
  logRows: number;
  logBytes: number;
  /** Snapshot plus log bytes: how large the stored document is. */
  storedBytes: number;
  /** For large answers, the ack already encoded for the wire (see ack-frame.ts); `update` is then empty. */
  ackFrame?: Uint8Array;
}

/** A pg pool behind the Db interface (the worker's own pool). */
export function poolDb(pool: pg.Pool): Db {
  return {
    query: async <T>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as T[],
    async transaction(work, isolation) {
      const client = await pool.connect();
      const tx: Db = {
        query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
        transaction: () => Promise.reject(new Error('nested transactions are not supported')),
      };
      try {
        await client.query(isolation ? `BEGIN ISOLATION LEVEL ${isolation}` : 'BEGIN');
        const result = await work(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

/** Snapshot plus log bytes of a document, without reading them. */
export async function storedBytes(db: Db, docId: string): Promise<number> {
  const [row] = await db.query<{ bytes: string | number }>(
    `SELECT coalesce((SELECT octet_length(state) FROM doc_snapshot WHERE doc_id = $1), 0)
          + coalesce((SELECT sum(octet_length(update)) FROM doc_update WHERE doc_id = $1), 0) AS bytes`,
    [docId],
  );
  return Number(row?.bytes ?? 0);
}

/** First key of the two-key advisory locks of compaction: the collab feature's own lock space. */
export const COMPACTION_LOCK_SPACE = 71_110_001;

const EMPTY_UPDATE = new Uint8Array([0, 0]);
const EMPTY_STATE_VECTOR = new Uint8Array([0]);

export type DocTask =
  | { op: 'check'; update: Uint8Array }
  | { op: 'sync'; docId: string; stateVector: Uint8Array }
  | { op: 'compact'; docId: string; maxRows: number }
  | { op: 'createVersion'; docId: string; name: string; userId: string }
  | { op: 'restore'; docId: string; versionId: string; userId: string };

export type DocTaskResult<T extends DocTask> = T extends { op: 'check' }
  ? UpdateCheck
  : T extends { op: 'sync' }
    ? SyncAnswer
    : T extends { op: 'compact' }
      ? CompactionResult
      : T extends { op: 'createVersion' }
        ? { id: string }
        : { docId: string; update: Uint8Array | null };

export async function runDocTask<T extends DocTask>(db: Db, task: T): Promise<DocTaskResult<T>> {
  switch (task.op) {
    case 'check':
      return checkUpdate(task.update) as DocTaskResult<T>;
    case 'sync':
      return (await syncAnswer(db, task.docId, task.stateVector)) as DocTaskResult<T>;
    case 'compact':
      return (await compactDoc(db, task.docId, task.maxRows)) as DocTaskResult<T>;
    case 'createVersion':
      return (await createVersion(db, task.docId, task.name, task.userId)) as DocTaskResult<T>;
    case 'restore':
      return (await restoreVersion(db, task.versionId, task.userId)) as DocTaskResult<T>;
  }
  throw new Error('unknown document task');
}

interface Loaded {
  snapshot: { state: Uint8Array; stateVector: Uint8Array } | null;
  updates: Uint8Array[];
  logBytes: number;
}

/**
 * Snapshot and log in one statement, so both come from the same database snapshot: a
 * compaction committing in between can never hide rows from the reader.
 */
async function loadDoc(db: Db, docId: string): Promise<Loaded> {
  const rows = await db.query<{ part: number; data: Uint8Array; sv: Uint8Array | null }>(
    `SELECT 0 AS part, 0::bigint AS seq, state AS data, state_vector AS sv FROM doc_snapshot WHERE doc_id = $1
     UNION ALL
     SELECT 1 AS part, seq, update AS data, NULL AS sv FROM doc_update WHERE doc_id = $1
     ORDER BY part, seq`,
    [docId],
  );
  const snapshotRow = rows[0]?.part === 0 ? rows[0] : null;
  const updates = rows.filter((r) => r.part === 1).map((r) => r.data);
  return {
    snapshot: snapshotRow ? { state: snapshotRow.data, stateVector: snapshotRow.sv! } : null,
    updates,
    logBytes: updates.reduce((sum, u) => sum + u.length, 0),
  };
}

/** The merged state of a document: snapshot and log folded in a gc'd Y.Doc. */
async function currentState(db: Db, docId: string): Promise<{ state: Uint8Array; stateVector: Uint8Array } & Loaded> {
  const loaded = await loadDoc(db, docId);
  if (!loaded.updates.length) return { ...loaded, ...(loaded.snapshot ?? { state: EMPTY_UPDATE, stateVector: EMPTY_STATE_VECTOR }) };
  const parts = loaded.snapshot ? [loaded.snapshot.state, ...loaded.updates] : loaded.updates;
  const merged = mergeParts(parts);
  return { ...loaded, state: merged.state, stateVector: merged.stateVector };
}

async function syncAnswer(db: Db, docId: string, clientStateVector: Uint8Array): Promise<SyncAnswer> {
  const current = await currentState(db, docId);
  const update = diffState(current.state, clientStateVector);
  const large = update.length >= PRE_ENCODE_MIN_BYTES;
  return {
    update: large ? new Uint8Array(0) : update,
    ...(large && { ackFrame: encodeSyncAckFrame(update, current.stateVector) }),
    stateVector: current.stateVector,
    logRows: current.updates.length,
    logBytes: current.logBytes,
    storedBytes: (current.snapshot?.state.length ?? 0) + current.logBytes,
  };
}

/**
 * Folds the snapshot and up to `maxRows` log rows into a new snapshot and deletes exactly the
 * rows it read, in one transaction under an advisory lock per document. Rows appended while
 * it runs are not read and therefore not deleted; they stay in the log for the next round.
 */
async function compactDoc(db: Db, docId: string, maxRows: number): Promise<CompactionResult> {
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [COMPACTION_LOCK_SPACE, docId]);
    const [snapshot] = await tx.query<{ state: Uint8Array }>(`SELECT state FROM doc_snapshot WHERE doc_id = $1`, [docId]);
    const rows = await tx.query<{ seq: string; update: Uint8Array }>(`SELECT seq, update FROM doc_update WHERE doc_id = $1 ORDER BY seq LIMIT $2`, [
      docId,
      maxRows,
    ]);
    if (!rows.length) return { merged: 0, bytesBefore: 0, bytesAfter: 0, skipped: 0 };
    const parts = snapshot ? [snapshot.state, ...rows.map((r) => r.update)] : rows.map((r) => r.update);
    const bytesBefore = parts.reduce((sum, part) => sum + part.length, 0);
    const merged = mergeParts(parts);
    await tx.query(
      `INSERT INTO doc_snapshot (doc_id, state, state_vector, generation, merged_updates, updated_at)
       VALUES ($1, $2, $3, 1, $4, now())
       ON CONFLICT (doc_id) DO UPDATE SET state = EXCLUDED.state, state_vector = EXCLUDED.state_vector,
         generation = doc_snapshot.generation + 1, merged_updates = doc_snapshot.merged_updates + EXCLUDED.merged_updates, updated_at = now()`,
      [docId, asBuffer(merged.state), asBuffer(merged.stateVector), rows.length],
    );
    await tx.query(`DELETE FROM doc_update WHERE doc_id = $1 AND seq = ANY($2::bigint[])`, [docId, rows.map((r) => r.seq)]);
    return { merged: rows.length, bytesBefore, bytesAfter: merged.state.length, skipped: merged.skipped };
  });
}

async function createVersion(db: Db, docId: string, name: string, userId: string): Promise<{ id: string }> {
  const { state } = await currentState(db, docId);
  const [row] = await db.query<{ id: string }>(`INSERT INTO doc_version (doc_id, name, state, created_by) VALUES ($1, $2, $3, $4) RETURNING id`, [
    docId,
    name,
    asBuffer(state),
    userId,
  ]);
  return { id: row!.id };
}

/**
 * Appends the update that brings the document back to the version's content (nothing when it
 * already has it) and returns it for the broadcast. History is never rewritten.
 */
async function restoreVersion(db: Db, versionId: string, userId: string): Promise<{ docId: string; update: Uint8Array | null }> {
  const [version] = await db.query<{ doc_id: string; state: Uint8Array }>(`SELECT doc_id, state FROM doc_version WHERE id = $1`, [versionId]);
  if (!version) throw new Error('version not found');
  const { state } = await currentState(db, version.doc_id);
  const update = restoreUpdate(state, version.state);
  if (update) await db.query(`INSERT INTO doc_update (doc_id, update, user_id) VALUES ($1, $2, $3)`, [version.doc_id, asBuffer(update), userId]);
  return { docId: version.doc_id, update };
}
