/**
 * A change kept on this device that alone exceeds COLLAB_MAX_UPDATE_BYTES: the workspace page
 * says it is not saved and why, in the UI's language, keeps it on the page, and stays connected
 * through the periodic syncs (the provider no longer offers it to the server, which would count
 * it as a bad message and close the connection). Run against a built client.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../server/src/config/app-config.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { accessibilityViolations } from '../helpers/accessibility.js';
import { closeBrowser, openPage, screenshot } from '../helpers/browser.js';
import { reloadFromPostgres, sleep } from '../collab/helpers.js';
import { CANVAS, WORKSPACE_PAGE, offlineAnnotations, storeOfflineChange } from './workspace-support.js';

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
    ['de', 'Nicht gespeichert', 'zu groß (höchstens 0,02 MB) und wurde nicht gespeichert', '10 Anmerkungen'],
    ['en', 'Not saved', 'the change is too large (at most 0.02 MB) and was not saved', '10 annotations'],
  ] as const)('(%s) says it is not saved and why, keeps it, and stays connected', async (locale, title, reason, tenAnnotations) => {
    const { page, context, errors } = await openPage(t, { user: 'coordinator', locale });
    await page.goto(WORKSPACE_PAGE);
    const status = page.getByTestId('connection-status');
    await status.and(page.locator('[data-status="saved"]')).waitFor();
    // Ten notes of about 4.5 KB each, made on this device while offline: one change of about 45 KB.
    const ids = Array.from({ length: 10 }, () => randomUUID());
    await storeOfflineChange(page, offlineAnnotations(ids));
    await page.reload();

    await status.and(page.locator('[data-status="refused"]')).waitFor();
    await expect(status.textContent()).resolves.toContain(title);
    await expect(page.getByTestId('connection-detail').textContent()).resolves.toContain(reason);
    await expect(page.getByTestId('annotation-count').textContent()).resolves.toBe(tenAnnotations);
    await screenshot(page, `workspace-oversized-change-${locale}`);
    expect(await accessibilityViolations(page)).toEqual([]);

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
