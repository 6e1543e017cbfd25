import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_PASSWORD, DEMO_USERS } from '../../seeds/index.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { closeBrowser, openPage, screenshot } from '../helpers/browser.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await closeBrowser();
  await t.close();
});

describe('login page', () => {
  it('logs a member in from /login and shows their workspace', async () => {
    const { page, context, errors } = await openPage(t);
    await page.goto('/login');
    await screenshot(page, 'login-de');
    await page.getByTestId('login-email').fill(DEMO_USERS.coordinator.email);
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('current-user').textContent()).resolves.toContain('Katrin Kowalski');
    await expect(page.getByTestId('workspace-list').textContent()).resolves.toContain('Strategiegruppe Integrierte Sozialplanung');
    await screenshot(page, 'home-logged-in-de');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a clear message for a wrong password and stays on the page', async () => {
    const { page, context } = await openPage(t);
    await page.goto('/login');
    await page.getByTestId('login-email').fill(DEMO_USERS.viewer.email);
    await page.getByTestId('login-password').fill('falsch-falsch');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error').textContent()).resolves.toContain('E-Mail-Adresse oder Passwort ist falsch');
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });

  it('a login through the API cookie also logs in the browser', async () => {
    const { page, context } = await openPage(t, { user: 'editor' });
    await page.goto('/');
    await expect(page.getByTestId('current-user').textContent()).resolves.toContain('Paul Peters');
    await page.getByTestId('logout').click();
    await page.getByTestId('login-link').waitFor();
    await context.close();
  });

  it('notices a session that ended elsewhere, sends the user to log in, and brings them back', async () => {
    const { page, context, errors } = await openPage(t, { user: 'coordinator' });
    await page.goto('/');
    await expect(page.getByTestId('current-user').textContent()).resolves.toContain('Katrin Kowalski');
    // The session ends on the server (expired, or revoked by an administrator) while the page is open.
    await t.dataSource.query(`DELETE FROM auth_session WHERE user_id = (SELECT id FROM app_user WHERE email = $1)`, [DEMO_USERS.coordinator.email]);

    // The next page that needs a login finds out from its first request, without a reload.
    await page.getByTestId('nav-stewardship').click();
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('redirect') === '/stewardship/imports');
    await expect(page.getByTestId('session-ended').textContent()).resolves.toContain('Ihre Anmeldung ist abgelaufen');
    await page.getByTestId('login-link').waitFor();
    await expect(page.getByTestId('current-user').count()).resolves.toBe(0);
    await screenshot(page, 'login-session-ended-de');

    await page.getByTestId('login-email').fill(DEMO_USERS.coordinator.email);
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => url.pathname === '/stewardship/imports');
    await expect(page.getByTestId('session-ended').count()).resolves.toBe(0);
    await expect(page.getByTestId('current-user').textContent()).resolves.toContain('Katrin Kowalski');
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
    await context.close();
  });

  it('is available in English', async () => {
    const { page, context } = await openPage(t, { locale: 'en' });
    await page.goto('/login');
    await expect(page.getByTestId('login-submit').textContent()).resolves.toContain('Log in');
    await screenshot(page, 'login-en');
    await context.close();
  });
});
