/**
 * The document size limit (COLLAB_MAX_DOC_BYTES): a full document refuses new content with
 * TOO_LARGE and a message that says what to do, stores nothing, keeps the connection, and still
 * takes deletions; once compaction has dropped the deleted content, the refused change goes
 * through on the client's next sync. Bystanders keep working throughout.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CollabSocket } from '@lagebild/shared/collab-client';
import * as Y from 'yjs';
import { loadConfig } from '../../server/src/config/app-config.js';
import { DocCompactor } from '../../server/src/collab/doc-compactor.js';
import { startTestApp, tableCounts, type TestApp } from '../helpers/app.js';
import { CANVAS, connect, reloadFromPostgres, request, syncedClient, waitFor, wire, type ProviderClient } from './helpers.js';

const MAX_DOC_BYTES = 256 * 1024;
const NOTE = 'Bedarf an Kita-Plätzen im Quartier, Rückmeldung des Jugendamts steht aus. '.repeat(27); // ≈ 2 KB

let t: TestApp;
let writer: ProviderClient;

beforeAll(async () => {
  t = await startTestApp({
    collab: {
      ...loadConfig({}).collab,
      maxDocBytes: MAX_DOC_BYTES,
      // The refused change is pushed again by the client's periodic resync.
      resyncIntervalMs: 300,
      // Compaction only when the test asks for it.
      compactAfterUpdates: 100_000,
      compactAfterBytes: 64 * 1024 * 1024,
    },
  });
  writer = await syncedClient(t.baseUrl, await t.login('coordinator'));
});
afterAll(async () => {
  writer.close();
  await t.close();
});

const annotations = () => writer.doc.getMap('annotations');
const saved = () => waitFor(() => !writer.provider.unsynced, 'the writer’s changes to be stored');

async function editor(): Promise<CollabSocket> {
  const socket = await connect(t.baseUrl, await t.login('editor'));
  expect(await request(socket, 'doc:join', { docId: CANVAS })).toMatchObject({ ok: true });
  return socket;
}

/** An update that adds `bytes` of new text to the canvas, made in a document of its own. */
function contentUpdate(key: string, bytes: number): Buffer {
  const doc = new Y.Doc();
  doc.getMap('annotations').set(key, 'x'.repeat(bytes));
  return wire(Y.encodeStateAsUpdate(doc));
}

describe('document size limit', () => {
  it('refuses new content to a full document with TOO_LARGE, stores nothing and keeps the connection', async () => {
    // Fill the canvas to about 200 KB, one acked note at a time.
    for (let i = 0; i < 100; i++) annotations().set(`note-${i}`, `${i}: ${NOTE}`);
    await saved();

    const socket = await editor();
    const before = await tableCounts(t.dataSource);
    // More often than the bad-message limit (5): a full document is no fault of the client's.
    for (let i = 0; i < 7; i++) {
      const ack = await request<{ ok: boolean; code: string; message: string }>(socket, 'doc:update', {
        docId: CANVAS,
        update: contentUpdate(`too-much-${i}`, 100 * 1024),
      });
      expect(ack).toEqual({
        ok: false,
        code: 'TOO_LARGE',
        message:
          'Das Dokument hat seine Höchstgröße von 0,25 MB erreicht; die Änderung wurde nicht gespeichert. Löschen Sie nicht mehr benötigte Inhalte, dann ist wieder Platz.',
      });
    }
    expect(await tableCounts(t.dataSource)).toEqual(before);
    expect(socket.connected).toBe(true);
    // Small content still fits.
    expect(await request(socket, 'doc:update', { docId: CANVAS, update: contentUpdate('small', 100) })).toEqual({ ok: true });
    socket.disconnect();
  });

  it('tells the client, keeps the change on the client, takes deletions, and stores the change once there is room', async () => {
    const errors: { code: string; message: string }[] = [];
    writer.provider.on('error', (error: { code: string; message: string }) => errors.push(error));
    annotations().set('attachment', 'x'.repeat(100 * 1024));
    await waitFor(() => errors.length > 0, 'the refusal');
    expect(errors[0]).toMatchObject({ code: 'TOO_LARGE', message: expect.stringContaining('Höchstgröße') });
    expect(writer.provider.unsynced).toBe(true);
    expect(writer.provider.status).toBe('synced');
    expect((await reloadFromPostgres(t.database.url, CANVAS)).getMap('annotations').has('attachment')).toBe(false);

    // Deletions pass although the document is full; compaction then drops what they deleted.
    for (let i = 0; i < 80; i++) annotations().delete(`note-${i}`);
    await waitFor(async () => !(await reloadFromPostgres(t.database.url, CANVAS)).getMap('annotations').has('note-79'), 'the deletions');
    const compaction = await t.app.get(DocCompactor).compactNow(CANVAS);
    expect(compaction.bytesAfter).toBeLessThan(compaction.bytesBefore - 100 * 1024);

    // The next periodic sync pushes the refused change, which now fits.
    await saved();
    const stored = await reloadFromPostgres(t.database.url, CANVAS);
    expect(stored.getMap('annotations').get('attachment')).toBe('x'.repeat(100 * 1024));
    expect(stored.getMap('annotations').toJSON()).toEqual(annotations().toJSON());
  });
});
