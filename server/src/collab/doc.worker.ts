import { workerData, parentPort } from 'node:worker_threads';
import pg from 'pg';
import { poolDb, runDocTask, type DocTask } from './doc-ops.js';
import { pack, unpack, type PackedMessage } from './yjs-transfer.js';

/**
 * Worker thread of the live sync engine (see DocWorker): runs the document operations whose
 * cost grows with document size, with its own small connection pool, so none of that work
 * (query parsing, Yjs merges, large copies) happens on the server's event loop.
 */
const port = parentPort;
if (!port) throw new Error('doc.worker must run in a worker thread');
const { databaseUrl, poolSize } = workerData as { databaseUrl: string; poolSize: number };
const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, application_name: 'lagebild-collab-worker' });
// A lost idle connection is replaced by the pool; it must not end the thread.
pool.on('error', () => undefined);

const db = poolDb(pool);

port.on('message', ({ id, task }: { id: number; task: PackedMessage }) => {
  runDocTask(db, unpack<DocTask>(task)).then(
    (result) => {
      const packed = pack(result);
      port.postMessage({ id, ok: true, result: packed }, [packed.buffer]);
    },
    (error: unknown) => port.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
