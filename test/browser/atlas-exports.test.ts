import { beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import type { IndicatorValuesResponse } from '@lagebild/shared';
import { tableCounts, type TestApp } from '../helpers/app.js';
import { screenshot, useBrowserApp, type PageOptions } from '../helpers/browser.js';
import { downloadBytes, downloadText, pngSize, valuesOf, waitForMap } from './atlas-support.js';

const session = useBrowserApp({ user: 'viewer' });
let t: TestApp;
let sgb2020: IndicatorValuesResponse;
let sgb2019: IndicatorValuesResponse;

beforeAll(async () => {
  t = session.app;
  [sgb2020, sgb2019] = await Promise.all([valuesOf(t, 'sgb2_rate', '2020', 'viewer'), valuesOf(t, 'sgb2_rate', '2019', 'viewer')]);
});
const open = async (path: string, options?: PageOptions): Promise<Page> => (await session.open(path, options)).page;

async function download(page: Page, testId: string) {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.getByTestId(testId).click()]);
  return file;
}

/** Parses the German CSV (semicolon, decimal comma, BOM) the atlas exports. */
function parseGermanCsv(text: string): string[][] {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return text
    .slice(1)
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(';'));
}
const num = (cell: string) => (cell === '' ? null : Number(cell.replace(',', '.')));

describe('table exports', () => {
  it('exports a CSV whose rows are exactly the API values, with rank, difference and change', async () => {
    const page = await open('/atlas?indicator=sgb2_rate&period=2020');
    await waitForMap(page, 'sgb2_rate', '2020');
    // Exporting reads only: nothing in the database changes (the login above is the last write).
    const before = await tableCounts(t.dataSource);
    // The change column needs the previous period; it fills in shortly after the map.
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid=atlas-table-row] td:nth-child(5)')].every((td) => /\d/.test(td.textContent ?? '')),
    );
    const file = await download(page, 'export-csv');
    expect(file.suggestedFilename()).toBe('lagebild_sgb2_rate_2020.csv');
    const rows = parseGermanCsv(await downloadText(file));
    expect(rows[0]).toEqual([
      'Gebietsschlüssel',
      'Gebiet',
      'SGB-II-Quote 2020 (%)',
      'Rang',
      'Differenz zu Gladbeck (Prozentpunkte)',
      'Veränderung seit 2019 (Prozentpunkte)',
      'Hinweis',
    ]);
    const body = rows.slice(1);
    expect(body).toHaveLength(11);
    const ranked = [...sgb2020.values].sort((a, b) => b.value! - a.value!);
    for (const v of sgb2020.values) {
      const row = body.find((r) => r[0] === v.areaKey)!;
      expect(row).toBeDefined();
      expect(num(row[2]!)).toBe(v.value);
      expect(num(row[3]!)).toBe(ranked.findIndex((x) => x.value === v.value) + 1);
      expect(num(row[4]!)).toBeCloseTo(v.value! - sgb2020.reference!.value!, 6);
      expect(num(row[5]!)).toBeCloseTo(v.value! - sgb2019.values.find((x) => x.areaKey === v.areaKey)!.value!, 6);
    }
    const city = body.at(-1)!;
    expect(city.slice(0, 3)).toEqual(['gladbeck', 'Gladbeck (Stadt insgesamt)', String(sgb2020.reference!.value).replace('.', ',')]);
    // The provisional flag of the latest SGB II year travels with the data.
    const latest = parseGermanCsv(
      await downloadText(
        await (async () => {
          await page.getByTestId('period-select').selectOption('2024');
          await waitForMap(page, 'sgb2_rate', '2024');
          return download(page, 'export-csv');
        })(),
      ),
    );
    expect(latest.slice(1).every((r) => r.at(-1)!.includes('vorläufig'))).toBe(true);
    expect(await tableCounts(t.dataSource)).toEqual(before);
  });

  it('exports English CSV with a comma and a decimal point', async () => {
    const page = await open('/atlas?indicator=sgb2_rate&period=2020', { user: 'viewer', locale: 'en' });
    await waitForMap(page, 'sgb2_rate', '2020');
    const text = await downloadText(await download(page, 'export-csv'));
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'Area key,Area,Basic income support (SGB II) rate 2020 (%),Rank,Difference to Gladbeck (percentage points),Change since 2019 (percentage points),Note',
    );
    const brauck = lines.find((l) => l.startsWith('brauck,'))!.split(',');
    expect(Number(brauck[2])).toBe(sgb2020.values.find((v) => v.areaKey === 'brauck')!.value);
  });

  it('exports an Excel workbook with numbers as numbers and a sheet naming source and period', async () => {
    const page = await open('/atlas?indicator=sgb2_rate&period=2020');
    await waitForMap(page, 'sgb2_rate', '2020');
    const file = await download(page, 'export-xlsx');
    expect(file.suggestedFilename()).toBe('lagebild_sgb2_rate_2020.xlsx');
    const bytes = await downloadBytes(file);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const data = workbook.getWorksheet('Daten')!;
    expect(data.getRow(1).getCell(3).value).toBe('SGB-II-Quote 2020 (%)');
    const values = new Map<string, unknown>();
    data.eachRow((row, i) => {
      if (i > 1) values.set(String(row.getCell(1).value), row.getCell(3).value);
    });
    for (const v of sgb2020.values) expect(values.get(v.areaKey)).toBe(v.value);
    expect(values.get('gladbeck')).toBe(sgb2020.reference!.value);
    expect(data.getColumn(3).numFmt).toBe('0.0');
    const about = workbook.getWorksheet('Hinweise')!;
    const text = JSON.stringify(about.getSheetValues());
    expect(text).toContain('Synthetische Demodaten');
    expect(text).toContain('11.04.2025');
    expect(text).toContain('indicator=sgb2_rate');
  });

  it('exports the change map table in change mode', async () => {
    const page = await open('/atlas?indicator=sgb2_rate&period=2020&mode=change&base=2019');
    await waitForMap(page, 'change', '2019');
    const file = await download(page, 'export-csv');
    expect(file.suggestedFilename()).toBe('lagebild_sgb2_rate_2020_veraenderung_2019.csv');
    const rows = parseGermanCsv(await downloadText(file));
    expect(rows[0]!.slice(2, 5)).toEqual(['SGB-II-Quote 2019 (%)', 'SGB-II-Quote 2020 (%)', 'Veränderung 2019–2020 (Prozentpunkte)']);
    for (const v of sgb2020.values) {
      const row = rows.find((r) => r[0] === v.areaKey)!;
      expect(num(row[4]!)).toBeCloseTo(v.value! - sgb2019.values.find((x) => x.areaKey === v.areaKey)!.value!, 6);
    }
  });
});

describe('image exports', () => {
  it('exports the map as a PNG with title, legend, source and period', async () => {
    const page = await open('/atlas?indicator=sgb2_rate&period=2020');
    await waitForMap(page, 'sgb2_rate', '2020');
    const file = await download(page, 'export-png');
    expect(file.suggestedFilename()).toBe('lagebild_sgb2_rate_2020.png');
    const bytes = await downloadBytes(file);
    const size = pngSize(bytes);
    const mapBox = (await page.getByTestId('atlas-map').boundingBox())!;
    // Drawn at twice the CSS size: map plus legend column and margins, title and source line.
    expect(size.width).toBeGreaterThan(2 * (mapBox.width + 250));
    expect(size.height).toBeGreaterThan(2 * (mapBox.height + 60));
    expect(bytes.length).toBeGreaterThan(20_000);
    // Look at it: open the exported image in the browser and keep a screenshot.
    const view = await session.open('about:blank', {});
    await view.page.setContent(`<img id="png" src="data:image/png;base64,${bytes.toString('base64')}" style="width:100%">`);
    await screenshot(view.page, 'atlas-export-map-png');
    // The exported map keeps the class colours: sample the image's own pixels in the browser.
    const colours = await view.page.evaluate(async () => {
      const img = document.getElementById('png') as HTMLImageElement;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      const seen = new Set<string>();
      for (let i = 0; i < data.length; i += 4 * 97)
        seen.add(`#${[data[i], data[i + 1], data[i + 2]].map((c) => c!.toString(16).padStart(2, '0')).join('')}`);
      return [...seen];
    });
    const legend = await page.getByTestId('legend-class').evaluateAll((items) => items.map((li) => li.getAttribute('data-color')));
    for (const colour of legend) expect(colours).toContain(colour);
  });

  it('exports each chart as PNG and SVG', async () => {
    const page = await open('/atlas?indicator=sgb2_rate&period=2020&area=brauck');
    await waitForMap(page, 'sgb2_rate', '2020');
    await page.getByTestId('tab-charts').click();
    for (const [chart, extra] of [
      ['timeseries', 'brauck'],
      ['ranking', ''],
      ['scatter', ''],
    ] as const) {
      await page.locator(`[data-testid=chart-${chart}] canvas`).first().waitFor({ timeout: 15_000 });
      const png = await download(page, `chart-${chart}-png`);
      expect(png.suggestedFilename()).toMatch(new RegExp(`^lagebild_[a-z-]+_sgb2_rate_2020${extra ? `_${extra}` : ''}.*\\.png$`));
      const size = pngSize(await downloadBytes(png));
      expect(size.width).toBeGreaterThan(400);
      const svg = await downloadText(await download(page, `chart-${chart}-svg`));
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toContain('</svg>');
      if (chart === 'ranking') for (const v of sgb2020.values) expect(svg).toContain(v.value!.toFixed(1).replace('.', ','));
      if (chart === 'timeseries') expect(svg).toContain('Brauck');
    }
  });
});
