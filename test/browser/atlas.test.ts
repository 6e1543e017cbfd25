import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { AreaFeatureCollection, IndicatorValuesResponse } from '@lagebild/shared';
import type { TestApp } from '../helpers/app.js';
import { openPage, screenshot, useBrowserApp, type TestPage } from '../helpers/browser.js';
import { DEMO_GEOMETRY_NOTE_EN, GLADBECK_INDICATORS } from '../../seeds/gladbeck/index.js';
import {
  canvasPixel,
  districts,
  germanNumber,
  legendClassOf,
  legendEntries,
  screenPosition,
  valuesOf,
  waitForMap,
  waitForParam,
} from './atlas-support.js';

const session = useBrowserApp({ user: 'viewer' });
let t: TestApp;
let areas: AreaFeatureCollection;
let sgb2020: IndicatorValuesResponse;

beforeAll(async () => {
  t = session.app;
  areas = await districts(t);
  sgb2020 = await valuesOf(t, 'sgb2_rate', '2020', 'viewer');
});
const open = session.open;

const centroidOf = (key: string) => areas.features.find((f) => f.id === key)!.properties.centroid!;
const nameOf = (key: string) => areas.features.find((f) => f.id === key)!.properties.name;

async function tableValues(page: Page): Promise<Map<string, string>> {
  const rows = await page
    .getByTestId('atlas-table-row')
    .evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-area-key')!, tr.querySelector('[data-column=value]')!.textContent!.trim()] as [string, string]),
    );
  return new Map(rows);
}

describe('the map of one selection', () => {
  // One page for these tests: each map costs seconds of shader compiling on software WebGL.
  let shared: TestPage;
  beforeAll(async () => {
    shared = await openPage(t, { user: 'viewer' });
    await shared.page.goto('/atlas?indicator=sgb2_rate&period=2020');
    await waitForMap(shared.page, 'sgb2_rate', '2020');
  });
  afterAll(async () => {
    await shared.context.close();
  });

  it('shows the indicator of the link as a coloured map with legend and table, in German', async () => {
    const { page, errors } = shared;
    await expect(page.getByTestId('atlas-title').textContent()).resolves.toContain('SGB-II-Quote');
    await expect(page.getByTestId('indicator-select').inputValue()).resolves.toBe('sgb2_rate');
    await expect(page.getByTestId('period-select').inputValue()).resolves.toBe('2020');
    await expect(page.getByTestId('classification-select').inputValue()).resolves.toBe('quantile');
    await expect(page.getByTestId('legend-class').count()).resolves.toBe(5);
    await expect(page.getByTestId('atlas-table-row').count()).resolves.toBe(10);
    expect(await page.locator('[data-testid=atlas-map] canvas').count()).toBe(1);
    // The legend counts every area once, and names the suppressed and missing ones.
    const legend = await legendEntries(page);
    expect(legend.reduce((s, e) => s + e.count, 0)).toBe(10);
    await expect(page.getByTestId('legend').textContent()).resolves.toMatch(/nicht veröffentlicht[\s\S]*keine Daten/);
    // The table shows exactly the API's values, in German number format.
    const shown = await tableValues(page);
    for (const v of sgb2020.values) expect(germanNumber(shown.get(v.areaKey)!)).toBe(v.value);
    await expect(page.getByTestId('atlas-table-reference').textContent()).resolves.toContain('Gladbeck');
    await expect(page.getByTestId('source-line').textContent()).resolves.toMatch(/Quelle: .*Stand \d\d\.\d\d\.\d{4}/);
    await page.locator('thead th', { hasText: 'Veränderung seit 2019' }).waitFor();
    await screenshot(page, 'atlas-de');
    expect(errors).toEqual([]);
  });

  it("colours every area's centre pixel with the colour of its legend class", async () => {
    const { page } = shared;
    const legend = await legendEntries(page);
    const seen = new Set<string>();
    for (const cell of sgb2020.values) {
      const entry = legendClassOf(legend, cell.value!);
      expect(entry).toBeDefined();
      const pixel = await canvasPixel(page, await screenPosition(page, centroidOf(cell.areaKey)));
      expect({ area: cell.areaKey, pixel }).toEqual({ area: cell.areaKey, pixel: entry!.color });
      seen.add(pixel);
    }
    expect(seen.size).toBe(5);
    // The legend swatch shows the same colour as the map.
    const swatch = await page
      .getByTestId('legend-class')
      .first()
      .locator('.swatch')
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    const [r, g, b] = legend[0]!.color.match(/[0-9a-f]{2}/g)!.map((h) => parseInt(h, 16));
    expect(swatch).toBe(`rgb(${r}, ${g}, ${b})`);
  });

  it('shows name, value with unit, rank and difference to the city on hover', async () => {
    const { page } = shared;
    const box = (await page.getByTestId('atlas-map').boundingBox())!;
    const pos = await screenPosition(page, centroidOf('brauck'));
    await page.mouse.move(box.x + pos.x, box.y + pos.y);
    const tooltip = page.getByTestId('map-tooltip');
    await tooltip.waitFor();
    const text = (await tooltip.textContent())!;
    const brauck = sgb2020.values.find((v) => v.areaKey === 'brauck')!;
    const ranked = [...sgb2020.values].sort((a, b) => b.value! - a.value!);
    const diff = Math.round((brauck.value! - sgb2020.reference!.value!) * 10) / 10;
    expect(text).toContain('Brauck');
    expect(text).toContain(`${brauck.value!.toFixed(1).replace('.', ',')} %`);
    expect(text).toContain(`Rang ${ranked.findIndex((v) => v.areaKey === 'brauck') + 1} von 10`);
    expect(text).toContain(`${diff > 0 ? '+' : '\u2212'}${Math.abs(diff).toFixed(1).replace('.', ',')} Prozentpunkte gegenüber Gladbeck`);
    await screenshot(page, 'atlas-tooltip-de');
    await page.mouse.move(box.x + 3, box.y + 3);
    await tooltip.waitFor({ state: 'detached' });
  });

  it('sorts the table by any column', async () => {
    const { page } = shared;
    const order = () => page.getByTestId('atlas-table-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-area-key')));
    const byValue = [...sgb2020.values].sort((a, b) => b.value! - a.value!).map((v) => v.areaKey);
    await expect(order()).resolves.toEqual(byValue);
    await page.getByTestId('sort-measure').click();
    await expect(order()).resolves.toEqual(byValue);
    await expect(page.locator('th[aria-sort=descending]').count()).resolves.toBe(1);
    await page.getByTestId('sort-measure').click();
    await expect(order()).resolves.toEqual([...byValue].reverse());
    await page.getByTestId('sort-name').click();
    const names = await page.getByTestId('atlas-table-row').evaluateAll((rows) => rows.map((r) => r.querySelector('th')!.textContent!.trim()));
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'de')));
  });

  it('selects an area by clicking the map and outlines it', async () => {
    const { page } = shared;
    // Sorting scrolled the table into view; bring the map back.
    await page.evaluate(() => window.scrollTo(0, 0));
    const box = (await page.getByTestId('atlas-map').boundingBox())!;
    const pos = await screenPosition(page, centroidOf('butendorf'));
    await page.mouse.click(box.x + pos.x, box.y + pos.y);
    await page.waitForFunction(() => new URL(location.href).searchParams.get('area') === 'butendorf');
    await expect(page.locator('[data-testid=atlas-table-row][data-selected=true]').getAttribute('data-area-key')).resolves.toBe('butendorf');
    await expect(page.getByTestId('area-select').inputValue()).resolves.toBe('butendorf');
    // The outline runs along the border; the centre keeps its class colour.
    const legend = await legendEntries(page);
    const value = sgb2020.values.find((v) => v.areaKey === 'butendorf')!.value!;
    expect(await canvasPixel(page, await screenPosition(page, centroidOf('butendorf')))).toBe(legendClassOf(legend, value)!.color);
  });

  it('hides area names on request', async () => {
    const { page } = shared;
    await page.getByTestId('labels-toggle').uncheck();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('labels') === '0');
    await screenshot(page, 'atlas-no-labels-de');
  });
});

describe('switching', () => {
  it('recolours on indicator and period switch without fetching the geometry again', async () => {
    const { page } = await open('/atlas?indicator=sgb2_rate&period=2020');
    await waitForMap(page, 'sgb2_rate', '2020');
    const areaRequests: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/areas') areaRequests.push(r.url());
    });
    const before = await canvasPixel(page, await screenPosition(page, centroidOf('brauck')));
    await page.getByTestId('indicator-select').selectOption('gps_per_10000');
    await waitForMap(page, 'gps_per_10000');
    await waitForParam(page, 'indicator', 'gps_per_10000');
    await page.getByTestId('period-select').selectOption('2015');
    await waitForMap(page, 'gps_per_10000', '2015');
    const gps = await valuesOf(t, 'gps_per_10000', '2015', 'viewer');
    const legend = await legendEntries(page);
    const brauck = gps.values.find((v) => v.areaKey === 'brauck')!;
    const after = await canvasPixel(page, await screenPosition(page, centroidOf('brauck')));
    expect(after).toBe(legendClassOf(legend, brauck.value!)!.color);
    expect(after).not.toBe(before);
    expect(areaRequests).toEqual([]);
  });

  it('draws suppressed areas hatched and missing ones grey, and says so in legend, tooltip and table', async () => {
    // One area without a value: delete it from the database of this test.
    await t.dataSource.query(
      `DELETE FROM indicator_value WHERE period = '2018' AND indicator_id = (SELECT id FROM indicator WHERE key = 'sgb2_rate') AND area_id = (SELECT id FROM area WHERE key = 'zweckel')`,
    );
    const { page } = await open('/atlas?indicator=sgb2_rate&period=2018');
    await waitForMap(page, 'sgb2_rate', '2018');
    await expect(page.getByTestId('legend-missing').getAttribute('data-count')).resolves.toBe('1');
    await expect(page.getByTestId('legend-class').count()).resolves.toBe(5);
    const zweckel = page.locator('[data-testid=atlas-table-row][data-area-key=zweckel]');
    await expect(zweckel.textContent()).resolves.toContain('keine Daten');
    expect(await canvasPixel(page, await screenPosition(page, centroidOf('zweckel')))).toBe('#bfc4ca');

    // Suppression: find a selection where the viewer sees suppressed cells.
    let found: { key: string; period: string; values: IndicatorValuesResponse } | null = null;
    for (const key of ['refugees_municipal_housing', 'integration_assistance_cases', 'child_protection_cases_per_1000', 'rent_arrears_notices']) {
      for (const period of ['2020', '2015', '2024']) {
        const values = await valuesOf(t, key, period, 'viewer');
        if (values.values.some((v) => v.suppressed)) found ??= { key, period, values };
      }
    }
    expect(found).not.toBeNull();
    await page.goto(`/atlas?indicator=${found!.key}&period=${found!.period}`);
    await waitForMap(page, found!.key, found!.period);
    const hidden = found!.values.values.filter((v) => v.suppressed);
    await expect(page.getByTestId('legend-suppressed').getAttribute('data-count')).resolves.toBe(String(hidden.length));
    for (const cell of hidden) {
      await expect(page.locator(`[data-testid=atlas-table-row][data-area-key=${cell.areaKey}]`).textContent()).resolves.toContain(
        'nicht veröffentlicht',
      );
      // The centre is white or a hatch line, never a class colour.
      const pixel = await canvasPixel(page, await screenPosition(page, centroidOf(cell.areaKey)));
      expect(['#ffffff', '#6b7480'].some((c) => pixel === c) || /^#([89a-f][0-9a-f]){3}$/.test(pixel)).toBe(true);
    }
    const box = (await page.getByTestId('atlas-map').boundingBox())!;
    const pos = await screenPosition(page, centroidOf(hidden[0]!.areaKey));
    await page.mouse.move(box.x + pos.x, box.y + pos.y);
    await expect(page.getByTestId('map-tooltip').textContent()).resolves.toContain('nicht veröffentlicht');
    await screenshot(page, 'atlas-suppressed-de');
  });

  it('switches classification and class count, and restores both from the link', async () => {
    const { page } = await open('/atlas?indicator=sgb2_rate&period=2020');
    await waitForMap(page, 'sgb2_rate', '2020', 'quantile');
    await page.getByTestId('classification-select').selectOption('equal_interval');
    await waitForMap(page, 'equal_interval');
    let legend = await legendEntries(page);
    const widths = legend.map((e) => e.to - e.from);
    for (const w of widths) expect(w).toBeCloseTo(widths[0]!, 0);
    await page.getByTestId('classes-select').selectOption('7');
    await waitForMap(page, 'equal_interval', '7');
    await expect(page.getByTestId('legend-class').count()).resolves.toBe(7);
    await page.getByTestId('classification-select').selectOption('natural_breaks');
    await waitForMap(page, 'natural_breaks', '7');
    await page.getByTestId('classification-select').selectOption('std_dev');
    await waitForMap(page, 'std_dev', '7');
    await waitForParam(page, 'classification', 'std_dev');
    await waitForParam(page, 'classes', '7');
    legend = await legendEntries(page);
    await page.reload();
    await waitForMap(page, 'std_dev', '7');
    expect(await legendEntries(page)).toEqual(legend);
    await expect(page.getByTestId('classification-select').inputValue()).resolves.toBe('std_dev');

    // Split the colours at the city value: higher is worse, so above the city is red, below blue.
    await page.getByTestId('classification-select').selectOption('quantile');
    await page.getByTestId('diverging-toggle').check();
    await waitForMap(page, 'quantile', 'true');
    const diverging = await legendEntries(page);
    const city = sgb2020.reference!.value!;
    expect(diverging.some((e) => e.from === city)).toBe(true);
    for (const e of diverging) {
      const [r, , b] = e.color.match(/[0-9a-f]{2}/g)!.map((h) => parseInt(h, 16));
      if (e.from >= city) expect(r).toBeGreaterThan(b!);
      else expect(b).toBeGreaterThan(r!);
    }
    await waitForParam(page, 'diverging', '1');
  });

  it('takes manual class limits in any order and rejects unreadable ones with a message', async () => {
    const { page } = await open('/atlas?indicator=sgb2_rate&period=2020');
    await waitForMap(page, 'sgb2_rate', '2020');
    await page.getByTestId('classification-select').selectOption('manual');
    await waitForMap(page, 'manual');
    await page.getByTestId('breaks-input').fill('20; 12,5');
    // The page redraws while someone types (here: a hover tooltip); the typed limits must stay.
    await page.getByTestId('atlas-map').hover();
    await page.getByTestId('map-tooltip').waitFor();
    await expect(page.getByTestId('breaks-input').inputValue()).resolves.toBe('20; 12,5');
    await page.getByTestId('breaks-apply').click();
    await waitForMap(page, 'manual', '12.5,20');
    const legend = await legendEntries(page);
    expect(legend.map((e) => [e.from, e.to])).toEqual([
      [7.4, 12.5],
      [12.5, 20],
      [20, 25.7],
    ]);
    await waitForParam(page, 'breaks', '12.5,20');
    const before = page.url();
    await page.getByTestId('breaks-input').fill('10; zehn');
    await page.getByTestId('breaks-apply').click();
    await expect(page.getByTestId('breaks-error').textContent()).resolves.toContain('„zehn“ ist keine Zahl');
    expect(page.url()).toBe(before);
    await expect(page.getByTestId('legend-class').count()).resolves.toBe(3);
  });
});

describe('periods', () => {
  it('moves through the periods with the slider and plays the time series', async () => {
    const { page } = await open('/atlas?indicator=sgb2_rate&period=2013');
    await waitForMap(page, 'sgb2_rate', '2013');
    const slider = page.getByTestId('period-slider');
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await waitForMap(page, 'sgb2_rate', '2014');
    await expect(page.getByTestId('period-select').inputValue()).resolves.toBe('2014');
    await page.getByTestId('period-play').click();
    await expect(page.getByTestId('period-play').getAttribute('aria-pressed')).resolves.toBe('true');
    await waitForMap(page, 'sgb2_rate', '2016');
    await page.getByTestId('period-play').click();
    await expect(page.getByTestId('period-play').getAttribute('aria-pressed')).resolves.toBe('false');
    const stoppedAt = await page.getByTestId('period-select').inputValue();
    await waitForParam(page, 'period', stoppedAt);
    await page.waitForTimeout(1800);
    expect(new URL(page.url()).searchParams.get('period')).toBe(stoppedAt);
    const values = await valuesOf(t, 'sgb2_rate', stoppedAt!, 'viewer');
    const shown = await tableValues(page);
    for (const v of values.values) expect(germanNumber(shown.get(v.areaKey)!)).toBe(v.value);
  });

  it('maps the change between two periods in percentage points and in percent', async () => {
    const { page } = await open('/atlas?indicator=sgb2_rate&period=2024');
    await waitForMap(page, 'sgb2_rate', '2024');
    await page.getByTestId('mode-change').check();
    await waitForMap(page, 'change');
    await page.getByTestId('base-select').selectOption('2019');
    await waitForMap(page, 'change', '2019');
    const [from, to] = await Promise.all([valuesOf(t, 'sgb2_rate', '2019', 'viewer'), valuesOf(t, 'sgb2_rate', '2024', 'viewer')]);
    const shown = await tableValues(page);
    for (const v of to.values) {
      const base = from.values.find((x) => x.areaKey === v.areaKey)!;
      expect(germanNumber(shown.get(v.areaKey)!)).toBeCloseTo(v.value! - base.value!, 5);
    }
    await expect(page.getByTestId('atlas-title').textContent()).resolves.toContain('Veränderung 2019–2024 (Prozentpunkte)');
    // The change map diverges around "no change".
    const legend = await legendEntries(page);
    const changes = to.values.map((v) => v.value! - from.values.find((x) => x.areaKey === v.areaKey)!.value!);
    if (Math.min(...changes) < 0 && Math.max(...changes) > 0) expect(legend.some((e) => e.from === 0)).toBe(true);
    await screenshot(page, 'atlas-change-de');
    await page.getByTestId('change-kind-select').selectOption('relative');
    await waitForMap(page, 'change', 'relative');
    const relative = await tableValues(page);
    const brauckFrom = from.values.find((x) => x.areaKey === 'brauck')!.value!;
    const brauckTo = to.values.find((x) => x.areaKey === 'brauck')!.value!;
    expect(germanNumber(relative.get('brauck')!)).toBeCloseTo(Math.round(((brauckTo - brauckFrom) / brauckFrom) * 1000) / 10, 5);
    await waitForParam(page, 'change', 'relative');
    const url = new URL(page.url());
    expect([url.searchParams.get('mode'), url.searchParams.get('base')]).toEqual(['change', '2019']);
  });
});

describe('URL state', () => {
  it('restores indicator, period, classification, classes, area and viewport from a link', async () => {
    const link = '/atlas?indicator=share_65_plus&period=2019&classification=natural_breaks&classes=4&view=6.99000,51.57000,13.00&area=mitte-1';
    const { page } = await open(link);
    await waitForMap(page, 'share_65_plus', '2019', 'natural_breaks', '4');
    const camera = (await page.getByTestId('atlas-map').getAttribute('data-camera'))!.split(',').map(Number);
    expect(camera[0]).toBeCloseTo(6.99, 4);
    expect(camera[1]).toBeCloseTo(51.57, 4);
    expect(camera[2]).toBeCloseTo(13, 2);
    await expect(page.getByTestId('area-select').inputValue()).resolves.toBe('mitte-1');
    await expect(page.getByTestId('profile-link').getAttribute('href')).resolves.toBe('/areas/mitte-1');
    expect((await legendEntries(page)).length).toBeLessThanOrEqual(4);

    // Panning with the keyboard writes the new viewport into the link.
    await page.locator('[data-testid=atlas-map] canvas').focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('view') !== '6.99000,51.57000,13.00', null, { timeout: 5000 });
    const moved = new URL(page.url()).searchParams.get('view')!;
    expect(Number(moved.split(',')[0])).toBeGreaterThan(6.99);
    await page.reload();
    await waitForMap(page, 'share_65_plus');
    const restored = (await page.getByTestId('atlas-map').getAttribute('data-camera'))!.split(',').map(Number);
    expect(restored[0]).toBeCloseTo(Number(moved.split(',')[0]), 4);
    // "Whole city" drops the viewport from the link again.
    await page.getByTestId('map-fit').click();
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('view'));
  });

  it('fetches geometry, values and config of a link once, signed in or not', async () => {
    const link = '/atlas?indicator=sgb2_rate&period=2024';
    for (const user of [undefined, 'viewer'] as const) {
      const { page, context } = await openPage(t, { user });
      const requested: string[] = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.pathname.startsWith('/api/')) requested.push(url.pathname + url.search);
      });
      await page.goto(link);
      await waitForMap(page, 'sgb2_rate', '2024');
      // The requests that follow the first frame (catalogue, previous period) have settled too.
      await page.waitForLoadState('networkidle');
      const count = (path: string) => requested.filter((r) => r === path).length;
      // Once each: the boot preload and the route used to ask for the same three on a first visit.
      expect([
        count('/api/areas?level=district'),
        count('/api/indicators/sgb2_rate/values?period=2024&level=district'),
        count('/api/config'),
      ]).toEqual([1, 1, 1]);
      await context.close();
    }
  });

  it('explains an unknown indicator instead of showing a blank page', async () => {
    const { page, errors } = await open('/atlas?indicator=gibt_es_nicht&period=2020');
    const alert = page.getByTestId('atlas-error');
    await expect(alert.textContent()).resolves.toContain('Den Indikator „gibt_es_nicht“ gibt es nicht');
    await expect(page.getByTestId('indicator-select').isVisible()).resolves.toBe(true);
    await screenshot(page, 'atlas-unknown-indicator-de');
    await page.getByTestId('indicator-select').selectOption('sgb2_rate');
    await waitForMap(page, 'sgb2_rate');
    await expect(alert.count()).resolves.toBe(0);
    expect(errors.filter((e) => !e.includes('404'))).toEqual([]);
  });

  it('explains an unknown period and offers the latest one', async () => {
    const { page } = await open('/atlas?indicator=sgb2_rate&period=1999');
    await expect(page.getByTestId('atlas-error').textContent()).resolves.toContain(
      'Für „SGB-II-Quote“ gibt es keine Werte für den Zeitraum „1999“. Verfügbar sind 2013 bis 2024.',
    );
    await screenshot(page, 'atlas-unknown-period-de');
    await page.getByTestId('atlas-latest').click();
    await waitForMap(page, 'sgb2_rate', '2024');
    await waitForParam(page, 'period', '2024');
  });

  it('names link parameters it could not use and falls back to defaults', async () => {
    const { page } = await open('/atlas?indicator=sgb2_rate&period=2020&classes=42&classification=astrologie');
    await waitForMap(page, 'sgb2_rate', '2020', 'quantile', '5');
    await expect(page.getByTestId('atlas-invalid').textContent()).resolves.toMatch(/Klassifikation.*Klassenzahl|Klassenzahl.*Klassifikation/);
  });
});

describe('focus area and keyboard', () => {
  it('selects an area from the table by keyboard, outlines it and links to its profile', async () => {
    const { page } = await open('/atlas?indicator=sgb2_rate&period=2020');
    await waitForMap(page, 'sgb2_rate', '2020');
    const button = page.locator('[data-testid=atlas-table-row][data-area-key=rosenhuegel] th button');
    await button.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('area') === 'rosenhuegel');
    await expect(page.getByTestId('area-select').inputValue()).resolves.toBe('rosenhuegel');
    await expect(page.getByTestId('focus-value').textContent()).resolves.toContain('%');
    await page.getByTestId('profile-link').click();
    await page.getByTestId('area-profile').waitFor();
    expect(new URL(page.url()).pathname).toBe('/areas/rosenhuegel');
    await expect(page.getByTestId('profile-title').textContent()).resolves.toBe('Rosenhügel');
  });

  it('can be operated with the keyboard alone: indicator, tabs and map all take focus', async () => {
    const { page } = await open('/atlas?indicator=sgb2_rate&period=2020');
    await waitForMap(page, 'sgb2_rate', '2020');
    await page.getByTestId('indicator-select').focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('indicator') !== 'sgb2_rate');
    // Every control on the page has an accessible name.
    const unnamed = await page.evaluate(
      () =>
        [...document.querySelectorAll('main select, main input, main button')].filter((el) => {
          const label =
            (el as HTMLElement).getAttribute('aria-label') ||
            (el.id && document.querySelector(`label[for="${el.id}"]`)) ||
            el.closest('label') ||
            el.textContent?.trim();
          return !label;
        }).length,
    );
    expect(unnamed).toBe(0);
    const canvas = page.locator('[data-testid=atlas-map] canvas');
    await expect(canvas.getAttribute('tabindex')).resolves.toBe('0');
    await expect(canvas.getAttribute('aria-label')).resolves.toContain('Karte:');
    // Tabs: only the selected one is in the Tab order, arrow keys move between them.
    await page.getByTestId('tab-table').focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('tab-charts').getAttribute('aria-selected')).resolves.toBe('true');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe('tab-charts');
    await page.getByTestId('chart-ranking').waitFor();
  });
});

describe('charts', () => {
  it('draws the time series of the focus area, the ranking and a scatter plot', async () => {
    const { page, errors } = await open('/atlas?indicator=sgb2_rate&period=2020&area=brauck');
    await waitForMap(page, 'sgb2_rate', '2020');
    await page.getByTestId('tab-charts').click();
    for (const id of ['chart-timeseries', 'chart-ranking', 'chart-scatter']) {
      await page.locator(`[data-testid=${id}] canvas`).first().waitFor({ timeout: 15_000 });
    }
    await page.getByTestId('scatter-indicator-select').selectOption('unemployment_share_15_64');
    await page.waitForTimeout(300);
    await page.getByTestId('chart-ranking').scrollIntoViewIfNeeded();
    await screenshot(page, 'atlas-charts-de');
    expect(errors).toEqual([]);
  });
});

describe('in English', () => {
  it('shows the atlas, legend and table in English with English number format', async () => {
    const { page } = await open('/atlas?indicator=sgb2_rate&period=2020', { user: 'viewer', locale: 'en' });
    await waitForMap(page, 'sgb2_rate', '2020');
    await expect(page.getByTestId('atlas-title').textContent()).resolves.toContain('Basic income support (SGB II) rate');
    await expect(page.getByTestId('legend').textContent()).resolves.toMatch(/not published[\s\S]*no data/);
    // The data texts under the map too: the indicator's source and the boundaries' origin.
    const sourceLine = (await page.getByTestId('source-line').textContent())!;
    expect(sourceLine).toContain(`Source: ${GLADBECK_INDICATORS.find((i) => i.key === 'sgb2_rate')!.sourceEn}`);
    expect(sourceLine).toContain(DEMO_GEOMETRY_NOTE_EN);
    const brauck = sgb2020.values.find((v) => v.areaKey === 'brauck')!;
    await expect(page.locator('[data-testid=atlas-table-row][data-area-key=brauck] [data-column=value]').textContent()).resolves.toBe(
      brauck.value!.toFixed(1),
    );
    await screenshot(page, 'atlas-en');
    await page.getByTestId('mode-change').check();
    await waitForMap(page, 'change');
    await screenshot(page, 'atlas-change-en');
    await page.getByTestId('tab-charts').click();
    await page.locator('[data-testid=chart-ranking] canvas').first().waitFor({ timeout: 15_000 });
    await screenshot(page, 'atlas-charts-en');
    expect(nameOf('brauck')).toBe('Brauck');
  });
});
