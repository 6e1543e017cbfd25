import { addAnnotation } from '@lagebild/shared/collab-client';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { DEMO_USERS, DEMO_WORKSPACE } from '../../seeds/index.js';

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
