import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { GLADBECK_INDICATORS } from '../../seeds/gladbeck/index.js';
import { startTestApp } from '../helpers/app.js';
import { screenshot, useBrowserApp } from '../helpers/browser.js';
import { createTestDatabase } from '../helpers/database.js';
import { startDatabaseProxy, type DatabaseProxy } from '../helpers/database-proxy.js';
import { waitForMap } from './atlas-support.js';

// The app reaches its database through a relay the test can cut: a real outage for the app,
// with the real 503 and Retry-After from the server.
let proxy: DatabaseProxy;
const session = useBrowserApp({}, async () => {
  const database = await createTestDatabase();
  proxy = await startDatabaseProxy(database.url);
  const app = await startTestApp({}, { database: { ...database, url: proxy.url } });
  return {
    ...app,
    async close() {
      await app.close();
      await proxy.close();
      await database.drop();
    },
  };
});

const [first, second, third] = GLADBECK_INDICATORS.filter((i) => i.isPublic).map((i) => i.key);
const notice = (page: Page) => page.getByTestId('server-unavailable');
/** The browser logs every failed request; those of the outage are expected, anything else is not. */
const unexpected = (errors: string[]) => errors.filter((e) => !/status of 503/.test(e));

describe('a page during a database outage', () => {
  it('tells the reader, tries again by itself, and shows the data once the database is back', async () => {
    const { page, errors } = await session.open(`/atlas?indicator=${first}&period=2020`);
    await waitForMap(page, first, '2020');
    await expect(notice(page).isVisible()).resolves.toBe(false);

    proxy.cut();
    await page.getByTestId('indicator-select').selectOption(second);
    await notice(page).waitFor({ state: 'visible', timeout: 15_000 });
    await expect(page.getByTestId('server-unavailable-message').textContent()).resolves.toContain('Die Datenbank ist gerade nicht erreichbar');
    await expect(page.getByTestId('server-unavailable-countdown').textContent()).resolves.toMatch(/Neuer Versuch (in \d Sekunden?|läuft)/);
    await screenshot(page, 'outage-notice-de');

    // Back without anyone touching the page: the next try (after the server's Retry-After) succeeds.
    proxy.restore();
    const backAt = Date.now();
    await waitForMap(page, second);
    expect(Date.now() - backAt).toBeLessThan(16_000);
    await notice(page).waitFor({ state: 'hidden' });

    // "Try again now" does not wait for the countdown.
    proxy.cut();
    await page.getByTestId('indicator-select').selectOption(third);
    await notice(page).waitFor({ state: 'visible', timeout: 15_000 });
    proxy.restore();
    const clickedAt = Date.now();
    await page.getByTestId('server-unavailable-retry').click();
    await waitForMap(page, third);
    expect(Date.now() - clickedAt).toBeLessThan(4_000);
    await notice(page).waitFor({ state: 'hidden' });

    expect(unexpected(errors)).toEqual([]);
  });

  it('shows the notice in English for English readers', async () => {
    const { page, errors } = await session.open(`/atlas?indicator=${first}&period=2015`, { locale: 'en' });
    await waitForMap(page, first, '2015');
    proxy.cut();
    try {
      await page.getByTestId('indicator-select').selectOption(second);
      await notice(page).waitFor({ state: 'visible', timeout: 15_000 });
      await expect(page.getByTestId('server-unavailable-message').textContent()).resolves.toContain('database');
      await expect(page.getByTestId('server-unavailable-countdown').textContent()).resolves.toMatch(/Trying again/);
      await expect(page.getByTestId('server-unavailable-retry').textContent()).resolves.toBe('Try again now');
      await screenshot(page, 'outage-notice-en');
    } finally {
      proxy.restore();
    }
    await page.getByTestId('server-unavailable-retry').click();
    await waitForMap(page, second);
    expect(unexpected(errors)).toEqual([]);
  });
});
