/**
 * The client provider (shared/src/collab-client) against the real server: sync, retry until
 * acked, offline edits merged on reconnect, read-only roles, denied access, awareness, and the
 * periodic resync that heals a lost broadcast.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { canvasDocId } from '@lagebild/shared';
import { CollabProvider, createCollabSocket, type CollabSocket, type CollabStatus } from '@lagebild/shared/collab-client';
import * as Y from 'yjs';
import { DEMO_USERS } from '../../seeds/index.js';
import { loadConfig } from '../../server/src/config/app-config.js';
import { startTestApp, type DemoUserKey, type TestApp } from '../helpers/app.js';
import { CANVAS, reloadFromPostgres, sleep, waitFor } from './helpers.js';

let t: TestApp;
const opened: { provider: CollabProvider; socket: CollabSocket }[] = [];

beforeAll(async () => {
  t = await startTestApp({
    collab: { ...loadConfig({}).collab, resyncIntervalMs: 400, updatesPerSecond: 20, updateBurst: 20, maxRejectedPer10s: 100_000 },
  });
});
afterEach(() => {
  for (const { provider, socket } of opened.splice(0)) {
    provider.destroy();
    socket.disconnect();
  }
});
afterAll(async () => {
  await t.close();
});

async function open(user: DemoUserKey, options: { docId?: string; doc?: Y.Doc; token?: string } = {}) {
  const socket = createCollabSocket({ url: t.baseUrl, token: options.token ?? (await t.login(user)) });
  const doc = options.doc ?? new Y.Doc();
  const provider = new CollabProvider({ socket, doc, docId: options.docId ?? CANVAS });
  const statuses: CollabStatus[] = [provider.status];
  provider.on('status', (status) => statuses.push(status));
  opened.push({ provider, socket });
  return { socket, doc, provider, statuses, map: doc.getMap<unknown>('annotations') };
}

const json = (doc: Y.Doc) => doc.getMap('annotations').toJSON();
/** Same content regardless of key order (Y.Map key order depends on arrival order). */
const sameContent = (a: Y.Doc, b: Y.Doc) => canonical(json(a)) === canonical(json(b));
const canonical = (value: Record<string, unknown>) => JSON.stringify(Object.entries(value).sort(([x], [y]) => x.localeCompare(y)));

describe('CollabProvider', () => {
  it('connects, syncs, and keeps two documents in step in both directions', async () => {
    const a = await open('coordinator');
    const b = await open('editor');
    await Promise.all([a.provider.whenSynced(), b.provider.whenSynced()]);
    expect(a.statuses).toEqual(['connecting', 'syncing', 'synced']);
    expect(a.provider).toMatchObject({ synced: true, role: 'coordinator', readOnly: false });
    let saved = 0;
    a.provider.on('saved', () => saved++);
    a.map.set('from-a', 1);
    b.map.set('from-b', 2);
    await waitFor(() => a.map.get('from-b') === 2 && b.map.get('from-a') === 1, 'both edits on both sides');
    await waitFor(() => !a.provider.unsynced && !b.provider.unsynced && saved > 0, 'the acks');
    expect(json(await reloadFromPostgres(t.database.url, CANVAS))).toEqual(json(a.doc));
  });

  it('retries until acked: updates refused by the rate limit are pushed again by the next sync', async () => {
    const a = await open('coordinator');
    await a.provider.whenSynced();
    // 60 separate updates against a limit of 20 per second: most are refused at first.
    for (let i = 0; i < 60; i++) a.map.set(`retry-${i}`, i);
    await waitFor(() => !a.provider.unsynced, 'every update to be acknowledged', 15_000);
    const stored = json(await reloadFromPostgres(t.database.url, CANVAS));
    for (let i = 0; i < 60; i++) expect(stored[`retry-${i}`]).toBe(i);
  });

  it('keeps working offline and merges on reconnect, with concurrent edits on the other side', async () => {
    const a = await open('coordinator');
    const b = await open('editor');
    await Promise.all([a.provider.whenSynced(), b.provider.whenSynced()]);
    a.socket.disconnect();
    await waitFor(() => a.provider.status === 'offline', 'the offline status');
    expect(a.provider.synced).toBe(false);
    a.map.set('offline-a', 'A');
    a.map.set('shared-key', 'from A');
    b.map.set('online-b', 'B');
    b.map.set('shared-key', 'from B');
    await waitFor(() => !b.provider.unsynced, 'the ack of B');
    expect(a.provider.unsynced).toBe(true);
    a.socket.connect();
    await waitFor(() => a.provider.synced && !a.provider.unsynced, 'A to resync and push its offline edits');
    await waitFor(() => sameContent(a.doc, b.doc), 'convergence');
    expect(json(a.doc)).toMatchObject({ 'offline-a': 'A', 'online-b': 'B' });
    expect(json(await reloadFromPostgres(t.database.url, CANVAS))).toEqual(json(a.doc));
  });

  it('pushes edits a document held before the provider started (e.g. restored from IndexedDB)', async () => {
    const restored = new Y.Doc();
    restored.getMap('annotations').set('from-indexeddb', true);
    const a = await open('editor', { doc: restored });
    await a.provider.whenSynced();
    await waitFor(() => !a.provider.unsynced, 'the push');
    expect(json(await reloadFromPostgres(t.database.url, CANVAS))['from-indexeddb']).toBe(true);
  });

  it("counts a reader's restored copy as saved when the server holds all of it, and as unsaved when not", async () => {
    const editor = await open('editor');
    await editor.provider.whenSynced();
    editor.map.set('before-the-reader', 1);
    await waitFor(() => !editor.provider.unsynced, 'the ack');
    const restored = new Y.Doc();
    Y.applyUpdate(restored, Y.encodeStateAsUpdate(editor.doc));
    const reader = await open('viewer', { doc: restored });
    expect(reader.provider.unsynced).toBe(true); // until the server has answered
    await reader.provider.whenSynced();
    await waitFor(() => !reader.provider.unsynced, 'the reader to count as saved');

    const ahead = new Y.Doc();
    Y.applyUpdate(ahead, Y.encodeStateAsUpdate(editor.doc));
    ahead.getMap('annotations').set('made-while-an-editor', 1);
    const demoted = await open('viewer', { doc: ahead });
    await demoted.provider.whenSynced();
    expect(demoted.provider.unsynced).toBe(true);
    expect(json(await reloadFromPostgres(t.database.url, CANVAS))['made-while-an-editor']).toBeUndefined();
  });

  it('is read-only for viewers: local edits are never sent', async () => {
    const viewer = await open('viewer');
    await viewer.provider.whenSynced();
    expect(viewer.provider).toMatchObject({ role: 'viewer', readOnly: true });
    viewer.map.set('viewer-edit', 1);
    await sleep(600);
    expect(json(await reloadFromPostgres(t.database.url, CANVAS))['viewer-edit']).toBeUndefined();
  });

  it('reports denied access: another workspace, an unknown doc, no valid token', async () => {
    const forbidden = await open('editor', { docId: canvasDocId('6b1c3a52-1f0e-4d2a-9c51-0d6f5e7a9999') });
    await expect(forbidden.provider.whenSynced()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(forbidden.provider.status).toBe('denied');
    const unknown = await open('editor', { docId: 'session/6b1c3a52-1f0e-4d2a-9c51-0d6f5e7a9999/minutes' });
    await expect(unknown.provider.whenSynced()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const anonymous = await open('editor', { token: 'not-a-valid-token-but-long-enough-to-look-up' });
    await expect(anonymous.provider.whenSynced()).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: 'Anmeldung erforderlich.' });
  });

  it('relays awareness, removes it on disconnect, and shows it again after a reconnect', async () => {
    const a = await open('coordinator');
    const b = await open('viewer');
    await Promise.all([a.provider.whenSynced(), b.provider.whenSynced()]);
    a.provider.awareness.setLocalStateField('user', { name: 'ignored', color: '#009E73' });
    const stateOfA = () => b.provider.awareness.getStates().get(a.doc.clientID) as { user?: { name: string; id: string; color: string } } | undefined;
    await waitFor(() => stateOfA()?.user?.color === '#009E73', 'the presence of A at B');
    expect(stateOfA()!.user).toEqual({ id: DEMO_USERS.coordinator.id, name: DEMO_USERS.coordinator.displayName, color: '#009E73' });
    a.socket.disconnect();
    await waitFor(() => stateOfA() === undefined, 'A to disappear at B');
    a.socket.connect();
    await waitFor(() => stateOfA() !== undefined, 'A to reappear at B after the reconnect');
    // and B appears at A once A synced awareness again
    b.provider.awareness.setLocalStateField('user', { name: 'x', color: '#CC79A7' });
    await waitFor(() => a.provider.awareness.getStates().has(b.doc.clientID), 'B at A');
  });

  it('heals a lost broadcast through the periodic resync', async () => {
    const a = await open('coordinator');
    const b = await open('editor');
    await Promise.all([a.provider.whenSynced(), b.provider.whenSynced()]);
    // Drop B's incoming doc:update on purpose while A writes.
    const listeners = b.socket.listeners('doc:update');
    b.socket.off('doc:update');
    a.map.set('lost-broadcast', 'healed');
    await waitFor(() => !a.provider.unsynced, 'the ack of A');
    await sleep(50);
    expect(b.map.get('lost-broadcast')).toBeUndefined();
    for (const listener of listeners) b.socket.on('doc:update', listener as never);
    await waitFor(() => b.map.get('lost-broadcast') === 'healed', 'the resync (400 ms interval)', 5_000);
  });
});
