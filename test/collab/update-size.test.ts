/**
 * The update size limit (COLLAB_MAX_UPDATE_BYTES) as the provider meets it: the join ack
 * announces the limit, and a change bigger than that stays local with a TOO_LARGE error
 * instead of going out. The server would count such an update as a bad message, and the
 * periodic sync offering it again and again used to get the connection closed. Once the big
 * change is deleted, the next sync stores everything else.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CollabProviderError } from '@lagebild/shared/collab-client';
import { loadConfig } from '../../server/src/config/app-config.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { CANVAS, connect, reloadFromPostgres, request, sleep, syncedClient, waitFor, type ProviderClient } from './helpers.js';

const MAX_UPDATE_BYTES = 32 * 1024;
const RESYNC_MS = 300;

let t: TestApp;
let writer: ProviderClient;

beforeAll(async () => {
  t = await startTestApp({ collab: { ...loadConfig({}).collab, maxUpdateBytes: MAX_UPDATE_BYTES, resyncIntervalMs: RESYNC_MS } });
  writer = await syncedClient(t.baseUrl, await t.login('coordinator'));
});
afterAll(async () => {
  writer.close();
  await t.close();
});

const annotations = () => writer.doc.getMap('annotations');

describe('update size limit', () => {
  it('is announced in the join ack', async () => {
    const socket = await connect(t.baseUrl, await t.login('editor'));
    try {
      expect(await request(socket, 'doc:join', { docId: CANVAS })).toMatchObject({ ok: true, maxUpdateBytes: MAX_UPDATE_BYTES });
    } finally {
      socket.disconnect();
    }
  });

  it('keeps an oversized change local, says why, stays connected, and saves the rest once it is gone', async () => {
    const errors: CollabProviderError[] = [];
    writer.provider.on('error', (e) => errors.push(e));
    let disconnects = 0;
    writer.socket.on('disconnect', () => disconnects++);

    annotations().set('scan', 'x'.repeat(200 * 1024));
    await waitFor(() => errors.length > 0, 'the refusal');
    expect(errors[0]).toEqual({
      code: 'TOO_LARGE',
      message:
        'Die Änderung ist mit 0,2 MB zu groß (höchstens 0,03 MB) und wurde nicht gespeichert. Bitte den großen Inhalt kürzen oder löschen, etwa eingefügten Text oder eine sehr detaillierte Zeichnung; danach wird wieder gespeichert.',
    });
    expect(writer.provider.unsynced).toBe(true);

    // More periodic syncs than the server's bad-message limit (5): none of them sends the change.
    await sleep(RESYNC_MS * 8);
    expect(disconnects).toBe(0);
    expect(writer.socket.connected).toBe(true);
    expect(writer.provider.status).toBe('synced');
    expect(writer.provider.unsynced).toBe(true);
    expect(errors.length).toBeGreaterThan(1);
    expect(errors.every((e) => e.code === 'TOO_LARGE')).toBe(true);
    expect((await reloadFromPostgres(t.database.url, CANVAS)).getMap('annotations').has('scan')).toBe(false);

    // Small edits meanwhile go out as they happen; deleting the big one lets the next sync store the rest.
    annotations().set('note', 'Rückmeldung Jugendamt steht aus');
    annotations().delete('scan');
    await waitFor(() => !writer.provider.unsynced, 'everything else to be stored');
    const stored = (await reloadFromPostgres(t.database.url, CANVAS)).getMap('annotations');
    expect(stored.get('note')).toBe('Rückmeldung Jugendamt steht aus');
    expect(stored.has('scan')).toBe(false);
    expect(disconnects).toBe(0);
  });
});
