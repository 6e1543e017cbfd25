/**
 * The contract of issue 5, point by point, with real socket.io-client + yjs clients against the
 * real AppModule (see docs/protocol.md). Process-level guarantees (SIGKILL, two instances,
 * convergence) are in the other files of this folder.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { CollabEvent, canvasDocId, minutesDocId, type EntityChanged } from '@lagebild/shared';
import { addAnnotation, readAnnotations, type CollabSocket } from '@lagebild/shared/collab-client';
import { randomUUID } from 'node:crypto';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { DEMO_USERS, DEMO_WORKSPACE } from '../../seeds/index.js';
import { DocCompactor } from '../../server/src/collab/doc-compactor.js';
import { EntityEvents } from '../../server/src/collab/entity-events.js';
import { startTestApp, tableCounts, type TestApp } from '../helpers/app.js';
import { CANVAS, connect, mapUpdate, record, request, sleep, waitFor, wire } from './helpers.js';

let t: TestApp;
const OTHER_WORKSPACE = '6b1c3a52-1f0e-4d2a-9c51-0d6f5e7a9901';
const sockets: CollabSocket[] = [];
/** y-protocols Awareness runs an interval until destroyed. */
const awarenesses: Awareness[] = [];
const newAwareness = (doc = new Y.Doc()): Awareness => {
  const awareness = new Awareness(doc);
  awarenesses.push(awareness);
  return awareness;
};

beforeAll(async () => {
  t = await startTestApp();
  // A second workspace in which only the viewer is a member: its canvas is "another workspace's doc".
  await t.dataSource.query(`INSERT INTO workspace (id, name) VALUES ($1, 'Bauverwaltung (Test)')`, [OTHER_WORKSPACE]);
  await t.dataSource.query(`INSERT INTO membership (workspace_id, user_id, role) VALUES ($1, $2, 'coordinator')`, [
    OTHER_WORKSPACE,
    DEMO_USERS.viewer.id,
  ]);
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  for (const awareness of awarenesses.splice(0)) awareness.destroy();
});
afterAll(async () => {
  await t.close();
});

async function client(user: 'coordinator' | 'editor' | 'commenter' | 'viewer', join = true): Promise<CollabSocket> {
  const socket = await connect(t.baseUrl, await t.login(user));
  sockets.push(socket);
  if (join) expect(await request(socket, 'doc:join', { docId: CANVAS })).toMatchObject({ ok: true });
  return socket;
}

/**
 * How many updates were ever appended to the log (its sequence), so that "nothing was stored"
 * holds even when the compaction after a client's leave folds rows meanwhile.
 */
const storedUpdates = async (): Promise<number> =>
  Number((await t.dataSource.query(`SELECT coalesce(last_value, 0) AS n FROM pg_sequences WHERE sequencename = 'doc_update_seq_seq'`))[0].n);

async function serverDoc(docId = CANVAS): Promise<Y.Doc> {
  const viewer = await client('viewer', false);
  await request(viewer, 'doc:join', { docId });
  const answer = await request<{ update: Buffer }>(viewer, 'doc:sync', { docId, stateVector: wire(new Uint8Array([0])) });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, answer.update);
  return doc;
}

describe('connection', () => {
  it('refuses a socket without a token, with a wrong token and with a foreign origin cookie', async () => {
    await expect(connect(t.baseUrl)).rejects.toMatchObject({
      message: 'UNAUTHENTICATED',
      data: { code: 'UNAUTHENTICATED', message: 'Anmeldung erforderlich.' },
    });
    await expect(connect(t.baseUrl, 'x'.repeat(43))).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
    const token = await t.login('editor');
    await expect(
      connect(t.baseUrl, undefined, { headers: { cookie: `lagebild_session=${token}`, origin: 'https://evil.example' } }),
    ).rejects.toMatchObject({
      data: { code: 'FORBIDDEN' },
    });
  });

  it('refuses in the language the handshake asks for: auth.language first, then Accept-Language, else German', async () => {
    await expect(connect(t.baseUrl, undefined, { language: 'en' })).rejects.toMatchObject({
      data: { code: 'UNAUTHENTICATED', message: 'Please log in.' },
    });
    await expect(connect(t.baseUrl, undefined, { headers: { 'accept-language': 'en-GB,en;q=0.9' } })).rejects.toMatchObject({
      data: { code: 'UNAUTHENTICATED', message: 'Please log in.' },
    });
    const token = await t.login('editor');
    const english = await connect(t.baseUrl, token, { language: 'en' });
    const german = await connect(t.baseUrl, token, { language: 'de', headers: { 'accept-language': 'en' } });
    sockets.push(english, german);
    const foreignDoc = { docId: canvasDocId(OTHER_WORKSPACE) };
    expect(await request(english, 'doc:join', foreignDoc)).toEqual({ ok: false, code: 'FORBIDDEN', message: 'No access to this document.' });
    expect(await request(german, 'doc:join', foreignDoc)).toEqual({ ok: false, code: 'FORBIDDEN', message: 'Kein Zugriff auf dieses Dokument.' });
    expect(await request(english, 'doc:sync', { docId: CANVAS, stateVector: wire(new Uint8Array([0])) })).toEqual({
      ok: false,
      code: 'NOT_JOINED',
      message: 'This document is not open (send doc:join first).',
    });
    expect(await request(english, 'doc:join', { docId: 42 })).toEqual({
      ok: false,
      code: 'INVALID_MESSAGE',
      message: 'The message is invalid: docId.',
    });
  });

  it('accepts the accessToken in auth.token and the session cookie of the same origin', async () => {
    const bearer = await connect(t.baseUrl, await t.login('editor'));
    sockets.push(bearer);
    expect(bearer.connected).toBe(true);
    const response = await fetch(`${t.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEMO_USERS.commenter.email, password: 'lagebild-demo' }),
    });
    const cookie = response.headers
      .getSetCookie()
      .find((c) => c.startsWith('lagebild_session='))!
      .split(';')[0]!;
    const viaCookie = await connect(t.baseUrl, undefined, { headers: { cookie, origin: t.baseUrl } });
    sockets.push(viaCookie);
    expect(await request(viaCookie, 'doc:join', { docId: CANVAS })).toMatchObject({ ok: true, role: 'commenter', readOnly: true });
  });
});

describe('doc:join', () => {
  it('answers role and read-only flag: coordinators and editors write, commenters and viewers read', async () => {
    for (const [user, readOnly] of [
      ['coordinator', false],
      ['editor', false],
      ['commenter', true],
      ['viewer', true],
    ] as const) {
      const socket = await client(user, false);
      expect(await request(socket, 'doc:join', { docId: CANVAS })).toEqual({
        ok: true,
        role: user,
        readOnly,
        resyncIntervalMs: expect.any(Number),
        maxUpdateBytes: expect.any(Number),
      });
    }
  });

  it("answers FORBIDDEN for another workspace's doc and for a workspace that does not exist, and writes nothing", async () => {
    const before = await tableCounts(t.dataSource);
    const editor = await client('editor', false);
    for (const docId of [canvasDocId(OTHER_WORKSPACE), canvasDocId(randomUUID())]) {
      expect(await request(editor, 'doc:join', { docId })).toEqual({ ok: false, code: 'FORBIDDEN', message: 'Kein Zugriff auf dieses Dokument.' });
    }
    // Not joined, so nothing of that doc reaches the socket either.
    expect(await request(editor, 'doc:sync', { docId: canvasDocId(OTHER_WORKSPACE), stateVector: wire(new Uint8Array([0])) })).toMatchObject({
      ok: false,
      code: 'NOT_JOINED',
    });
    expect(await tableCounts(t.dataSource)).toEqual(before);
  });

  it('answers NOT_FOUND for unknown documents, including session minutes until sessions exist', async () => {
    const before = await tableCounts(t.dataSource);
    const editor = await client('editor', false);
    for (const docId of [
      'workspace/abc/canvas',
      `workspace/${DEMO_WORKSPACE.id}/map`,
      `WORKSPACE/${DEMO_WORKSPACE.id}/canvas`,
      minutesDocId(randomUUID()),
      'a'.repeat(100),
    ]) {
      expect(await request(editor, 'doc:join', { docId })).toEqual({ ok: false, code: 'NOT_FOUND', message: 'Dieses Dokument gibt es nicht.' });
    }
    expect(await tableCounts(t.dataSource)).toEqual(before);
  });
});

describe('doc:sync', () => {
  it('answers what the client lacks, diffed against its state vector, and the server state vector', async () => {
    const writer = await client('editor');
    const author = new Y.Doc();
    const updates: Uint8Array[] = [];
    author.on('update', (u: Uint8Array) => updates.push(u));
    author.getMap('annotations').set('sync-a', 'A');
    author.getMap('annotations').set('sync-b', 'B');
    for (const update of updates) expect(await request(writer, 'doc:update', { docId: CANVAS, update: wire(update) })).toEqual({ ok: true });

    const reader = await client('viewer');
    // The reader already has the first update: the answer must bring only the rest.
    const partial = new Y.Doc();
    Y.applyUpdate(partial, updates[0]!);
    const answer = await request<{ ok: true; update: Buffer; stateVector: Buffer }>(reader, 'doc:sync', {
      docId: CANVAS,
      stateVector: wire(Y.encodeStateVector(partial)),
    });
    expect(answer.ok).toBe(true);
    expect(Buffer.isBuffer(answer.update) && Buffer.isBuffer(answer.stateVector)).toBe(true);
    const full = await request<{ update: Buffer }>(reader, 'doc:sync', { docId: CANVAS, stateVector: wire(new Uint8Array([0])) });
    expect(answer.update.length).toBeLessThan(full.update.length);
    expect(Y.decodeUpdate(answer.update).structs.some((s) => s.id.client === author.clientID && s.id.clock === 0)).toBe(false);
    Y.applyUpdate(partial, answer.update);
    expect(partial.getMap('annotations').get('sync-b')).toBe('B');
    expect(Y.decodeStateVector(answer.stateVector).get(author.clientID)).toBe(Y.decodeStateVector(Y.encodeStateVector(author)).get(author.clientID));
  });

  it('lets a client see from the state vector what the server lacks, so it can push it', async () => {
    const offline = new Y.Doc();
    offline.getMap('annotations').set('pushed-after-sync', true);
    const socket = await client('editor');
    const answer = await request<{ stateVector: Buffer }>(socket, 'doc:sync', { docId: CANVAS, stateVector: wire(Y.encodeStateVector(offline)) });
    expect(Y.decodeStateVector(answer.stateVector).has(offline.clientID)).toBe(false);
    const missing = Y.encodeStateAsUpdate(offline, answer.stateVector);
    expect(await request(socket, 'doc:update', { docId: CANVAS, update: wire(missing) })).toEqual({ ok: true });
    expect((await serverDoc()).getMap('annotations').get('pushed-after-sync')).toBe(true);
  });

  it('refuses a malformed state vector', async () => {
    const socket = await client('viewer');
    expect(await request(socket, 'doc:sync', { docId: CANVAS, stateVector: wire(new Uint8Array([200, 200, 200])) })).toMatchObject({
      ok: false,
      code: 'INVALID_MESSAGE',
    });
    expect(await request(socket, 'doc:sync', { docId: CANVAS, stateVector: 'AAA=' })).toMatchObject({ ok: false, code: 'INVALID_MESSAGE' });
  });
});

describe('doc:update', () => {
  it('acks only after the update is durably stored', async () => {
    const socket = await client('coordinator');
    const update = mapUpdate('durable', 42);
    const ack = await request(socket, 'doc:update', { docId: CANVAS, update: wire(update) });
    expect(ack).toEqual({ ok: true });
    // Read on another connection the moment the ack arrived: the row is committed.
    const rows: { update: Buffer; user_id: string }[] = await t.dataSource.query(`SELECT update, user_id FROM doc_update WHERE doc_id = $1`, [
      CANVAS,
    ]);
    const doc = new Y.Doc();
    for (const row of rows) Y.applyUpdate(doc, row.update);
    expect(doc.getMap('annotations').get('durable')).toBe(42);
    expect(rows.some((r) => r.user_id === DEMO_USERS.coordinator.id)).toBe(true);
  });

  it('reaches the other members of the doc and never comes back to the sender', async () => {
    const sender = await client('editor');
    const others = [await client('viewer'), await client('coordinator')];
    const senderSaw = record(sender, 'doc:update');
    const received = others.map((o) => record<{ docId: string; update: Buffer }>(o, 'doc:update'));
    const update = mapUpdate('no-echo', 'x');
    expect(await request(sender, 'doc:update', { docId: CANVAS, update: wire(update) })).toEqual({ ok: true });
    await waitFor(() => received.every((r) => r.length === 1), 'the broadcast to both others');
    for (const [message] of received) {
      expect(message!.docId).toBe(CANVAS);
      expect(Buffer.isBuffer(message!.update)).toBe(true);
      expect(Buffer.from(message!.update).equals(Buffer.from(update))).toBe(true);
    }
    await sleep(150);
    expect(senderSaw).toEqual([]);
  });

  it("refuses a viewer's and a commenter's update with READ_ONLY and stores nothing", async () => {
    for (const user of ['viewer', 'commenter'] as const) {
      const socket = await client(user);
      const before = await storedUpdates();
      expect(await request(socket, 'doc:update', { docId: CANVAS, update: wire(mapUpdate(`by-${user}`, 1)) })).toEqual({
        ok: false,
        code: 'READ_ONLY',
        message: 'Mit Ihrer Rolle können Sie dieses Dokument nur lesen, nicht ändern.',
      });
      expect(await storedUpdates()).toBe(before);
    }
    expect((await serverDoc()).getMap('annotations').has('by-viewer')).toBe(false);
  });

  it('answers NOT_JOINED before doc:join and after doc:leave', async () => {
    const socket = await client('editor', false);
    const before = await storedUpdates();
    expect(await request(socket, 'doc:update', { docId: CANVAS, update: wire(mapUpdate('early', 1)) })).toMatchObject({
      ok: false,
      code: 'NOT_JOINED',
    });
    await request(socket, 'doc:join', { docId: CANVAS });
    await request(socket, 'doc:leave', { docId: CANVAS });
    expect(await request(socket, 'doc:update', { docId: CANVAS, update: wire(mapUpdate('late', 1)) })).toMatchObject({
      ok: false,
      code: 'NOT_JOINED',
    });
    expect(await storedUpdates()).toBe(before);
  });
});

describe('doc:leave', () => {
  it('stops the broadcasts to the socket that left', async () => {
    const writer = await client('editor');
    const leaver = await client('viewer');
    const received = record(leaver, 'doc:update');
    leaver.emit('doc:leave', { docId: CANVAS });
    await sleep(100);
    await request(writer, 'doc:update', { docId: CANVAS, update: wire(mapUpdate('after-leave', 1)) });
    await sleep(150);
    expect(received).toEqual([]);
  });
});

describe('awareness', () => {
  function presence(name: string): { doc: Y.Doc; awareness: Awareness } {
    const doc = new Y.Doc();
    const awareness = newAwareness(doc);
    awareness.setLocalState({ user: { name, color: '#D55E00', id: randomUUID() }, cursor: { lon: 6.98, lat: 51.57 } });
    return { doc, awareness };
  }

  it('relays awareness to the others with the authenticated name, answers awareness:sync with the others, and stores nothing', async () => {
    // Earlier tests' clients left the canvas, which folds its log in the background: let that finish first.
    await t.app.get(DocCompactor).compactNow(CANVAS);
    const before = await tableCounts(t.dataSource);
    const a = await client('editor');
    const b = await client('viewer');
    const toA = record(a, 'awareness:update');
    const toB = record<{ docId: string; update: Buffer }>(b, 'awareness:update');
    const alice = presence('Jemand anderes');
    a.emit('awareness:update', { docId: CANVAS, update: wire(encodeAwarenessUpdate(alice.awareness, [alice.doc.clientID])) });
    await waitFor(() => toB.length === 1, 'the awareness relay');
    const seenByB = newAwareness();
    applyAwarenessUpdate(seenByB, toB[0]!.update, 'test');
    expect(seenByB.getStates().get(alice.doc.clientID)).toMatchObject({
      user: { id: DEMO_USERS.editor.id, name: DEMO_USERS.editor.displayName, color: '#D55E00' },
      cursor: { lon: 6.98, lat: 51.57 },
    });

    const c = await client('commenter');
    const bob = presence('B');
    b.emit('awareness:update', { docId: CANVAS, update: wire(encodeAwarenessUpdate(bob.awareness, [bob.doc.clientID])) });
    await waitFor(() => toA.length === 1, 'the second relay');
    const synced = await request<{ ok: true; update: Buffer }>(c, 'awareness:sync', { docId: CANVAS });
    const seenByC = newAwareness();
    applyAwarenessUpdate(seenByC, synced.update, 'test');
    const others = (awareness: Awareness) => [...awareness.getStates().keys()].filter((id) => id !== awareness.clientID).sort();
    expect(others(seenByC)).toEqual([alice.doc.clientID, bob.doc.clientID].sort());
    // Own states are not part of the answer.
    const own = await request<{ update: Buffer }>(a, 'awareness:sync', { docId: CANVAS });
    const seenByA = newAwareness();
    applyAwarenessUpdate(seenByA, own.update, 'test');
    expect(seenByA.getStates().has(alice.doc.clientID)).toBe(false);
    expect(await tableCounts(t.dataSource)).toEqual(before);
  });

  it("removes a socket's states when it disconnects", async () => {
    const a = await client('editor');
    const b = await client('viewer');
    const seenByB = newAwareness();
    b.on('awareness:update', ({ update }: { update: Buffer }) => applyAwarenessUpdate(seenByB, update, 'server'));
    const alice = presence('A');
    a.emit('awareness:update', { docId: CANVAS, update: wire(encodeAwarenessUpdate(alice.awareness, [alice.doc.clientID])) });
    await waitFor(() => seenByB.getStates().has(alice.doc.clientID), 'the presence of A');
    a.disconnect();
    await waitFor(() => !seenByB.getStates().has(alice.doc.clientID), 'the removal of A');
    const c = await client('commenter');
    const synced = await request<{ update: Buffer }>(c, 'awareness:sync', { docId: CANVAS });
    const seenByC = newAwareness();
    applyAwarenessUpdate(seenByC, synced.update, 'test');
    expect(seenByC.getStates().has(alice.doc.clientID)).toBe(false);
  });

  it("does not let one account take over another account's client id", async () => {
    const a = await client('editor');
    const b = await client('viewer');
    const c = await client('commenter');
    const seenByC = newAwareness();
    c.on('awareness:update', ({ update }: { update: Buffer }) => applyAwarenessUpdate(seenByC, update, 'server'));
    const alice = presence('A');
    a.emit('awareness:update', { docId: CANVAS, update: wire(encodeAwarenessUpdate(alice.awareness, [alice.doc.clientID])) });
    await waitFor(() => seenByC.getStates().has(alice.doc.clientID), 'the presence of A');
    // B replays A's client id with a higher clock and null state (an attempt to remove A).
    alice.awareness.setLocalState(null);
    b.emit('awareness:update', { docId: CANVAS, update: wire(encodeAwarenessUpdate(alice.awareness, [alice.doc.clientID])) });
    await sleep(200);
    expect(seenByC.getStates().get(alice.doc.clientID)).toMatchObject({ user: { name: DEMO_USERS.editor.displayName } });
  });
});

describe('canvas document schema', () => {
  it("keeps Y.Map('annotations') entries as Y.Maps that every reader validates, skipping invalid ones", async () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const id = addAnnotation(doc, {
      type: 'polygon',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [6.97, 51.56],
            [6.99, 51.56],
            [6.99, 51.58],
            [6.97, 51.56],
          ],
        ],
      },
      text: 'Quartier mit hohem Handlungsbedarf',
      color: '#0072B2',
      author: DEMO_USERS.editor.id,
      createdAt: new Date().toISOString(),
      areaKey: 'brauck',
      indicatorKey: 'sgb2_rate',
    });
    doc.getMap('annotations').set('broken', new Y.Map(Object.entries({ type: 'pin', geometry: { type: 'Point', coordinates: [999, 0] } })));
    const socket = await client('editor');
    for (const update of updates) expect(await request(socket, 'doc:update', { docId: CANVAS, update: wire(update) })).toEqual({ ok: true });
    const loaded = await serverDoc();
    expect(loaded.getMap('annotations').get(id)).toBeInstanceOf(Y.Map);
    const { annotations, invalid } = readAnnotations(loaded);
    expect(annotations.map((a) => a.id)).toContain(id);
    expect(annotations.find((a) => a.id === id)!.annotation).toMatchObject({
      type: 'polygon',
      areaKey: 'brauck',
      text: 'Quartier mit hohem Handlungsbedarf',
    });
    expect(invalid).toContain('broken');
    expect(() => addAnnotation(doc, { type: 'pin', geometry: { type: 'LineString', coordinates: [] }, text: '', color: 'red' } as never)).toThrow();
  });
});

describe('entity:changed', () => {
  it('reaches the room workspace/<id>: sockets with an open doc or a workspace:join, not others', async () => {
    const events = t.app.get(EntityEvents);
    const withDoc = await client('viewer');
    const subscribed = await client('editor', false);
    expect(await request(subscribed, 'workspace:join', { workspaceId: DEMO_WORKSPACE.id })).toEqual({ ok: true, role: 'editor' });
    const outsider = await client('coordinator', false);
    expect(await request(outsider, 'workspace:join', { workspaceId: OTHER_WORKSPACE })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const received = [withDoc, subscribed, outsider].map((s) => record<EntityChanged>(s, 'entity:changed'));
    const change = { workspaceId: DEMO_WORKSPACE.id, type: 'measure', id: 'm-17', action: 'updated' } as const;
    events.emit(change);
    await waitFor(() => received[0]!.length === 1 && received[1]!.length === 1, 'the entity event');
    expect(received[0]).toEqual([change]);
    await sleep(100);
    expect(received[2]).toEqual([]);
    expect(() => events.emit({ ...change, action: 'exploded' as never })).toThrow();
  });
});

describe('membership changes while connected', () => {
  async function api(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${t.baseUrl}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${await t.login('coordinator')}`, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
  }

  it('removes a revoked member from the doc at once; a demoted editor becomes read-only', async () => {
    const writer = await client('coordinator');
    const commenter = await client('commenter');
    const editor = await client('editor');
    const revoked = record<{ docId: string; code: string }>(commenter, CollabEvent.DocRevoked);
    const roles = record<{ docId: string; role: string; readOnly: boolean }>(editor, CollabEvent.DocRole);
    const commenterUpdates = record(commenter, 'doc:update');

    expect((await api('DELETE', `/workspaces/${DEMO_WORKSPACE.id}/members/${DEMO_USERS.commenter.id}`)).status).toBe(204);
    expect((await api('PUT', `/workspaces/${DEMO_WORKSPACE.id}/members/${DEMO_USERS.editor.id}`, { role: 'viewer' })).status).toBe(200);
    await waitFor(() => revoked.length === 1 && roles.length === 1, 'doc:revoked and doc:role');
    expect(revoked[0]).toEqual({ docId: CANVAS, code: 'FORBIDDEN', message: 'Kein Zugriff auf dieses Dokument. Die Mitgliedschaft wurde beendet.' });
    expect(roles[0]).toEqual({ docId: CANVAS, role: 'viewer', readOnly: true });

    await request(writer, 'doc:update', { docId: CANVAS, update: wire(mapUpdate('after-revoke', 1)) });
    await sleep(150);
    expect(commenterUpdates).toEqual([]);
    expect(await request(commenter, 'doc:sync', { docId: CANVAS, stateVector: wire(new Uint8Array([0])) })).toMatchObject({ code: 'NOT_JOINED' });
    expect(await request(commenter, 'doc:join', { docId: CANVAS })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const before = await storedUpdates();
    expect(await request(editor, 'doc:update', { docId: CANVAS, update: wire(mapUpdate('demoted', 1)) })).toMatchObject({ code: 'READ_ONLY' });
    expect(await storedUpdates()).toBe(before);

    // Restore the demo memberships for the other tests.
    await api('PUT', `/workspaces/${DEMO_WORKSPACE.id}/members/${DEMO_USERS.commenter.id}`, { role: 'commenter' });
    await api('PUT', `/workspaces/${DEMO_WORKSPACE.id}/members/${DEMO_USERS.editor.id}`, { role: 'editor' });
    await waitFor(() => roles.length === 2, 'the promotion back');
    expect(roles[1]).toEqual({ docId: CANVAS, role: 'editor', readOnly: false });
    expect(await request(editor, 'doc:update', { docId: CANVAS, update: wire(mapUpdate('promoted', 1)) })).toEqual({ ok: true });
  });
});
