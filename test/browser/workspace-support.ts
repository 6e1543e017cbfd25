import { expect } from '@jest/globals';
import { addAnnotation } from '@lagebild/shared/collab-client';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { DEMO_USERS, DEMO_WORKSPACE } from '../../seeds/index.js';
import type { TestApp } from '../helpers/app.js';
import { accessibilityViolations } from '../helpers/accessibility.js';
import { openPage, screenshot, type TestPage } from '../helpers/browser.js';

export const CANVAS = `workspace/${DEMO_WORKSPACE.id}/canvas`;
export const WORKSPACE_PAGE = `/workspaces/${DEMO_WORKSPACE.id}`;

/** A Yjs update of annotations (≈ 4.5 KB of text each) made on another device. */
export function offlineAnnotations(ids: readonly string[]): number[] {
  const doc = new Y.Doc();
  for (const [i, id] of ids.entries()) {
    addAnnotation(
      doc,
      {
        type: 'note',
        geometry: { type: 'Point', coordinates: [6.98 + i / 1000, 51.57] },
        text: `Protokollauszug Brauck ${i + 1}: ${'Bedarf an Schulsozialarbeit. '.repeat(155)}`,
        color: '#0072B2',
        author: DEMO_USERS.coordinator.id,
        createdAt: new Date().toISOString(),
        areaKey: 'brauck',
      },
      id,
    );
  }
  return [...Y.encodeStateAsUpdate(doc)];
}

/**
 * Puts an update into the page's offline copy of the coordinator's canvas, as y-indexeddb keeps
 * changes made on this device while offline; the page picks it up when it is loaded again.
 */
export function storeOfflineChange(page: Page, update: number[]): Promise<void> {
  return page.evaluate(
    ({ name, update }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('updates', 'readwrite');
          tx.objectStore('updates').add(new Uint8Array(update));
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { name: `lagebild:${DEMO_USERS.coordinator.id}:${CANVAS}`, update },
  );
}

export interface RefusedChange {
  /** German or English. */
  locale: 'de' | 'en';
  /** The status title and (part of) the reason the page must show. */
  title: string;
  reason: string;
  /** The annotation count as the page writes it ("10 Anmerkungen"). */
  tenAnnotations: string;
  screenshotName: string;
}

/**
 * Opens the workspace page as the coordinator, puts ten notes (one change of about 45 KB) into
 * its offline copy, loads it again and checks that the page says the change is not saved and
 * why, still shows the notes, and passes the accessibility check. Returns the page and the notes' ids.
 */
export async function openWithRefusedOfflineChange(t: TestApp, expected: RefusedChange): Promise<TestPage & { ids: string[] }> {
  const opened = await openPage(t, { user: 'coordinator', locale: expected.locale });
  const { page } = opened;
  await page.goto(WORKSPACE_PAGE);
  const status = page.getByTestId('connection-status');
  await status.and(page.locator('[data-status="saved"]')).waitFor();
  const ids = Array.from({ length: 10 }, () => randomUUID());
  await storeOfflineChange(page, offlineAnnotations(ids));
  await page.reload();

  await status.and(page.locator('[data-status="refused"]')).waitFor();
  await expect(status.textContent()).resolves.toContain(expected.title);
  await expect(page.getByTestId('connection-detail').textContent()).resolves.toContain(expected.reason);
  // The change is still on the page, only not on the server.
  await expect(page.getByTestId('annotation-count').textContent()).resolves.toBe(expected.tenAnnotations);
  await screenshot(page, expected.screenshotName);
  expect(await accessibilityViolations(page)).toEqual([]);
  return { ...opened, ids };
}
