/**
 * Durability with a real server process: writers pipeline updates, the server is killed with
 * SIGKILL in the very callback of an ack (while compactions run), and after a restart on the same
 * database every acknowledged update is there. Needs the compiled server: `npx tsc -b server`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import * as Y from 'yjs';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { CANVAS, connect, login, reloadFromPostgres, request, startServerProcess, waitFor, wire, type ServerProcess } from './helpers.js';

let db: TestDatabase;
let server: ServerProcess | null = null;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await server?.kill('SIGKILL');
  await db.drop();
});

describe('durability', () => {
  it('keeps every acked update after SIGKILL right after the acks, and works on after a restart', async () => {
    // Compaction every 40 rows without waiting for quiet, so the kill may also hit a compaction transaction.
    server = await startServerProcess({
      databaseUrl: db.url,
      env: { COLLAB_COMPACT_AFTER_UPDATES: '40', COLLAB_COMPACT_QUIET_MS: '0', COLLAB_UPDATES_PER_SECOND: '5000', COLLAB_UPDATE_BURST: '5000' },
    });
    const tokens = [await login(server.baseUrl, 'coordinator'), await login(server.baseUrl, 'editor')];
    const acked = new Set<string>();
    const sent = new Set<string>();
    let killedAt = 0;
    const target = 400;

    const writers = await Promise.all(
      [0, 1, 2, 3].map(async (w) => {
        const socket = await connect(server!.baseUrl, tokens[w % 2]);
        expect(await request(socket, 'doc:join', { docId: CANVAS })).toMatchObject({ ok: true });
        return { socket, doc: new Y.Doc(), w };
      }),
    );
    const victim = server;
    const writing = writers.map(async ({ socket, doc, w }) => {
      for (let n = 0; !killedAt && n < 5_000; n++) {
        const key = `w${w}-${n}`;
        let update: Uint8Array | null = null;
        doc.once('update', (u: Uint8Array) => (update = u));
        doc.getMap('annotations').set(key, n);
        sent.add(key);
        socket.emit('doc:update', { docId: CANVAS, update: wire(update!) }, (ack: { ok: boolean }) => {
          if (!ack.ok || killedAt) return;
          acked.add(key);
          // Kill in the ack callback itself: whatever was acked must already be in Postgres.
          if (acked.size >= target) {
            killedAt = acked.size;
            victim.child.kill('SIGKILL');
          }
        });
        if (n % 8 === 7) await new Promise((resolve) => setTimeout(resolve, 1));
      }
    });
    await Promise.all(writing);
    await server.kill('SIGKILL');
    for (const { socket } of writers) socket.disconnect();
    expect(killedAt).toBeGreaterThanOrEqual(target);
    expect(server.child.signalCode).toBe('SIGKILL');

    // Restart on the same database: the sessions survive too, so the same tokens work.
    server = await startServerProcess({ databaseUrl: db.url });
    const reader = await connect(server.baseUrl, tokens[0]);
    expect(await request(reader, 'doc:join', { docId: CANVAS })).toMatchObject({ ok: true });
    const answer = await request<{ update: Buffer }>(reader, 'doc:sync', { docId: CANVAS, stateVector: wire(new Uint8Array([0])) });
    const restored = new Y.Doc();
    Y.applyUpdate(restored, answer.update);
    const stored = restored.getMap('annotations');
    const missing = [...acked].filter((key) => !stored.has(key));
    expect(missing).toEqual([]);
    // Postgres alone (snapshot + log, read outside the server) holds the same.
    const fromDb = (await reloadFromPostgres(db.url, CANVAS)).getMap('annotations');
    expect([...acked].filter((key) => !fromDb.has(key))).toEqual([]);
    // Updates sent but never acked may or may not have made it; nothing else appeared.
    for (const key of stored.keys()) expect(sent.has(key)).toBe(true);

    // The restarted server takes writes again.
    const more = new Y.Doc();
    Y.applyUpdate(more, answer.update);
    let update: Uint8Array | null = null;
    more.once('update', (u: Uint8Array) => (update = u));
    more.getMap('annotations').set('after-restart', true);
    expect(await request(reader, 'doc:update', { docId: CANVAS, update: wire(update!) })).toEqual({ ok: true });
    await waitFor(async () => (await reloadFromPostgres(db.url, CANVAS)).getMap('annotations').get('after-restart') === true, 'the new write');
    reader.disconnect();
    await server.kill();
  }, 120_000);

  it('never acks before the commit: with the log table locked no ack arrives, and a kill then loses no acked update', async () => {
    server = await startServerProcess({ databaseUrl: db.url });
    const token = await login(server.baseUrl, 'editor');
    const socket = await connect(server.baseUrl, token);
    expect(await request(socket, 'doc:join', { docId: CANVAS })).toMatchObject({ ok: true });
    const doc = new Y.Doc();
    const acked = new Set<string>();
    const send = (key: string) => {
      let update: Uint8Array | null = null;
      doc.once('update', (u: Uint8Array) => (update = u));
      doc.getMap('annotations').set(key, true);
      socket.emit('doc:update', { docId: CANVAS, update: wire(update!) }, (ack: { ok: boolean }) => ack.ok && acked.add(key));
    };
    for (let i = 0; i < 20; i++) send(`before-lock-${i}`);
    await waitFor(() => acked.size === 20, 'the first acks');

    // Block every INSERT into the log: a server that acked before committing would ack anyway.
    const locker = new pg.Client({ connectionString: db.url });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE doc_update IN SHARE ROW EXCLUSIVE MODE');
    for (let i = 0; i < 20; i++) send(`during-lock-${i}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const ackedDuringLock = [...acked].filter((key) => key.startsWith('during-lock'));
    await server.kill('SIGKILL');
    await locker.query('COMMIT');
    await locker.end();
    socket.disconnect();
    expect(ackedDuringLock).toEqual([]);

    const stored = (await reloadFromPostgres(db.url, CANVAS)).getMap('annotations');
    expect([...acked].filter((key) => !stored.has(key))).toEqual([]);
  }, 60_000);
});
