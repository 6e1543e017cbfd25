/**
 * A change kept on this device that alone exceeds COLLAB_MAX_UPDATE_BYTES: the workspace page
 * says it is not saved and why, in the UI's language, keeps it on the page, and stays connected
 * through the periodic syncs (the provider no longer offers it to the server, which would count
 * it as a bad message and close the connection). Run against a built client.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../server/src/config/app-config.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { closeBrowser } from '../helpers/browser.js';
import { reloadFromPostgres, sleep } from '../collab/helpers.js';
import { CANVAS, openWithRefusedOfflineChange } from './workspace-support.js';

const MAX_UPDATE_BYTES = 16 * 1024;
const RESYNC_MS = 500;

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ collab: { ...loadConfig({}).collab, maxUpdateBytes: MAX_UPDATE_BYTES, resyncIntervalMs: RESYNC_MS } });
});
afterAll(async () => {
  await closeBrowser();
  await t.close();
});

describe('workspace page with a change above the update limit', () => {
  it.each([
    [
      'de',
      'Nicht gespeichert',
      'zu groß (höchstens 0,02 MB) und wurde nicht gespeichert. Bitte den großen Inhalt kürzen oder löschen',
      '10 Anmerkungen',
    ],
    ['en', 'Not saved', 'the change is too large (at most 0.02 MB) and was not saved. Please shorten or delete the large content', '10 annotations'],
  ] as const)('(%s) says it is not saved, why and what to do, keeps it, and stays connected', async (locale, title, reason, tenAnnotations) => {
    // Ten notes of about 4.5 KB each, made on this device while offline: one change of about 45 KB.
    const { page, context, errors, ids } = await openWithRefusedOfflineChange(t, {
      locale,
      title,
      reason,
      tenAnnotations,
      screenshotName: `workspace-oversized-change-${locale}`,
    });
    const status = page.getByTestId('connection-status');

    // More periodic syncs than the server's bad-message limit (5): the status never leaves "refused"
    // (a closed connection would show "offline" first).
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { statusesSeen: string[] }).statusesSeen = seen;
      const element = document.querySelector('[data-testid=connection-status]')!;
      new MutationObserver(() => seen.push(element.getAttribute('data-status') ?? '')).observe(element, {
        attributes: true,
        attributeFilter: ['data-status'],
      });
    });
    await sleep(RESYNC_MS * 8);
    await expect(status.getAttribute('data-status')).resolves.toBe('refused');
    await expect(page.evaluate(() => (window as unknown as { statusesSeen: string[] }).statusesSeen)).resolves.toEqual([]);
    expect((await reloadFromPostgres(t.database.url, CANVAS)).getMap('annotations').has(ids[0]!)).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });
});
