import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { CollabEvent, docRoom } from '@lagebild/shared';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { ROOT_LOGGER } from '../common/logging/logging.module.js';
import { CollabSocketServer } from './collab-socket.server.js';
import { DocCompactor } from './doc-compactor.js';
import { DocStore, type AppendRow } from './doc-store.js';
import { DocWorker } from './doc-worker.js';
import { asBuffer } from './buffer-view.js';

export interface AcceptedUpdate {
  docId: string;
  update: Buffer;
  socketId: string;
  userId: string;
}

interface Entry extends AcceptedUpdate {
  resolve(): void;
  reject(error: Error): void;
}

/** Above this many updates in one turn, merging costs more than it saves (Y.mergeUpdates grows quadratically). */
const MAX_MERGE = 32;
/**
 * Group commit: one INSERT in flight at a time, and at least COMMIT_INTERVAL_MS between the
 * starts of two, so a steady stream of edits is written in batches instead of one round trip
 * (and one fsync) per edit. It only delays the senders' acks, never the broadcast; a lone edit
 * after a quiet moment is written at once. 40 ms rather than 15: in the sync benchmark (one edit
 * every 2 ms) the pg client's work per commit was the largest per-edit cost after the socket
 * writes, and PostgreSQL's commits competed with the server for the same cores. An ack 25 ms later
 * is invisible to a person; the broadcast is not delayed at all.
 */
const MAX_INFLIGHT_WRITES = 1;
const COMMIT_INTERVAL_MS = 40;

/**
 * The hot path of `doc:update`, after validation. Updates are collected per document for one
 * event-loop turn, then
 * 1. broadcast at once to the room (merged with Y.mergeUpdates when several arrived), never back
 *    to a sender: a sender receives only the others' part;
 * 2. written with one INSERT for everything that arrived meanwhile (group commit, below);
 * 3. acknowledged to every sender after that INSERT committed.
 * Receivers never wait for the database; a sender's ack waits for one commit. There is no
 * authoritative Y.Doc in memory: syncs are answered from Postgres (doc-ops.ts).
 */
@Injectable()
export class DocUpdatePipeline implements OnModuleDestroy {
  private batch = new Map<string, Entry[]>();
  private flushScheduled = false;
  private readonly waiting: { rows: AppendRow[]; entries: Entry[] }[] = [];
  private inflight = 0;
  private lastWriteAt = 0;
  private pumpTimer: ReturnType<typeof setTimeout> | null = null;
  private idle: (() => void) | null = null;
  private closing = false;

  constructor(
    private readonly store: DocStore,
    private readonly server: CollabSocketServer,
    private readonly compactor: DocCompactor,
    private readonly worker: DocWorker,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  /** Broadcasts the update and resolves once it is durably stored. */
  submit(update: AcceptedUpdate): Promise<void> {
    return new Promise((resolve, reject) => {
      const entries = this.batch.get(update.docId);
      const entry = { ...update, resolve, reject };
      if (entries) entries.push(entry);
      else this.batch.set(update.docId, [entry]);
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(this.flush);
      }
    });
  }

  /** Sends an update that is already stored (e.g. a restored version) to every member of the doc. */
  broadcast(docId: string, update: Buffer): void {
    this.server.emitToRoom(docRoom(docId), CollabEvent.DocUpdate, { docId, update });
  }

  /** Waits for every accepted update to be written (graceful shutdown). */
  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    if (this.pumpTimer) {
      clearTimeout(this.pumpTimer);
      this.pumpTimer = null;
    }
    if (this.flushScheduled) this.flush();
    else this.pump();
    if (this.inflight === 0 && !this.waiting.length) return;
    await new Promise<void>((resolve) => (this.idle = resolve));
  }

  private readonly flush = (): void => {
    this.flushScheduled = false;
    const batch = this.batch;
    this.batch = new Map();
    const rows: AppendRow[] = [];
    const entries: Entry[] = [];
    for (const [docId, docEntries] of batch) {
      try {
        this.broadcastBatch(docId, docEntries);
      } catch (error) {
        // Receivers heal through resync; the write below still decides the senders' acks.
        this.logger.error({ err: error, docId }, 'collab: broadcast failed');
      }
      // One row per update: merging them here would cost more CPU than the rows cost space,
      // and compaction folds them anyway.
      for (const e of docEntries) rows.push({ docId, update: e.update, userId: e.userId });
      entries.push(...docEntries);
    }
    this.waiting.push({ rows, entries });
    this.pump();
  };

  private broadcastBatch(docId: string, entries: Entry[]): void {
    const room = docRoom(docId);
    if (entries.length === 1) {
      const [only] = entries;
      this.server.emitToRoom(room, CollabEvent.DocUpdate, { docId, update: only!.update }, only!.socketId);
      return;
    }
    const bySender = groupBySender(entries);
    const merged = mergeSmall(entries.map((e) => e.update));
    if (!merged) {
      for (const e of entries) this.server.emitToRoom(room, CollabEvent.DocUpdate, { docId, update: e.update }, e.socketId);
      return;
    }
    this.server.emitToRoom(room, CollabEvent.DocUpdate, { docId, update: merged }, [...bySender.keys()]);
    if (bySender.size === 1) return;
    // Each sender gets what the others sent in this turn, never its own updates back.
    for (const senderId of bySender.keys()) {
      const others = entries.filter((e) => e.socketId !== senderId).map((e) => e.update);
      const update = mergeSmall(others);
      if (update) this.server.emitToSocket(senderId, CollabEvent.DocUpdate, { docId, update });
      else for (const other of others) this.server.emitToSocket(senderId, CollabEvent.DocUpdate, { docId, update: other });
    }
  }

  private pump(): void {
    if (this.inflight >= MAX_INFLIGHT_WRITES || !this.waiting.length || this.pumpTimer) return;
    const wait = this.lastWriteAt + COMMIT_INTERVAL_MS - performance.now();
    if (wait > 0 && !this.closing) {
      this.pumpTimer = setTimeout(() => {
        this.pumpTimer = null;
        this.pump();
      }, wait);
      return;
    }
    this.lastWriteAt = performance.now();
    const jobs = this.waiting.splice(0);
    const rows = jobs.flatMap((job) => job.rows);
    const entries = jobs.flatMap((job) => job.entries);
    this.inflight++;
    this.store
      .append(rows)
      .then(
        () => {
          for (const entry of entries) entry.resolve();
          const perDoc = new Map<string, { rows: number; bytes: number }>();
          for (const row of rows) {
            const count = perDoc.get(row.docId) ?? { rows: 0, bytes: 0 };
            count.rows++;
            count.bytes += row.update.length;
            perDoc.set(row.docId, count);
          }
          for (const [docId, count] of perDoc) {
            this.compactor.noteAppended(docId, count.rows, count.bytes);
            this.worker.noteWritten(docId, count.bytes);
          }
        },
        (error: unknown) => {
          this.logger.error({ err: error, rows: rows.length }, 'collab: storing updates failed; senders will resend');
          for (const entry of entries) entry.reject(error instanceof Error ? error : new Error(String(error)));
        },
      )
      .finally(() => {
        this.inflight--;
        this.pump();
        if (this.inflight === 0 && !this.waiting.length && this.idle) this.idle();
      });
  }
}

function groupBySender(entries: Entry[]): Map<string, Entry[]> {
  const groups = new Map<string, Entry[]>();
  for (const entry of entries) {
    const group = groups.get(entry.socketId);
    if (group) group.push(entry);
    else groups.set(entry.socketId, [entry]);
  }
  return groups;
}

/** One Buffer for a few updates; null when there are too many to merge cheaply (or they do not merge). */
function mergeSmall(updates: Uint8Array[]): Buffer | null {
  if (updates.length === 1) return asBuffer(updates[0]!);
  if (updates.length > MAX_MERGE) return null;
  try {
    return asBuffer(Y.mergeUpdates(updates));
  } catch {
    return null;
  }
}
