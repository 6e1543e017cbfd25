/**
 * The workspace page in Chromium: connection status, presence list, live canvas updates,
 * versions, offline and revoked states, in German and English (screenshots under
 * test/artifacts/screenshots). Run against a built client (LAGEBILD_TEST_CLIENT_DIST).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { addAnnotation } from '@lagebild/shared/collab-client';
import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD, DEMO_USERS, DEMO_WORKSPACE } from '../../seeds/index.js';
import { CollabSocketServer } from '../../server/src/collab/collab-socket.server.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { closeBrowser, openPage, screenshot } from '../helpers/browser.js';
import { syncedClient, type ProviderClient } from '../collab/helpers.js';

let t: TestApp;
let writer: ProviderClient;
const PAGE = `/workspaces/${DEMO_WORKSPACE.id}`;

beforeAll(async () => {
  t = await startTestApp();
  writer = await syncedClient(t.baseUrl, await t.login('editor'));
  // A script, not a person: it stays out of the presence lists.
  writer.provider.awareness.setLocalState(null);
});
afterAll(async () => {
  writer.close();
  await closeBrowser();
  await t.close();
});

const status = (page: import('playwright-core').Page) => page.getByTestId('connection-status');

// The revocation test ends by restoring the commenter's membership; if it fails midway, this
// does it, so the tests after it do not fail for a reason that is not theirs.
afterEach(async () => {
  const response = await fetch(`${t.baseUrl}/api/workspaces/${DEMO_WORKSPACE.id}/members/${DEMO_USERS.commenter.id}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${await t.login('coordinator')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ role: 'commenter' }),
  });
  expect(response.ok).toBe(true);
});

describe('workspace page', () => {
  it('opens from the home page, shows the connection, who is here, and canvas changes live', async () => {
    const coordinator = await openPage(t, { user: 'coordinator' });
    const viewer = await openPage(t, { user: 'viewer' });
    await coordinator.page.goto('/');
    await coordinator.page.getByTestId(`workspace-link-${DEMO_WORKSPACE.id}`).click();
    await coordinator.page.waitForURL(`**${PAGE}`);
    await expect(coordinator.page.getByTestId('workspace-name').textContent()).resolves.toBe(DEMO_WORKSPACE.name);
    await status(coordinator.page).and(coordinator.page.locator('[data-status="saved"]')).waitFor();
    await expect(status(coordinator.page).textContent()).resolves.toContain('Alle Änderungen sind gespeichert');

    await viewer.page.goto(PAGE);
    await viewer.page.getByTestId('read-only-notice').waitFor();
    // Both see both (the editor's script has no presence state, so it is not listed).
    for (const { page } of [coordinator, viewer]) {
      await page.locator('[data-testid="presence-item"]').nth(1).waitFor();
      const names = await page.getByTestId('presence-list').textContent();
      expect(names).toContain(DEMO_USERS.coordinator.displayName);
      expect(names).toContain(DEMO_USERS.viewer.displayName);
    }
    await expect(coordinator.page.getByTestId('presence-list').textContent()).resolves.toContain(`${DEMO_USERS.coordinator.displayName} (Sie)`);
    await expect(coordinator.page.getByTestId('away-list').textContent()).resolves.toContain(DEMO_USERS.commenter.displayName);

    addAnnotation(writer.doc, {
      type: 'note',
      geometry: { type: 'Point', coordinates: [6.99, 51.54] },
      text: 'Brauck: Bedarf an U3-Plätzen mit Amt 51 klären',
      color: '#D55E00',
      author: DEMO_USERS.editor.id,
      createdAt: new Date().toISOString(),
      areaKey: 'brauck',
    });
    for (const { page } of [coordinator, viewer]) {
      await page.getByText('Brauck: Bedarf an U3-Plätzen mit Amt 51 klären').waitFor();
      await expect(page.getByTestId('annotation-count').textContent()).resolves.toBe('Eine Anmerkung');
    }
    await screenshot(coordinator.page, 'workspace-coordinator-de');
    await screenshot(viewer.page, 'workspace-viewer-de');
    expect(coordinator.errors).toEqual([]);
    expect(viewer.errors).toEqual([]);
    await coordinator.context.close();
    await viewer.context.close();
  });

  it('is keyboard-usable: a coordinator saves and restores a version', async () => {
    const { page, context, errors } = await openPage(t, { user: 'coordinator' });
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(PAGE);
    await status(page).and(page.locator('[data-status="saved"]')).waitFor();
    await page.getByTestId('version-name').focus();
    await page.keyboard.type('Sitzung der Strategiegruppe');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('version-message').textContent()).resolves.toContain('„Sitzung der Strategiegruppe“ gespeichert');
    await expect(page.getByTestId('version-list').textContent()).resolves.toContain(DEMO_USERS.coordinator.displayName);

    writer.doc.getMap('annotations').delete([...writer.doc.getMap('annotations').keys()][0]!);
    await page.getByTestId('annotation-count').filter({ hasText: 'Noch keine Anmerkungen' }).waitFor();
    // Restore works on the stored state: wait until the deletion is stored, not only broadcast.
    while (writer.provider.unsynced) await new Promise((resolve) => setTimeout(resolve, 20));
    await page.getByRole('button', { name: 'Wiederherstellen' }).first().click();
    await expect(page.getByTestId('version-message').textContent()).resolves.toContain('wiederhergestellt');
    await page.getByTestId('annotation-count').filter({ hasText: 'Eine Anmerkung' }).waitFor();
    await screenshot(page, 'workspace-versions-de');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows offline while the connection is lost and recovers by itself', async () => {
    const { page, context } = await openPage(t, { user: 'editor' });
    await page.goto(PAGE);
    await status(page).and(page.locator('[data-status="saved"]')).waitFor();
    await context.setOffline(true);
    // Cut the live connections as a dropped network would.
    const engine = t.app.get(CollabSocketServer).namespace!.server.engine as unknown as { clients: Record<string, { close(): void }> };
    for (const client of Object.values(engine.clients)) client.close();
    await status(page).and(page.locator('[data-status="offline"]')).waitFor();
    await expect(status(page).textContent()).resolves.toContain('Änderungen bleiben auf diesem Gerät');
    await screenshot(page, 'workspace-offline-de');
    await context.setOffline(false);
    await status(page).and(page.locator('[data-status="saved"]')).waitFor({ timeout: 15_000 });
    await context.close();
  });

  it('sends a member whose session ended while away to log in, and back into the workspace', async () => {
    const since = new Date();
    const { page, context, errors } = await openPage(t, { user: 'viewer' });
    await page.goto(PAGE);
    await status(page).and(page.locator('[data-status="saved"]')).waitFor();
    // The session expires while the laptop sleeps: only this page's session, not the test's own.
    await t.dataSource.query(`DELETE FROM auth_session WHERE user_id = $1 AND created_at >= $2`, [DEMO_USERS.viewer.id, since]);
    const engine = t.app.get(CollabSocketServer).namespace!.server.engine as unknown as { clients: Record<string, { close(): void }> };
    for (const client of Object.values(engine.clients)) client.close();

    // The socket's reconnect is refused (UNAUTHENTICATED): to the login, with the way back.
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('redirect') === PAGE, { timeout: 15_000 });
    await page.getByTestId('session-ended').waitFor();
    await expect(page.getByTestId('current-user').count()).resolves.toBe(0);
    await page.getByTestId('login-email').fill(DEMO_USERS.viewer.email);
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(`**${PAGE}`);
    await status(page).and(page.locator('[data-status="saved"]')).waitFor({ timeout: 15_000 });
    expect(errors.filter((e) => !/401|UNAUTHENTICATED|websocket/i.test(e))).toEqual([]);
    await context.close();
  });

  it('tells a member whose membership is revoked that access ended, and no longer shows the workspace', async () => {
    const asCoordinator = { authorization: `Bearer ${await t.login('coordinator')}`, 'content-type': 'application/json' };
    const member = `${t.baseUrl}/api/workspaces/${DEMO_WORKSPACE.id}/members/${DEMO_USERS.commenter.id}`;
    const restore = async () =>
      expect((await fetch(member, { method: 'PUT', headers: asCoordinator, body: JSON.stringify({ role: 'commenter' }) })).ok).toBe(true);
    const ended = (page: import('playwright-core').Page) => page.getByTestId('workspace-access-ended');
    /** Nothing of the workspace stays on screen: not the shared map, its name, the role or who is here. */
    const expectWorkspaceGone = async (page: import('playwright-core').Page) => {
      for (const id of ['annotation-count', 'workspace-name', 'workspace-role', 'presence-list', 'connection-status']) {
        await expect(page.getByTestId(id).count()).resolves.toBe(0);
      }
    };
    /** The member's offline copy of the canvas in IndexedDB (one per account, see WorkspacePage). */
    const localCopy = `lagebild:${DEMO_USERS.commenter.id}:workspace/${DEMO_WORKSPACE.id}/canvas`;
    const hasLocalCopy = (page: import('playwright-core').Page) =>
      page.evaluate(async (name) => (await indexedDB.databases()).some((db) => db.name === name), localCopy);
    /** The copy is deleted once access ended; IndexedDB deletes asynchronously, so wait briefly. */
    const expectLocalCopyGone = async (page: import('playwright-core').Page) => {
      const deadline = Date.now() + 5_000;
      while ((await hasLocalCopy(page)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      await expect(hasLocalCopy(page)).resolves.toBe(false);
    };
    /** With the membership back, loading the page again shows the workspace again. */
    const expectWorkspaceBack = async (page: import('playwright-core').Page) => {
      // "saved", not "saving": a reader's copy restored from IndexedDB that the server holds is not unsaved work.
      await status(page).and(page.locator('[data-status="saved"]')).waitFor();
      await page.getByTestId('annotation-count').waitFor();
      await expect(page.getByTestId('workspace-role').textContent()).resolves.toMatch(/Kommentieren|Commenter/);
      await expect(ended(page).count()).resolves.toBe(0);
    };

    const { page, context, errors } = await openPage(t, { user: 'commenter' });
    await page.goto(PAGE);
    await status(page).and(page.locator('[data-status="saved"]')).waitFor();
    await page.getByTestId('annotation-count').waitFor();
    await expect(hasLocalCopy(page)).resolves.toBe(true);
    expect((await fetch(member, { method: 'DELETE', headers: asCoordinator })).status).toBe(204);
    await ended(page).waitFor();
    await expect(ended(page).getAttribute('data-code')).resolves.toBe('FORBIDDEN');
    // Data protection: nothing of the workspace stays on the device of someone who lost access.
    await expectLocalCopyGone(page);
    await expect(page.getByRole('alert').getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Kein Zugriff mehr auf diesen Arbeitsbereich',
    );
    await expect(ended(page).textContent()).resolves.toContain('Die Mitgliedschaft wurde beendet');
    await expectWorkspaceGone(page);
    // The way on: the workspace list on the home page, which no longer offers this workspace.
    await ended(page).getByRole('link', { name: 'Zu Ihren Arbeitsbereichen' }).waitFor();
    await screenshot(page, 'workspace-revoked-de');
    await ended(page).getByTestId('access-ended-home').click();
    await page.waitForURL((url) => url.pathname === '/');
    await expect(page.getByTestId(`workspace-link-${DEMO_WORKSPACE.id}`).count()).resolves.toBe(0);
    // Opened again (a bookmark, a reload): the same card, and a copy left behind is deleted too,
    // e.g. from a tab that was closed while offline when the membership ended.
    await page.evaluate(
      (name) =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.open(name);
          request.onsuccess = () => {
            request.result.close();
            resolve();
          };
          request.onerror = () => reject(request.error);
        }),
      localCopy,
    );
    await expect(hasLocalCopy(page)).resolves.toBe(true);
    const loadErrors = errors.length;
    await page.goto(PAGE);
    await ended(page).waitFor();
    await expect(ended(page).getAttribute('data-code')).resolves.toBe('FORBIDDEN');
    // Opened anew, the page cannot tell a revoked member from someone who never belonged: no "mehr".
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Kein Zugriff auf diesen Arbeitsbereich');
    // In the test id that checks of an unknown workspace rely on; the server's reason only
    // repeats the heading, so it is not shown twice.
    await expect(ended(page).getByTestId('workspace-error').textContent()).resolves.not.toContain('Kein Zugriff auf diesen Arbeitsbereich.');
    await ended(page).getByRole('link', { name: 'Zu Ihren Arbeitsbereichen' }).waitFor();
    await expectWorkspaceGone(page);
    await expectLocalCopyGone(page);
    await screenshot(page, 'workspace-revoked-on-load-de');
    // The browser reports the refused requests (403) on its console; they are the expected answers.
    expect(errors.splice(loadErrors).filter((error) => !error.includes('403'))).toEqual([]);
    await restore();
    await page.goto(PAGE);
    await expectWorkspaceBack(page);
    expect(errors).toEqual([]);
    await context.close();

    // The same in English: the server words its refusal in the language the page connected in.
    const english = await openPage(t, { user: 'commenter', locale: 'en' });
    await english.page.goto(PAGE);
    await status(english.page).and(english.page.locator('[data-status="saved"]')).waitFor();
    expect((await fetch(member, { method: 'DELETE', headers: asCoordinator })).status).toBe(204);
    await ended(english.page).waitFor();
    await expect(english.page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('You no longer have access to this workspace');
    const text = (await ended(english.page).textContent()) ?? '';
    expect(text).toContain('No access to this document. The membership has ended.');
    expect(text).not.toContain('Mitgliedschaft');
    await ended(english.page).getByRole('link', { name: 'Back to your workspaces' }).waitFor();
    await expectWorkspaceGone(english.page);
    await screenshot(english.page, 'workspace-revoked-en');
    // Switched to German afterwards, the page words the refusal's code in German rather than keep the English text.
    await english.page.getByTestId('locale-select').selectOption('de');
    await ended(english.page).getByText('nicht oder nicht mehr Mitglied dieses Arbeitsbereichs').waitFor();
    await english.page.getByTestId('locale-select').selectOption('en');
    await ended(english.page).getByText('The membership has ended.').waitFor();
    await expectLocalCopyGone(english.page);
    const englishLoadErrors = english.errors.length;
    await english.page.goto(PAGE);
    await ended(english.page).getByTestId('workspace-error').waitFor();
    await expect(english.page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('No access to this workspace');
    await expect(ended(english.page).textContent()).resolves.not.toContain('No access to this workspace.');
    await ended(english.page).getByRole('link', { name: 'Back to your workspaces' }).waitFor();
    await screenshot(english.page, 'workspace-revoked-on-load-en');
    expect(english.errors.splice(englishLoadErrors).filter((error) => !error.includes('403'))).toEqual([]);
    await restore();
    await english.page.reload();
    await expectWorkspaceBack(english.page);
    expect(english.errors).toEqual([]);
    await english.context.close();
  });

  it('answers an unknown workspace with a clear message', async () => {
    const { page, context } = await openPage(t, { user: 'editor' });
    await page.goto(`/workspaces/${randomUUID()}`);
    await expect(page.getByTestId('workspace-error').textContent()).resolves.toContain('Kein Zugriff auf diesen Arbeitsbereich');
    await context.close();
  });

  it('is available in English', async () => {
    const { page, context, errors } = await openPage(t, { user: 'coordinator', locale: 'en' });
    await page.goto(PAGE);
    await status(page).and(page.locator('[data-status="saved"]')).waitFor();
    await expect(status(page).textContent()).resolves.toContain('All changes are saved');
    // Alone here once earlier pages' presence is gone (their removal may still be on its way).
    await page.getByRole('heading', { name: 'Here now (1)' }).waitFor();
    await expect(page.getByTestId('presence-list').textContent()).resolves.toContain(`${DEMO_USERS.coordinator.displayName} (you)`);
    await screenshot(page, 'workspace-coordinator-en');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits a narrow screen', async () => {
    const { page, context } = await openPage(t, { user: 'viewer', viewport: { width: 420, height: 900 } });
    await page.goto(PAGE);
    await status(page).and(page.locator('[data-status="saved"]')).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'workspace-narrow-de');
    await context.close();
  });
});
