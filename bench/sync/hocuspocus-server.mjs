// The peer of `npm run bench:sync`: Hocuspocus with the persistence its Database extension gives
// (load the stored state on first open, store the whole state debounced: 2 s after the last
// change, at most every 10 s, and when the last client leaves), on the same Postgres as Lagebild.
// Usage: PORT=… DATABASE_URL=… node hocuspocus-server.mjs
import { Server } from '@hocuspocus/server';
import pg from 'pg';
import * as Y from 'yjs';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
await pool.query(
  `CREATE TABLE IF NOT EXISTS hocuspocus_document (name text PRIMARY KEY, data bytea NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`,
);

const server = new Server({
  port: Number(process.env.PORT),
  address: '127.0.0.1',
  quiet: true,
  debounce: 2000,
  maxDebounce: 10000,
  async onLoadDocument({ documentName, document }) {
    const { rows } = await pool.query('SELECT data FROM hocuspocus_document WHERE name = $1', [documentName]);
    if (rows[0]) Y.applyUpdate(document, rows[0].data);
    return document;
  },
  async onStoreDocument({ documentName, document }) {
    await pool.query(
      `INSERT INTO hocuspocus_document (name, data) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET data = EXCLUDED.data, updated_at = now()`,
      [documentName, Buffer.from(Y.encodeStateAsUpdate(document))],
    );
  },
});
await server.listen();
console.log('ready');
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.destroy().finally(() => process.exit(0)));
