/**
 * Bad input on every /collab path: garbage, empty and oversized updates, wrong types, unknown
 * docs and events, floods and broken frames. Each one gets a clear (German) error ack or a
 * disconnect, nothing is stored, the process keeps running, and a bystander client keeps
 * editing undisturbed throughout.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CollabSocket } from '@lagebild/shared/collab-client';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { DEMO_WORKSPACE } from '../../seeds/index.js';
import { loadConfig } from '../../server/src/config/app-config.js';
import { startTestApp, tableCounts, type TestApp } from '../helpers/app.js';
import { CANVAS, connect, mapUpdate, record, request, sleep, syncedClient, waitFor, wire, type ProviderClient } from './helpers.js';

let t: TestApp;
let bystander: ProviderClient;
let bystanderEdits = 0;

const limits = {
  ...loadConfig({}).collab,
  updatesPerSecond: 100,
  updateBurst: 200,
  messagesPerSecond: 50,
  messageBurst: 100,
  maxBadMessages: 5,
  maxRejectedPer10s: 300,
  maxMessageBytes: 12 * 1024 * 1024,
};

beforeAll(async () => {
  t = await startTestApp({ collab: limits });
  bystander = await syncedClient(t.baseUrl, await t.login('coordinator'));
});
afterAll(async () => {
  bystander.close();
  await t.close();
});

/** The bystander edits and must get its ack quickly, whatever the others do. */
async function bystanderEdit(): Promise<number> {
  const key = `bystander-${++bystanderEdits}`;
  const started = performance.now();
  bystander.doc.getMap('annotations').set(key, bystanderEdits);
  await waitFor(() => !bystander.provider.unsynced, `the ack of ${key}`, 5_000);
  expect(bystander.provider.status).toBe('synced');
  return performance.now() - started;
}

async function editor(): Promise<CollabSocket> {
  const socket = await connect(t.baseUrl, await t.login('editor'));
  expect(await request(socket, 'doc:join', { docId: CANVAS })).toMatchObject({ ok: true });
  return socket;
}

async function expectNothingStored(action: () => Promise<void>): Promise<void> {
  const before = await tableCounts(t.dataSource);
  await action();
  expect(await tableCounts(t.dataSource)).toEqual(before);
}

describe('malformed updates', () => {
  it('refuses garbage bytes with INVALID_UPDATE and stores nothing', async () => {
    const socket = await editor();
    await expectNothingStored(async () => {
      for (const garbage of [randomBytes(64), Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]), Buffer.from('{"not":"yjs"}')]) {
        expect(await request(socket, 'doc:update', { docId: CANVAS, update: garbage })).toEqual({
          ok: false,
          code: 'INVALID_UPDATE',
          message: 'Die Änderung ist beschädigt und wurde nicht gespeichert.',
        });
      }
    });
    await bystanderEdit();
    socket.disconnect();
  });

  it('refuses empty updates (no bytes, or a no-op update)', async () => {
    const socket = await editor();
    await expectNothingStored(async () => {
      for (const empty of [Buffer.alloc(0), Buffer.from([0, 0])]) {
        expect(await request(socket, 'doc:update', { docId: CANVAS, update: empty })).toEqual({
          ok: false,
          code: 'INVALID_UPDATE',
          message: 'Die Änderung ist leer und wurde nicht gespeichert.',
        });
      }
    });
    socket.disconnect();
  });

  it('refuses a 10 MB update with TOO_LARGE, stores nothing, and keeps the connection', async () => {
    const socket = await editor();
    const big = new Y.Doc();
    big.getText('t').insert(0, 'x'.repeat(10 * 1024 * 1024));
    const update = Y.encodeStateAsUpdate(big);
    expect(update.length).toBeGreaterThan(10 * 1024 * 1024);
    await expectNothingStored(async () => {
      const ack = await request<{ code: string; message: string }>(socket, 'doc:update', { docId: CANVAS, update: wire(update) }, 30_000);
      expect(ack).toEqual({ ok: false, code: 'TOO_LARGE', message: expect.stringMatching(/^Die Änderung ist mit 10 MB zu groß \(höchstens 1 MB\)/) });
      expect(socket.connected).toBe(true);
    });
    await bystanderEdit();
    socket.disconnect();
  });

  it('answers wrong types with INVALID_MESSAGE or INVALID_UPDATE, also without an ack callback', async () => {
    const socket = await editor();
    const other = await editor();
    await expectNothingStored(async () => {
      expect(await request(socket, 'doc:update', null)).toMatchObject({
        ok: false,
        code: 'INVALID_MESSAGE',
        message: expect.stringContaining('docId'),
      });
      expect(await request(socket, 'doc:update', { docId: 42, update: wire(mapUpdate('x', 1)) })).toMatchObject({ code: 'INVALID_MESSAGE' });
      expect(await request(socket, 'doc:update', { docId: CANVAS, update: 'AAEC' })).toMatchObject({ code: 'INVALID_UPDATE' });
      expect(await request(socket, 'doc:update', { docId: CANVAS, update: [1, 2, 3] })).toMatchObject({ code: 'INVALID_UPDATE' });
      expect(socket.connected).toBe(true);

      expect(await request(other, 'doc:join', { docId: { $ne: null } })).toMatchObject({ code: 'INVALID_MESSAGE' });
      expect(await request(other, 'doc:join', 'workspace')).toMatchObject({ code: 'INVALID_MESSAGE' });
      // Without a callback the server has no one to answer, and must not fall over either.
      other.emit('doc:update', 'garbage');
      other.emit('doc:sync');
      other.emit('awareness:update', { docId: CANVAS, update: 12 });
      await waitFor(() => !other.connected, 'the disconnect after the fifth bad message');
    });
    await bystanderEdit();
    socket.disconnect();
  });

  it('refuses malformed awareness with INVALID_MESSAGE and relays nothing', async () => {
    const socket = await editor();
    const relayed = record(bystander.socket, 'awareness:update');
    expect(await request(socket, 'awareness:update', { docId: CANVAS, update: randomBytes(40) })).toMatchObject({ code: 'INVALID_MESSAGE' });
    expect(await request(socket, 'awareness:update', { docId: CANVAS, update: Buffer.alloc(40 * 1024) })).toMatchObject({ code: 'INVALID_MESSAGE' });
    await sleep(100);
    expect(relayed).toEqual([]);
    socket.disconnect();
  });
});

describe('unknown documents and events', () => {
  it('answers NOT_FOUND and NOT_JOINED for unknown docs, and stores nothing', async () => {
    const socket = await editor();
    await expectNothingStored(async () => {
      expect(await request(socket, 'doc:join', { docId: 'workspace/../../etc/passwd' })).toMatchObject({ code: 'NOT_FOUND' });
      expect(await request(socket, 'doc:update', { docId: `workspace/${DEMO_WORKSPACE.id}/minutes`, update: wire(mapUpdate('x', 1)) })).toMatchObject(
        {
          code: 'NOT_JOINED',
        },
      );
    });
    socket.disconnect();
  });

  it('disconnects a socket after a few unknown or malformed messages, with a reason', async () => {
    const socket = await editor();
    const errors = record<{ code: string; message: string }>(socket, 'collab:error');
    for (let i = 0; i < 5; i++) socket.emit(`admin:drop-table-${i}`, {});
    await waitFor(() => !socket.connected, 'the disconnect');
    expect(errors).toEqual([{ code: 'TOO_MANY_ERRORS', message: 'Zu viele fehlerhafte Nachrichten; die Verbindung wird getrennt.' }]);
    await bystanderEdit();
  });
});

describe('floods and broken frames', () => {
  it('rate-limits a flood of valid updates, disconnects the flooder, and the bystander keeps working', async () => {
    const flooder = await editor();
    const doc = new Y.Doc();
    const updates: Buffer[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(wire(u)));
    for (let i = 0; i < 3000; i++) doc.getMap('annotations').set(`flood-${i % 50}`, i);
    const acks: { ok: boolean; code?: string }[] = [];
    for (const update of updates) flooder.emit('doc:update', { docId: CANVAS, update }, (ack: { ok: boolean; code?: string }) => acks.push(ack));
    const latencies: number[] = [];
    for (let i = 0; i < 10; i++) latencies.push(await bystanderEdit());
    await waitFor(() => !flooder.connected, 'the flooder to be disconnected');
    const limited = acks.filter((a) => a.code === 'RATE_LIMITED').length;
    expect(limited).toBeGreaterThan(0);
    expect(acks.filter((a) => a.ok).length).toBeLessThanOrEqual(limits.updateBurst + 50);
    expect(Math.max(...latencies)).toBeLessThan(2_000);
    expect((await fetch(`${t.baseUrl}/api/health`)).status).toBe(200);
  });

  it('closes a connection that sends frames the parser cannot read, or frames over the size limit', async () => {
    const url = `${t.baseUrl.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`;
    for (const frame of [randomBytes(200), Buffer.alloc(limits.maxMessageBytes + 1024)]) {
      const ws = new WebSocket(url);
      const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
      await new Promise((resolve) => ws.once('message', resolve)); // engine.io open packet
      ws.send(frame);
      expect(await closed).toBeGreaterThan(0);
    }
    await bystanderEdit();
    expect((await fetch(`${t.baseUrl}/api/health`)).status).toBe(200);
  });

  it('leaves the bystander with exactly the state Postgres holds', async () => {
    const fresh = await connect(t.baseUrl, await t.login('viewer'));
    await request(fresh, 'doc:join', { docId: CANVAS });
    const answer = await request<{ update: Buffer }>(fresh, 'doc:sync', { docId: CANVAS, stateVector: wire(new Uint8Array([0])) });
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, answer.update);
    expect(reloaded.getMap('annotations').toJSON()).toEqual(bystander.doc.getMap('annotations').toJSON());
    for (let i = 1; i <= bystanderEdits; i++) expect(reloaded.getMap('annotations').get(`bystander-${i}`)).toBe(i);
    fresh.disconnect();
  });
});
