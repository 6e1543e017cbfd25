import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../common/logging/logging.module.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import type { CompactionResult } from './doc-ops.js';
import { DocWorker } from './doc-worker.js';

/** Upper bound of log rows folded in one compaction, so memory stays bounded for any backlog. */
const MAX_ROWS_PER_COMPACTION = 20_000;

interface LogCounter {
  rows: number;
  bytes: number;
  /** performance.now() of the last append through this process (0: none seen). */
  lastAppendAt: number;
}

interface DueCompaction {
  /** When the document became due (performance.now()). */
  dueSince: number;
  /** The last client here left: no reason to wait for quiet. */
  idle: boolean;
  /** Queued behind the running compaction. */
  queued: boolean;
}

/** Delay after the last client left, so the leave's own writes are in the log first. */
const IDLE_DELAY_MS = 50;

/**
 * Keeps update logs short: when a document has more than `compactAfterUpdates` rows or
 * `compactAfterBytes` bytes waiting, its log is folded into the snapshot (doc-ops compactDoc, in
 * the document worker: advisory lock, gc'd merge, one transaction). A due document waits until
 * nobody has written to it for `compactQuietMs`, but no longer than `compactMaxWaitMs`: folding
 * a thousand rows while the document is being edited would compete with the live session for
 * the database and the CPU, and a few seconds more log cost a cold load next to nothing
 * (Hocuspocus debounces its stores the same way). One compaction at a time per process;
 * counters are estimates per process and the database is re-read under the lock, so several
 * instances may race for a document and the lock makes that harmless.
 */
@Injectable()
export class DocCompactor implements OnModuleDestroy {
  private readonly counters = new Map<string, LogCounter>();
  private readonly due = new Map<string, DueCompaction>();
  /** Compactions run one after another: a promise chain as a mutex. */
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly worker: DocWorker,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  /** Called after rows were committed to the log. */
  noteAppended(docId: string, rows: number, bytes: number): void {
    const lastAppendAt = performance.now();
    const counter = this.counters.get(docId);
    if (counter) {
      counter.rows += rows;
      counter.bytes += bytes;
      counter.lastAppendAt = lastAppendAt;
    } else {
      this.counters.set(docId, { rows, bytes, lastAppendAt });
    }
    this.maybeSchedule(docId);
  }

  /** Called when a load saw the whole log: replaces the estimate with the real numbers. */
  noteLoaded(docId: string, rows: number, bytes: number): void {
    this.counters.set(docId, { rows, bytes, lastAppendAt: this.counters.get(docId)?.lastAppendAt ?? 0 });
    this.maybeSchedule(docId);
  }

  /**
   * The last client of this instance left the document: fold whatever the log holds, so the
   * next cold load reads one snapshot instead of merging up to `compactAfterUpdates` rows
   * (Hocuspocus likewise stores a document when its last client leaves).
   */
  noteIdle(docId: string): void {
    if ((this.counters.get(docId)?.rows ?? 0) > 0) this.schedule(docId, true);
  }

  /** Compacts now (after any running compaction); resolves with what was merged. */
  compactNow(docId: string): Promise<CompactionResult> {
    return this.exclusive(() => this.compact(docId));
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    await this.chain;
  }

  private maybeSchedule(docId: string): void {
    const counter = this.counters.get(docId)!;
    if (counter.rows < this.config.collab.compactAfterUpdates && counter.bytes < this.config.collab.compactAfterBytes) return;
    this.schedule(docId, false);
  }

  private schedule(docId: string, idle: boolean): void {
    if (this.closed) return;
    const due = this.due.get(docId);
    if (due && (due.idle || !idle)) return;
    if (due) due.idle = true;
    else this.due.set(docId, { dueSince: performance.now(), idle, queued: false });
    this.wake(docId, idle ? IDLE_DELAY_MS : this.config.collab.compactQuietMs);
  }

  private wake(docId: string, delayMs: number): void {
    setTimeout(() => this.startIfQuiet(docId), delayMs).unref();
  }

  /** Starts the compaction of a due document once it is quiet (or idle, or has waited long enough). */
  private startIfQuiet(docId: string): void {
    const due = this.due.get(docId);
    if (!due || due.queued || this.closed) return;
    const now = performance.now();
    const { compactQuietMs, compactMaxWaitMs } = this.config.collab;
    const quietFor = now - (this.counters.get(docId)?.lastAppendAt ?? 0);
    const waited = now - due.dueSince;
    if (!due.idle && quietFor < compactQuietMs && waited < compactMaxWaitMs) {
      // One timer per due document, re-armed here, instead of one per append.
      this.wake(docId, Math.min(compactQuietMs - quietFor, compactMaxWaitMs - waited));
      return;
    }
    due.queued = true;
    void this.exclusive(() => {
      // Still due until it starts, so appends meanwhile do not queue a second round.
      this.due.delete(docId);
      return this.closed ? Promise.resolve(null) : this.compact(docId);
    });
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const next = this.chain.then(task, task);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async compact(docId: string): Promise<CompactionResult> {
    const started = performance.now();
    try {
      const result = await this.worker.run({ op: 'compact', docId, maxRows: MAX_ROWS_PER_COMPACTION });
      const counter = this.counters.get(docId);
      if (counter) {
        counter.rows = Math.max(0, counter.rows - result.merged);
        counter.bytes = Math.max(0, counter.bytes - result.bytesBefore);
      }
      if (result.skipped) this.logger.warn({ docId, skipped: result.skipped }, 'collab: compaction skipped updates that failed to apply');
      this.logger.debug({ docId, ...result, ms: Math.round(performance.now() - started) }, 'collab: compacted');
      return result;
    } catch (error) {
      this.logger.error({ err: error, docId }, 'collab: compaction failed; the log stays as it is');
      return { merged: 0, bytesBefore: 0, bytesAfter: 0, skipped: 0 };
    }
  }
}
