import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, DEMO_USERS } from '../../seeds/index.js';
import { GLADBECK_INDICATORS } from '../../seeds/gladbeck/index.js';
import type { TestApp } from '../helpers/app.js';
import { screenshot, useBrowserApp } from '../helpers/browser.js';
import { germanNumber, indicatorList, valuesOf, waitForMap } from './atlas-support.js';

const session = useBrowserApp();
let t: TestApp;
const after: (() => Promise<void>)[] = [];
const publicKeys = GLADBECK_INDICATORS.filter((i) => i.isPublic).map((i) => i.key);
const internalKeys = GLADBECK_INDICATORS.filter((i) => !i.isPublic).map((i) => i.key);

beforeAll(async () => {
  t = session.app;
});
afterEach(async () => {
  for (const cleanup of after.splice(0)) await cleanup();
});
const open = session.open;

const optionValues = (page: Page) =>
  page.locator('[data-testid=indicator-select] option:not([disabled])').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));

describe('the public atlas', () => {
  it('offers an anonymous visitor only the public indicators, with suppression applied', async () => {
    expect(internalKeys.length).toBeGreaterThan(0);
    const { page, errors } = await open('/atlas');
    // Without an indicator in the link, the first public one is shown.
    await waitForMap(page);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=indicator-select] option').length > 5);
    const offered = await optionValues(page);
    expect([...offered].sort()).toEqual([...publicKeys].sort());
    for (const key of internalKeys) expect(offered).not.toContain(key);
    await expect(page.getByTestId('public-note').textContent()).resolves.toContain('Öffentlicher Atlas');
    await expect(page.getByTestId('login-link').isVisible()).resolves.toBe(true);

    // Suppression applies to the public too: the table says "nicht veröffentlicht" where the API hides a value.
    const suppressible = GLADBECK_INDICATORS.filter((i) => i.isPublic && i.suppressionThreshold !== null);
    let checked = 0;
    for (const indicator of suppressible) {
      const values = await valuesOf(t, indicator.key, '2015');
      if (!values.values.some((v) => v.suppressed)) continue;
      await page.goto(`/atlas?indicator=${indicator.key}&period=2015`);
      await waitForMap(page, indicator.key, '2015');
      for (const v of values.values) {
        const cell = (await page.locator(`[data-testid=atlas-table-row][data-area-key=${v.areaKey}] [data-column=value]`).textContent())!;
        if (v.suppressed) expect(cell).toContain('nicht veröffentlicht');
        else expect(germanNumber(cell)).toBe(v.value);
      }
      checked++;
      await screenshot(page, 'atlas-public-suppressed-de');
      break;
    }
    expect(checked).toBe(1);
    expect(errors).toEqual([]);
  });

  it('tells an anonymous visitor who follows a link to an internal indicator to log in, and shows it after login', async () => {
    const key = internalKeys[0]!;
    const { page } = await open(`/atlas?indicator=${key}&period=2020`);
    const alert = page.getByTestId('atlas-error');
    await expect(alert.textContent()).resolves.toContain(
      `Den Indikator „${key}“ gibt es nicht, oder er ist nur für angemeldete Mitglieder sichtbar.`,
    );
    await screenshot(page, 'atlas-public-login-required-de');
    await alert.getByRole('link', { name: 'Anmelden und erneut versuchen' }).click();
    await page.getByTestId('login-email').fill(DEMO_USERS.viewer.email);
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    // Back on the same link, now with the indicator.
    await waitForMap(page, key, '2020');
    expect(new URL(page.url()).searchParams.get('indicator')).toBe(key);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=indicator-select] option').length >= n, GLADBECK_INDICATORS.length);
    expect((await optionValues(page)).length).toBe((await indicatorList(t, 'viewer')).length);
    // Logging out hides the internal indicators again.
    await page.getByTestId('logout').click();
    await page.goto(`/atlas?indicator=${key}`);
    await page.getByTestId('atlas-error').waitFor();
  });

  it('lets a coordinator see raw values that the public sees suppressed', async () => {
    const publicKey = GLADBECK_INDICATORS.find((i) => i.isPublic && i.suppressionThreshold !== null)!.key;
    const anonymous = await valuesOf(t, publicKey, '2015');
    const raw = await valuesOf(t, publicKey, '2015', 'coordinator');
    const hidden = anonymous.values.find((v) => v.suppressed);
    if (!hidden) return expect(anonymous.values.every((v) => !v.suppressed)).toBe(true);
    const { page } = await open(`/atlas?indicator=${publicKey}&period=2015`, { user: 'coordinator' });
    await waitForMap(page, publicKey, '2015');
    const cell = await page.locator(`[data-testid=atlas-table-row][data-area-key=${hidden.areaKey}] [data-column=value]`).textContent();
    expect(germanNumber(cell!)).toBe(raw.values.find((v) => v.areaKey === hidden.areaKey)!.value);
  });
});

describe('the start page', () => {
  it('leads to the atlas and to the topics of the catalogue', async () => {
    const { page, errors } = await open('/');
    await page.locator('.topic-grid a').first().waitFor();
    const topics = await page.locator('.topic-grid a .topic-name').allTextContents();
    expect(topics).toContain('Arbeit & Armut');
    await screenshot(page, 'home-de');
    await page.getByTestId('home-atlas').click();
    await waitForMap(page);
    expect(new URL(page.url()).pathname).toBe('/atlas');
    expect(errors).toEqual([]);
    const en = await open('/', { locale: 'en' });
    await en.page.locator('.topic-grid a').first().waitFor();
    await screenshot(en.page, 'home-en');
  });
});

describe('the embeddable map', () => {
  it('shows map, legend and source without any chrome, and may be framed by other sites', async () => {
    const { page, errors } = await open('/embed/atlas?indicator=sgb2_rate&period=2022');
    await waitForMap(page, 'sgb2_rate', '2022');
    await expect(page.getByTestId('embed-atlas').isVisible()).resolves.toBe(true);
    await expect(page.locator('header.app-header').count()).resolves.toBe(0);
    await expect(page.getByTestId('indicator-select').count()).resolves.toBe(0);
    await expect(page.getByTestId('legend-class').count()).resolves.toBe(5);
    await expect(page.getByTestId('source-line').textContent()).resolves.toContain('Quelle:');
    const open_ = await page.getByTestId('embed-open').getAttribute('href');
    expect(open_).toBe('/atlas?indicator=sgb2_rate&period=2022');
    await screenshot(page, 'embed-de');
    expect(errors).toEqual([]);

    const response = await page.request.get('/embed/atlas?indicator=sgb2_rate');
    expect(response.headers()['x-frame-options']).toBeUndefined();
    expect(response.headers()['content-security-policy']).toContain('frame-ancestors *');
    const atlas = await page.request.get('/atlas');
    expect(atlas.headers()['content-security-policy']).toContain("frame-ancestors 'self'");
  });

  it('renders inside an iframe of another site, while the full atlas refuses to be framed', async () => {
    // A page on another origin that frames the embed, as the city's website would.
    const html = `<!doctype html><meta charset="utf-8"><h1>Ratsvorlage</h1>
      <iframe id="embed" src="${t.baseUrl}/embed/atlas?indicator=gps_per_10000&period=2020" width="900" height="520"></iframe>
      <iframe id="full" src="${t.baseUrl}/atlas?indicator=gps_per_10000&period=2020" width="300" height="200"></iframe>`;
    const site = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const { page } = await open('/login');
    await page.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
    after.push(() => new Promise<void>((resolve) => site.close(() => resolve())));
    const embed = page.frameLocator('#embed');
    await embed.getByTestId('legend-class').first().waitFor({ timeout: 20_000 });
    await expect(embed.getByTestId('embed-atlas').isVisible()).resolves.toBe(true);
    await page.waitForTimeout(1000);
    await expect(page.frameLocator('#full').getByTestId('atlas-title').count()).resolves.toBe(0);
    await screenshot(page, 'embed-in-iframe-de');
  });

  it('keeps map, legend and source line in view and apart in small frames', async () => {
    // A flat frame beside a text, and an upright one on a phone.
    for (const viewport of [
      { width: 480, height: 320 },
      { width: 400, height: 600 },
    ]) {
      const { page } = await open('/embed/atlas?indicator=sgb2_rate&period=2022', { viewport });
      await waitForMap(page, 'sgb2_rate', '2022');
      const box = async (selector: string) => (await page.locator(selector).boundingBox())!;
      const [map, legend, source] = await Promise.all([box('.embed-map'), box('.embed-legend'), box('[data-testid=source-line]')]);
      const inView = (b: { y: number; height: number }) => b.y >= 0 && b.y + b.height <= viewport.height + 0.5;
      const apart = (a: typeof map, b: typeof map) =>
        a.x + a.width <= b.x + 0.5 || b.x + b.width <= a.x + 0.5 || a.y + a.height <= b.y + 0.5 || b.y + b.height <= a.y + 0.5;
      expect({ viewport, map: inView(map), legend: inView(legend), source: inView(source) }).toEqual({
        viewport,
        map: true,
        legend: true,
        source: true,
      });
      expect([apart(map, legend), apart(map, source), apart(legend, source)]).toEqual([true, true, true]);
      // Map and legend both keep a usable size; the legend scrolls in its box when it must.
      expect(map.height).toBeGreaterThanOrEqual(120);
      expect(legend.height).toBeGreaterThanOrEqual(80);
      // The narrow legend sets its classes compactly: every class is readable without scrolling.
      const classes = await page.getByTestId('legend-class').evaluateAll((rows) => rows.map((row) => row.getBoundingClientRect().bottom));
      expect(classes.length).toBeGreaterThanOrEqual(3);
      expect(classes.filter((bottom) => bottom > legend.y + legend.height + 0.5)).toEqual([]);
      await screenshot(page, `embed-${viewport.width}x${viewport.height}-de`);
    }
  });

  it('says clearly when the embedded indicator does not exist, in English too', async () => {
    const { page } = await open('/embed/atlas?indicator=nope&period=2020', { locale: 'en' });
    await expect(page.getByTestId('atlas-error').textContent()).resolves.toContain('There is no indicator “nope”');
    await screenshot(page, 'embed-unknown-en');
    const ok = await open('/embed/atlas?indicator=sgb2_rate&period=2022', { locale: 'en' });
    await waitForMap(ok.page, 'sgb2_rate', '2022');
    await screenshot(ok.page, 'embed-en');
  });
});
