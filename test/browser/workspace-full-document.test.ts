/**
 * A change kept on this device (IndexedDB) meets a canvas that has reached COLLAB_MAX_DOC_BYTES:
 * the workspace page says it is not saved and why, instead of "saving …" for ever, and saves it
 * by itself once another member has made room. In German and English. Run against a built client.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DocCompactor } from '../../server/src/collab/doc-compactor.js';
import { loadConfig } from '../../server/src/config/app-config.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { closeBrowser } from '../helpers/browser.js';
import { reloadFromPostgres, syncedClient, waitFor, type ProviderClient } from '../collab/helpers.js';
import { CANVAS, openWithRefusedOfflineChange } from './workspace-support.js';

const MAX_DOC_BYTES = 128 * 1024;

let t: TestApp;
let cleaner: ProviderClient;

beforeAll(async () => {
  // The page's periodic sync offers the refused change again; a short interval keeps the test short.
  t = await startTestApp({ collab: { ...loadConfig({}).collab, maxDocBytes: MAX_DOC_BYTES, resyncIntervalMs: 500 } });
  cleaner = await syncedClient(t.baseUrl, await t.login('editor'));
  cleaner.provider.awareness.setLocalState(null);
});
afterAll(async () => {
  cleaner.close();
  await closeBrowser();
  await t.close();
});

describe('workspace page with a full document', () => {
  it.each([
    ['de', 'Nicht gespeichert', 'Das Dokument hat seine Höchstgröße von 0,13 MB erreicht', '10 Anmerkungen', 'Alle Änderungen sind gespeichert'],
    ['en', 'Not saved', 'The document has reached its maximum size of 0.13 MB', '10 annotations', 'All changes are saved'],
  ] as const)(
    '(%s) says a change is not saved and why, and saves it once there is room',
    async (locale, title, reason, tenAnnotations, savedText) => {
      // Another member's notes fill most of the canvas.
      const notes = cleaner.doc.getMap('annotations');
      for (let i = 0; i < 40; i++) notes.set(`${locale}-note-${i}`, `Notiz ${i}: ${'Sprachförderung in der Kita. '.repeat(80)}`);
      await waitFor(() => !cleaner.provider.unsynced, 'the notes to be stored');

      // Changes made on this device while offline, as y-indexeddb keeps them for the page.
      const { page, context, errors, ids } = await openWithRefusedOfflineChange(t, {
        locale,
        title,
        reason,
        tenAnnotations,
        screenshotName: `workspace-document-full-${locale}`,
      });
      const status = page.getByTestId('connection-status');
      expect((await reloadFromPostgres(t.database.url, CANVAS)).getMap('annotations').has(ids[9]!)).toBe(false);

      // The other member deletes their notes; compaction drops them, and the page's next sync saves the change.
      cleaner.doc.transact(() => {
        for (let i = 0; i < 40; i++) notes.delete(`${locale}-note-${i}`);
      });
      await waitFor(() => !cleaner.provider.unsynced, 'the deletions to be stored');
      await t.app.get(DocCompactor).compactNow(CANVAS);
      await status.and(page.locator('[data-status="saved"]')).waitFor({ timeout: 15_000 });
      await expect(status.textContent()).resolves.toContain(savedText);
      await waitFor(() => notes.has(ids[9]!), 'the change to reach the other member');
      expect((await reloadFromPostgres(t.database.url, CANVAS)).getMap('annotations').has(ids[9]!)).toBe(true);
      expect(errors).toEqual([]);
      await context.close();
      // Room for the next language's run.
      cleaner.doc.transact(() => ids.forEach((id) => notes.delete(id)));
      await waitFor(() => !cleaner.provider.unsynced, 'the clean-up to be stored');
      await t.app.get(DocCompactor).compactNow(CANVAS);
    },
  );
});
