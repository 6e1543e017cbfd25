import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { ROOT_LOGGER } from '../common/logging/logging.module.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { runDocTask, storedBytes, type CompactionResult, type Db, type DocTask, type DocTaskResult, type SyncAnswer } from './doc-ops.js';
import { pack, unpack, type PackedMessage } from './yjs-transfer.js';

interface PendingTask {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** Connections of the worker's own pool (on top of DATABASE_POOL_SIZE). */
const WORKER_POOL_SIZE = 3;
/**
 * Documents smaller than this are loaded and restored inline: a few milliseconds on the event
 * loop, less than a thread hop costs, and no garbage piling up in the worker's heap.
 */
const INLINE_DOC_BYTES = 128 * 1024;
const MAX_SIZE_HINTS = 20_000;

/**
 * Runs document operations (doc-ops.ts) in one worker thread with its own connections, so that
 * loading, compacting or restoring a large document never blocks the event loop; loads and
 * restores of documents below INLINE_DOC_BYTES are handled inline, compactions never. The size
 * of each document is remembered from its last load and grown by writes; an unknown one is
 * asked of the database first. The worker is the compiled `doc.worker.js`; where it does not
 * exist (tests running the TypeScript sources) the same operations run inline on the app's pool.
 * A crashed worker fails its pending tasks (callers answer UNAVAILABLE and clients retry) and is
 * restarted for the next task.
 */
@Injectable()
export class DocWorker implements OnModuleDestroy {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, PendingTask>();
  private nextId = 1;
  private readonly workerFile = fileURLToPath(new URL('./doc.worker.js', import.meta.url));
  private readonly available: boolean;
  private closed = false;
  private readonly inlineDb: Db;
  /** Stored bytes per document (estimates between loads). */
  private readonly sizes = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {
    this.inlineDb = typeOrmDb(dataSource);
    this.available = config.collab.docWorker && existsSync(this.workerFile);
  }

  /** Whether the operations leave the event loop in this process. */
  get usesWorker(): boolean {
    return this.available;
  }

  async run<T extends DocTask>(task: T): Promise<DocTaskResult<T>> {
    const result = (await this.runsInline(task)) ? await runDocTask(this.inlineDb, task) : await this.runInWorker(task);
    if (task.op === 'sync') this.noteSize(task.docId, (result as SyncAnswer).storedBytes);
    // A compaction that found no rows knows nothing about the size.
    if (task.op === 'compact' && (result as CompactionResult).merged > 0) this.noteSize(task.docId, (result as CompactionResult).bytesAfter);
    return result;
  }

  /**
   * Stored bytes of a document (snapshot plus log): the estimate of this process, or asked of the
   * database once when there is none. Writes through other instances show up at the next load.
   */
  async storedSize(docId: string): Promise<number> {
    let size = this.sizes.get(docId);
    if (size === undefined) {
      size = await storedBytes(this.inlineDb, docId);
      this.noteSize(docId, size);
    }
    return size;
  }

  /** The estimate of `storedSize` without asking the database (for the write path, which must not wait). */
  knownSize(docId: string): number | undefined {
    return this.sizes.get(docId);
  }

  /** Called for every stored write, so the size estimate follows the document between loads. */
  noteWritten(docId: string, bytes: number): void {
    const size = this.sizes.get(docId);
    if (size !== undefined) this.sizes.set(docId, size + bytes);
  }

  private noteSize(docId: string, bytes: number): void {
    if (this.sizes.size >= MAX_SIZE_HINTS) this.sizes.clear();
    this.sizes.set(docId, bytes);
  }

  private async runsInline(task: DocTask): Promise<boolean> {
    if (!this.available || this.closed) return true;
    // Only large updates are checked here. A compaction merges hundreds of rows of any
    // document, and it is never urgent enough to hold up the broadcasts of a live session.
    if (task.op === 'check' || task.op === 'compact') return false;
    return (await this.storedSize(task.docId)) < INLINE_DOC_BYTES;
  }

  private runInWorker<T extends DocTask>(task: T): Promise<DocTaskResult<T>> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<DocTaskResult<T>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      const packed = pack(task);
      worker.postMessage({ id, task: packed }, [packed.buffer]);
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    // Let running tasks (a compaction's transaction) finish before the thread goes.
    const deadline = Date.now() + 10_000;
    while (this.pending.size && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    for (const task of this.pending.values()) task.reject(new Error('the server is shutting down'));
    this.pending.clear();
    if (worker) await worker.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const url = (this.dataSource.options as { url?: string }).url;
    const worker = new Worker(this.workerFile, { workerData: { databaseUrl: url, poolSize: WORKER_POOL_SIZE } });
    worker.on('message', ({ id, ok, result, error }: { id: number; ok: boolean; result?: PackedMessage; error?: string }) => {
      const task = this.pending.get(id);
      if (!task) return;
      this.pending.delete(id);
      if (ok) task.resolve(unpack(result!));
      else task.reject(new Error(error));
    });
    const fail = (error: Error) => {
      this.logger.error({ err: error }, 'collab: document worker failed; restarting it for the next task');
      if (this.worker === worker) this.worker = null;
      for (const task of this.pending.values()) task.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (this.worker === worker && !this.closed) fail(new Error(`document worker exited with code ${code}`));
    });
    this.worker = worker;
    return worker;
  }
}

/** The app's TypeORM pool behind the Db interface of doc-ops. */
function typeOrmDb(dataSource: DataSource): Db {
  return {
    query: (sql, params) => dataSource.query(sql, params),
    transaction: (work, isolation) =>
      dataSource.transaction(isolation ?? 'READ COMMITTED', (manager) =>
        work({
          query: (sql, params) => manager.query(sql, params),
          transaction: () => Promise.reject(new Error('nested transactions are not supported')),
        }),
      ),
  };
}
