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
}

/**
 * Keeps update logs short: when a document has more than `compactAfterUpdates` rows or
 * `compactAfterBytes` bytes waiting, its log is folded into the snapshot (doc-ops compactDoc, in
 * the document worker: advisory lock, gc'd merge, one transaction). One compaction at a time per
 * process; counters are estimates per process and the database is re-read under the lock, so
 * several instances may race for a document and the lock makes that harmless.
 */
@Injectable()
export class DocCompactor implements OnModuleDestroy {
  private readonly counters = new Map<string, LogCounter>();
  private readonly scheduled = new Set<string>();
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
    const counter = this.counters.get(docId);
    if (counter) {
      counter.rows += rows;
      counter.bytes += bytes;
    } else {
      this.counters.set(docId, { rows, bytes });
    }
    this.maybeSchedule(docId);
  }

  /** Called when a load saw the whole log: replaces the estimate with the real numbers. */
  noteLoaded(docId: string, rows: number, bytes: number): void {
    this.counters.set(docId, { rows, bytes });
    this.maybeSchedule(docId);
  }

  /**
   * The last client of this instance left the document: fold whatever the log holds, so the
   * next cold load reads one snapshot instead of merging up to `compactAfterUpdates` rows
   * (Hocuspocus likewise stores a document when its last client leaves).
   */
  noteIdle(docId: string): void {
    if ((this.counters.get(docId)?.rows ?? 0) > 0) this.schedule(docId);
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
    this.schedule(docId);
  }

  private schedule(docId: string): void {
    if (this.scheduled.has(docId) || this.closed) return;
    this.scheduled.add(docId);
    // Let the current burst of writes finish first; compaction is background work.
    setTimeout(() => {
      void this.exclusive(() => {
        this.scheduled.delete(docId);
        return this.closed ? Promise.resolve(null) : this.compact(docId);
      });
    }, 50).unref();
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
