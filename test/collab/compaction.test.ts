/**
 * Compaction of the update log into the snapshot: under concurrent writes nothing is lost, it
 * waits for the per-document advisory lock, it runs in one transaction, and it is gc'd. A due
 * document waits for a quiet moment (up to a maximum wait) before it is folded.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CollabProvider, createCollabSocket, type CollabSocket } from '@lagebild/shared/collab-client';
import { minutesDocId } from '@lagebild/shared';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import * as Y from 'yjs';
import { DEMO_USERS, DEMO_WORKSPACE } from '../../seeds/index.js';
import { DocCompactor } from '../../server/src/collab/doc-compactor.js';
import { poolDb, runDocTask } from '../../server/src/collab/doc-ops.js';
import { DocStore } from '../../server/src/collab/doc-store.js';
import { loadConfig, type AppConfig } from '../../server/src/config/app-config.js';
import { APP_CONFIG } from '../../server/src/config/config.module.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { CANVAS, connect, countRows, mapUpdate, reloadFromPostgres, request, sleep, waitFor, wire } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ collab: { ...loadConfig({}).collab, compactAfterUpdates: 25, compactAfterBytes: 1024 * 1024 } });
});
afterAll(async () => {
  await t.close();
});

const logRows = () => countRows(t.database.url, `SELECT count(*)::int AS count FROM doc_update WHERE doc_id = $1`, [CANVAS]);

describe('compaction', () => {
  it('loses nothing while three writers write and compactions run from this and a second "instance"', async () => {
    const writers: { socket: CollabSocket; provider: CollabProvider; doc: Y.Doc }[] = [];
    for (const user of ['coordinator', 'editor', 'coordinator'] as const) {
      const socket = createCollabSocket({ url: t.baseUrl, token: await t.login(user) });
      const doc = new Y.Doc();
      writers.push({ socket, doc, provider: new CollabProvider({ socket, doc, docId: CANVAS }) });
    }
    await Promise.all(writers.map((w) => w.provider.whenSynced()));

    // The document operations on a pool of their own stand in for another server instance.
    const otherPool = new pg.Pool({ connectionString: t.database.url, max: 2 });
    const otherInstance = poolDb(otherPool);
    const compactor = t.app.get(DocCompactor);
    let compactions = 0;
    let writing = true;
    const compacting = (async () => {
      while (writing) {
        const [here, there] = await Promise.all([
          compactor.compactNow(CANVAS),
          runDocTask(otherInstance, { op: 'compact', docId: CANVAS, maxRows: 20_000 }),
        ]);
        compactions += Number(here.merged > 0) + Number(there.merged > 0);
        await sleep(5);
      }
    })();

    for (let round = 0; round < 100; round++) {
      writers.forEach((w, i) => {
        w.doc.getMap('annotations').set(`w${i}-${round}`, round);
        if (round % 10 === 0) w.doc.getText('minutes').insert(0, `r${round}w${i} `);
      });
      await sleep(2);
    }
    await waitFor(() => writers.every((w) => !w.provider.unsynced), 'every write to be acked', 20_000);
    writing = false;
    await compacting;
    await otherPool.end();

    expect(compactions).toBeGreaterThan(3);
    const stored = await reloadFromPostgres(t.database.url, CANVAS);
    const annotations = stored.getMap('annotations').toJSON();
    for (let round = 0; round < 100; round++) for (let i = 0; i < 3; i++) expect(annotations[`w${i}-${round}`]).toBe(round);
    expect(stored.getText('minutes').length).toBe(writers[0]!.doc.getText('minutes').length);
    for (const w of writers) {
      w.provider.destroy();
      w.socket.disconnect();
    }
  });

  it('waits for the advisory lock of the document and runs as one transaction', async () => {
    const socket = await connect(t.baseUrl, await t.login('editor'));
    await request(socket, 'doc:join', { docId: CANVAS });
    const holder = new pg.Client({ connectionString: t.database.url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock(71110001, hashtext($1))', [CANVAS]);

    const doc = new Y.Doc();
    const sent: Promise<unknown>[] = [];
    doc.on('update', (u: Uint8Array) => sent.push(request(socket, 'doc:update', { docId: CANVAS, update: wire(u) })));
    for (let i = 0; i < 5; i++) doc.getMap('annotations').set(`locked-${i}`, i);
    await Promise.all(sent); // writes never wait for the compaction lock
    let finished = false;
    const compaction = t.app
      .get(DocCompactor)
      .compactNow(CANVAS)
      .then((r) => ((finished = true), r));
    try {
      await sleep(300);
      expect(finished).toBe(false);
      // (the five updates of one sender in one event-loop turn were stored as one row)
      expect(await logRows()).toBeGreaterThanOrEqual(1);
    } finally {
      await holder.query('COMMIT');
      await holder.end();
    }
    await compaction;
    expect(await logRows()).toBe(0);
    expect(Object.keys((await reloadFromPostgres(t.database.url, CANVAS)).getMap('annotations').toJSON())).toEqual(
      expect.arrayContaining(['locked-0', 'locked-4']),
    );

    // A compaction that fails half-way (here: its DELETE) rolls back completely: the snapshot
    // is not replaced and no row is lost. (A document the compactor does not watch, so no
    // automatic compaction interferes.)
    const pool = new pg.Pool({ connectionString: t.database.url, max: 2 });
    const db = poolDb(pool);
    const docId = minutesDocId(randomUUID());
    await t.app.get(DocStore).ensureDoc(docId, DEMO_WORKSPACE.id, 'minutes');
    await t.app.get(DocStore).append([{ docId, update: Y.encodeStateAsUpdate(doc), userId: null }]);
    await runDocTask(db, { op: 'compact', docId, maxRows: 100 });
    await t.app.get(DocStore).append([{ docId, update: mapUpdate('later', 2), userId: null }]);
    const before = await t.dataSource.query(`SELECT generation, state FROM doc_snapshot WHERE doc_id = $1`, [docId]);
    const failingDelete: typeof db = {
      query: db.query,
      transaction: (work) =>
        db.transaction((tx) =>
          work({
            ...tx,
            query: (sql, params) => (sql.startsWith('DELETE') ? Promise.reject(new Error('connection lost')) : tx.query(sql, params)),
          }),
        ),
    };
    await expect(runDocTask(failingDelete, { op: 'compact', docId, maxRows: 100 })).rejects.toThrow('connection lost');
    expect(await countRows(t.database.url, `SELECT count(*)::int AS count FROM doc_update WHERE doc_id = $1`, [docId])).toBe(1);
    expect(await t.dataSource.query(`SELECT generation, state FROM doc_snapshot WHERE doc_id = $1`, [docId])).toEqual(before);
    await pool.end();
    socket.disconnect();
  });

  it('garbage-collects deleted content into a small snapshot', async () => {
    const socket = await connect(t.baseUrl, await t.login('editor'));
    await request(socket, 'doc:join', { docId: CANVAS });
    const doc = new Y.Doc();
    const sent: Promise<unknown>[] = [];
    doc.on('update', (u: Uint8Array) => sent.push(request(socket, 'doc:update', { docId: CANVAS, update: wire(u) })));
    // Sync first so the edits build on the stored document.
    const answer = await request<{ update: Buffer }>(socket, 'doc:sync', { docId: CANVAS, stateVector: wire(new Uint8Array([0])) });
    Y.applyUpdate(doc, answer.update, 'server');
    sent.length = 0;
    const secret = 'vertraulicher Entwurf '.repeat(2000);
    doc.getText('draft').insert(0, secret);
    doc.getText('draft').delete(0, secret.length);
    await Promise.all(sent);
    await t.app.get(DocCompactor).compactNow(CANVAS);
    const [snapshot] = await t.dataSource.query(`SELECT state FROM doc_snapshot WHERE doc_id = $1`, [CANVAS]);
    expect((snapshot.state as Buffer).includes(Buffer.from('vertraulicher'))).toBe(false);
    expect((snapshot.state as Buffer).length).toBeLessThan(secret.length / 4);
    expect((await reloadFromPostgres(t.database.url, CANVAS)).getText('draft').toString()).toBe('');
    socket.disconnect();
  });

  it('folds the log into the snapshot once the last client of the document has left', async () => {
    const compactor = t.app.get(DocCompactor);
    await compactor.compactNow(CANVAS);
    const [first, second] = [await connect(t.baseUrl, await t.login('editor')), await connect(t.baseUrl, await t.login('coordinator'))];
    for (const socket of [first, second]) expect(await request(socket, 'doc:join', { docId: CANVAS })).toMatchObject({ ok: true });
    // Fewer rows than the threshold (25 here), each its own acked update.
    for (let i = 0; i < 4; i++) {
      expect(await request(first, 'doc:update', { docId: CANVAS, update: wire(mapUpdate(`idle-${i}`, i)) })).toEqual({ ok: true });
    }
    expect(await logRows()).toBe(4);
    first.emit('doc:leave', { docId: CANVAS });
    await sleep(400);
    expect(await logRows()).toBe(4); // someone still has the document open
    second.disconnect();
    await waitFor(async () => (await logRows()) === 0, 'the compaction after the last leave');
    const stored = (await reloadFromPostgres(t.database.url, CANVAS)).getMap('annotations');
    expect([0, 1, 2, 3].map((i) => stored.get(`idle-${i}`))).toEqual([0, 1, 2, 3]);
    first.disconnect();
  });

  it('counts a client whose membership turned out lost on a write as gone: the last one folds the log', async () => {
    // Roles re-read on every write, so the lost membership shows on the next one.
    const strict = await startTestApp({ collab: { ...loadConfig({}).collab, compactAfterUpdates: 25, roleRecheckMs: 0 } });
    try {
      const rows = () => countRows(strict.database.url, `SELECT count(*)::int AS count FROM doc_update WHERE doc_id = $1`, [CANVAS]);
      await strict.app.get(DocCompactor).compactNow(CANVAS);
      const editor = await connect(strict.baseUrl, await strict.login('editor'));
      expect(await request(editor, 'doc:join', { docId: CANVAS })).toMatchObject({ ok: true });
      for (let i = 0; i < 3; i++) {
        expect(await request(editor, 'doc:update', { docId: CANVAS, update: wire(mapUpdate(`lost-${i}`, i)) })).toEqual({ ok: true });
      }
      expect(await rows()).toBe(3);
      // Removed behind the server's back (no membership event reaches it).
      await strict.dataSource.query(`DELETE FROM membership WHERE workspace_id = $1 AND user_id = $2`, [DEMO_WORKSPACE.id, DEMO_USERS.editor.id]);
      expect(await request(editor, 'doc:update', { docId: CANVAS, update: wire(mapUpdate('refused', 1)) })).toMatchObject({ code: 'FORBIDDEN' });
      await waitFor(async () => (await rows()) === 0, 'the compaction after the last client lost its role');
      const stored = (await reloadFromPostgres(strict.database.url, CANVAS)).getMap('annotations');
      expect([0, 1, 2].map((i) => stored.get(`lost-${i}`))).toEqual([0, 1, 2]);
      expect(stored.get('refused')).toBeUndefined();
      editor.disconnect();
    } finally {
      await strict.close();
    }
  });
  it('waits until nobody writes to a due document for the quiet time, and no longer than the maximum wait', async () => {
    const collab = { ...loadConfig({}).collab, compactAfterUpdates: 10, compactQuietMs: 700, compactMaxWaitMs: 60_000 };
    const paced = await startTestApp({ collab });
    try {
      const rows = () => countRows(paced.database.url, `SELECT count(*)::int AS count FROM doc_update WHERE doc_id = $1`, [CANVAS]);
      await paced.app.get(DocCompactor).compactNow(CANVAS);
      const [writer, watcher] = [
        await connect(paced.baseUrl, await paced.login('editor')),
        await connect(paced.baseUrl, await paced.login('coordinator')),
      ];
      // The watcher keeps the document open, so no "last client left" compaction interferes.
      for (const socket of [writer, watcher]) expect(await request(socket, 'doc:join', { docId: CANVAS })).toMatchObject({ ok: true });
      const writeFor = async (prefix: string, count: number) => {
        for (let i = 0; i < count; i++) {
          expect(await request(writer, 'doc:update', { docId: CANVAS, update: wire(mapUpdate(`${prefix}-${i}`, i)) })).toEqual({ ok: true });
          await sleep(40);
        }
      };

      // 40 rows, four times the threshold, with never more than ~100 ms between two writes: all still in the log.
      await writeFor('busy', 40);
      expect(await rows()).toBe(40);
      // Quiet: folded within the quiet time (plus the compaction itself).
      await waitFor(async () => (await rows()) === 0, 'the compaction once the document is quiet', 5_000);

      // With a maximum wait shorter than the burst, the burst itself is folded along the way.
      paced.app.get<AppConfig>(APP_CONFIG).collab.compactMaxWaitMs = 300;
      await writeFor('long', 40);
      expect(await rows()).toBeLessThan(40);
      const stored = (await reloadFromPostgres(paced.database.url, CANVAS)).getMap('annotations');
      expect([...Array(40).keys()].every((i) => stored.get(`busy-${i}`) === i && stored.get(`long-${i}`) === i)).toBe(true);
      for (const socket of [writer, watcher]) socket.disconnect();
    } finally {
      await paced.close();
    }
  });
});
