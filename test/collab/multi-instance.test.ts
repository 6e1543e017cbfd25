/**
 * Two server processes on one Postgres. With Redis (REDIS_URL, default redis://127.0.0.1:6379,
 * a unique stream/channel prefix per run) broadcasts, membership changes and awareness cross
 * instances at once; without Redis the instances only share Postgres and clients converge through
 * the periodic state-vector resync alone. In both, a broadcast dropped on purpose heals through
 * resync. Needs the compiled server: `npx tsc -b server`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CollabProvider, createCollabSocket, type CollabSocket } from '@lagebild/shared/collab-client';
import { randomBytes } from 'node:crypto';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { DEMO_USERS, DEMO_WORKSPACE } from '../../seeds/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import {
  CANVAS,
  connect,
  login,
  record,
  redisReachable,
  reloadFromPostgres,
  request,
  startServerProcess,
  waitFor,
  wire,
  type ServerProcess,
} from './helpers.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

// On a machine without Redis only the resync-only variant runs.
const withRedis = await redisReachable(REDIS_URL);

type Client = { socket: CollabSocket; provider: CollabProvider; doc: Y.Doc };
const content = (doc: Y.Doc) => JSON.stringify(Object.entries(doc.getMap('annotations').toJSON()).sort(([a], [b]) => a.localeCompare(b)));

function variant(name: string, env: (prefix: string) => Record<string, string>, options: { redis: boolean; resyncMs: number }) {
  describe(name, () => {
    let db: TestDatabase;
    let a: ServerProcess;
    let b: ServerProcess;
    let tokens: { coordinator: string; editor: string; viewer: string };
    const clients: Client[] = [];

    beforeAll(async () => {
      db = await createTestDatabase();
      const prefix = `lagebild:test:${randomBytes(6).toString('hex')}`;
      [a, b] = await Promise.all([
        startServerProcess({ databaseUrl: db.url, env: env(prefix) }),
        startServerProcess({ databaseUrl: db.url, env: env(prefix) }),
      ]);
      tokens = {
        coordinator: await login(a.baseUrl, 'coordinator'),
        editor: await login(b.baseUrl, 'editor'),
        viewer: await login(b.baseUrl, 'viewer'),
      };
    }, 60_000);
    afterAll(async () => {
      for (const c of clients) {
        c.provider.destroy();
        c.socket.disconnect();
      }
      await Promise.all([a?.kill(), b?.kill()]);
      await db?.drop();
    });

    function open(server: ServerProcess, token: string): Client {
      const socket = createCollabSocket({ url: server.baseUrl, token });
      const doc = new Y.Doc();
      const client = { socket, doc, provider: new CollabProvider({ socket, doc, docId: CANVAS }) };
      clients.push(client);
      return client;
    }

    it('clients on either instance converge, to what Postgres holds', async () => {
      const onA = [open(a, tokens.coordinator), open(a, tokens.editor), open(a, tokens.coordinator)];
      const onB = [open(b, tokens.editor), open(b, tokens.coordinator), open(b, tokens.editor)];
      const all = [...onA, ...onB];
      await Promise.all(all.map((c) => c.provider.whenSynced()));
      for (let round = 0; round < 20; round++) {
        all.forEach((c, i) => c.doc.getMap('annotations').set(`c${i}-r${round}`, round));
        all[round % all.length]!.doc.getMap('annotations').set('contested', round);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await waitFor(() => all.every((c) => !c.provider.unsynced), 'every edit to be acked', 20_000);
      await waitFor(() => all.every((c) => content(c.doc) === content(all[0]!.doc)), 'the six documents to converge', options.resyncMs * 3 + 10_000);
      expect(Object.keys(all[0]!.doc.getMap('annotations').toJSON())).toHaveLength(6 * 20 + 1);
      expect(content(await reloadFromPostgres(db.url, CANVAS))).toBe(content(all[0]!.doc));
    }, 60_000);

    it('heals a broadcast dropped on purpose through the periodic resync', async () => {
      const writer = open(a, tokens.coordinator);
      const reader = open(b, tokens.editor);
      await Promise.all([writer.provider.whenSynced(), reader.provider.whenSynced()]);
      const listeners = reader.socket.listeners('doc:update');
      reader.socket.off('doc:update');
      writer.doc.getMap('annotations').set('dropped', 'and healed');
      await waitFor(() => !writer.provider.unsynced, 'the ack of the writer');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(reader.doc.getMap('annotations').get('dropped')).toBeUndefined();
      for (const listener of listeners) reader.socket.on('doc:update', listener as never);
      // Nothing broadcasts that key again: only the reader's periodic resync can bring it.
      await waitFor(() => reader.doc.getMap('annotations').get('dropped') === 'and healed', 'the resync', options.resyncMs * 2 + 5_000);
    }, 60_000);

    if (options.redis) {
      it('relays an edit from one instance to a client on the other at once, well before any resync', async () => {
        const writer = open(a, tokens.coordinator);
        const reader = open(b, tokens.editor);
        await Promise.all([writer.provider.whenSynced(), reader.provider.whenSynced()]);
        const started = Date.now();
        writer.doc.getMap('annotations').set('fast', true);
        await waitFor(() => reader.doc.getMap('annotations').get('fast') === true, 'the cross-instance broadcast', 3_000);
        expect(Date.now() - started).toBeLessThan(options.resyncMs / 2);
      });

      it('follows a revoked membership at once on the other instance, and shares awareness across instances', async () => {
        const viewer = await connect(b.baseUrl, tokens.viewer);
        expect(await request(viewer, 'doc:join', { docId: CANVAS })).toMatchObject({ ok: true, role: 'viewer' });
        const presenter = await connect(a.baseUrl, tokens.coordinator);
        await request(presenter, 'doc:join', { docId: CANVAS });
        const doc = new Y.Doc();
        const awareness = new Awareness(doc);
        awareness.setLocalState({ user: { color: '#009E73' }, view: { indicator: 'sgb2_rate' } });
        presenter.emit('awareness:update', { docId: CANVAS, update: wire(encodeAwarenessUpdate(awareness, [doc.clientID])) });
        // awareness:sync on instance B knows the presenter connected to instance A
        await waitFor(async () => {
          const answer = await request<{ update: Buffer }>(viewer, 'awareness:sync', { docId: CANVAS });
          const seen = new Awareness(new Y.Doc());
          applyAwarenessUpdate(seen, answer.update, 'test');
          const found =
            (seen.getStates().get(doc.clientID) as { user?: { name?: string } } | undefined)?.user?.name === DEMO_USERS.coordinator.displayName;
          seen.destroy();
          return found;
        }, 'the presenter in awareness:sync on the other instance');
        awareness.destroy();

        const revoked = record<{ docId: string; code: string }>(viewer, 'doc:revoked');
        const response = await fetch(`${a.baseUrl}/api/workspaces/${DEMO_WORKSPACE.id}/members/${DEMO_USERS.viewer.id}`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${tokens.coordinator}` },
        });
        expect(response.status).toBe(204);
        await waitFor(() => revoked.length === 1, 'doc:revoked on the other instance', 3_000);
        expect(revoked[0]).toMatchObject({ docId: CANVAS, code: 'FORBIDDEN' });
        expect(await request(viewer, 'doc:join', { docId: CANVAS })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
        viewer.disconnect();
        presenter.disconnect();
      });
    }
  });
}

if (withRedis) {
  variant('two instances with Redis', (prefix) => ({ REDIS_URL, COLLAB_REDIS_PREFIX: prefix, COLLAB_RESYNC_INTERVAL_MS: '4000' }), {
    redis: true,
    resyncMs: 4_000,
  });
} else {
  console.warn(`multi-instance: no Redis at ${REDIS_URL}; running the resync-only variant alone`);
}
variant('two instances without Redis (resync only)', () => ({ COLLAB_RESYNC_INTERVAL_MS: '700' }), { redis: false, resyncMs: 700 });
