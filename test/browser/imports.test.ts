import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import type { IndicatorValuesResponse } from '@lagebild/shared';
import { projectRoot } from '../../server/src/config/project-root.js';
import { call } from '../fixtures/imports/client.js';
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

const fixturePath = (name: string) => join(projectRoot(), 'test', 'fixtures', 'imports', name);

describe('import page', () => {
  it('takes a steward from a bad file through the report to a clean import and its rollback', async () => {
    const { page, context, errors } = await openPage(t, { user: 'coordinator' });
    await page.goto('/');
    await page.getByTestId('nav-stewardship').click();
    await page.getByTestId('import-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/stewardship/imports');
    await screenshot(page, 'imports-start-de');

    // A half-valid file: the report lists every problem, the problem cells are marked, and there is nothing to confirm.
    await page.getByTestId('import-file').setInputFiles(fixturePath('halb-gueltig.csv'));
    await page.getByTestId('value-mapping').waitFor();
    await expect(page.getByTestId('map-area').inputValue()).resolves.toBe('Gebiet');
    await expect(page.getByTestId('map-value').inputValue()).resolves.toBe('Wert');
    await screenshot(page, 'imports-mapping-de');
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-report').waitFor();
    await expect(page.getByTestId('report-problems').textContent()).resolves.toContain('6 Probleme');
    const errorsShown = await page.getByTestId('report-error').allTextContents();
    expect(errorsShown).toContain('Zeile 4, Spalte ‚Gebiet‘: Gebiet ‚Mitte 1‘ unbekannt – meinten Sie ‚Mitte I‘?');
    expect(errorsShown).toContain('Zeile 5, Spalte ‚Wert‘: ‚12,3x‘ ist keine Zahl.');
    const problemCells = page.getByTestId('problem-cell');
    expect(await problemCells.count()).toBe(5);
    await expect(problemCells.nth(1).textContent()).resolves.toContain('12,3x');
    // The marked cell looks different from its neighbours.
    const [marked, plain] = await Promise.all([
      problemCells.nth(1).evaluate((el) => getComputedStyle(el).backgroundColor),
      page
        .getByTestId('report-row')
        .nth(1)
        .locator('td')
        .first()
        .evaluate((el) => getComputedStyle(el).backgroundColor),
    ]);
    expect(marked).not.toBe(plain);
    expect(await page.getByTestId('import-commit').count()).toBe(0);
    await screenshot(page, 'imports-report-errors-de');

    // The corrected file (long layout, BOM, numerators) checks clean and is committed after confirmation.
    await page.getByTestId('import-file').setInputFiles(fixturePath('werte-lang-utf8-bom.csv'));
    await expect(page.getByTestId('import-file-name').textContent()).resolves.toContain('werte-lang-utf8-bom.csv');
    await page.getByTestId('import-check').click();
    await page.getByTestId('report-ok').waitFor();
    await expect(page.getByTestId('report-counts').textContent()).resolves.toContain('20 neu');
    await screenshot(page, 'imports-report-ok-de');
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-commit-confirm').click();
    await expect(page.getByTestId('import-success').textContent()).resolves.toContain('20 neu');
    const row = page.getByTestId('history-row').first();
    await expect(row.textContent()).resolves.toContain('werte-lang-utf8-bom.csv');
    await expect(row.textContent()).resolves.toContain('Katrin Kowalski');
    const stored = await call<IndicatorValuesResponse>(t, 'GET', '/api/indicators/population/values?period=2025');
    expect(stored.status).toBe(200);
    await screenshot(page, 'imports-committed-de');

    // Rolled back from the history: the values of 2025 are gone again.
    await row.getByTestId('rollback').click();
    await row.getByTestId('rollback-confirm').click();
    await expect(page.getByTestId('rollback-notice').textContent()).resolves.toContain('20 entfernt');
    await expect(page.getByTestId('history-status').first().textContent()).resolves.toContain('zurückgenommen');
    expect((await call(t, 'GET', '/api/indicators/population/values?period=2025')).status).toBe(404);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('offers the sheets of an Excel file and a saved mapping for next time', async () => {
    const { page, context, errors } = await openPage(t, { user: 'coordinator' });
    await page.goto('/stewardship/imports');
    await page.getByTestId('import-file').setInputFiles(fixturePath('grundsicherung-amt50.xlsx'));
    await page.getByTestId('import-sheet').waitFor();
    await expect(page.getByTestId('import-sheet').inputValue()).resolves.toBe('Daten 2025');
    await page.getByTestId('mapping-name').fill('Amt 50 Grundsicherung');
    await page.getByTestId('mapping-save').click();
    await page.getByTestId('saved-mapping').waitFor();
    await page.getByTestId('import-check').click();
    await page.getByTestId('report-ok').waitFor();
    await expect(page.getByTestId('report-summary').textContent()).resolves.toContain('10 Zeilen gelesen, 10 ohne Fehler');
    await screenshot(page, 'imports-excel-de');
    const saved = await call<{ name: string }[]>(t, 'GET', '/api/imports/mappings', 'coordinator');
    expect(saved.body.map((m) => m.name)).toContain('Amt 50 Grundsicherung');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('checks an official boundary file in EPSG:25832', async () => {
    const { page, context, errors } = await openPage(t, { user: 'coordinator' });
    await page.goto('/stewardship/imports');
    await page.getByTestId('kind-areas').check();
    await page.getByTestId('import-file').setInputFiles(fixturePath('stadtbezirke-epsg25832.geojson'));
    await page.getByTestId('area-fields').waitFor();
    await expect(page.getByTestId('area-crs').textContent()).resolves.toContain('EPSG:25832');
    await page.getByTestId('area-key').selectOption('STBZ_NAME');
    await page.getByTestId('area-name').selectOption('STBZ_NAME');
    await page.getByTestId('import-check').click();
    await page.getByTestId('report-ok').waitFor();
    await expect(page.getByTestId('report-areas').textContent()).resolves.toContain('Mitte I');
    await expect(page.getByTestId('report-counts').textContent()).resolves.toContain('10 geändert');
    await screenshot(page, 'imports-areas-de');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('is available in English', async () => {
    const { page, context, errors } = await openPage(t, { user: 'coordinator', locale: 'en' });
    await page.goto('/stewardship/imports');
    await page.getByTestId('import-file').setInputFiles(fixturePath('halb-gueltig.csv'));
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-report').waitFor();
    await expect(page.getByTestId('report-problems').textContent()).resolves.toContain('6 problems');
    await expect(page.getByTestId('import-check').textContent()).resolves.toContain('Check (dry run)');
    // The problems themselves are in English too: the page asks the server in its own language.
    const problems = await page.getByTestId('report-error').allTextContents();
    expect(problems).toHaveLength(6);
    for (const problem of problems) expect(problem).toMatch(/^Row \d+(, column ‘[^’]+’)?: /);
    expect(problems.join('\n')).not.toContain('Zeile');
    await screenshot(page, 'imports-report-errors-en');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows editors only what they may do, and others none of it', async () => {
    const editor = await openPage(t, { user: 'editor' });
    await editor.page.goto('/stewardship/imports');
    await editor.page.getByTestId('import-page').waitFor();
    await expect(editor.page.getByTestId('stewardship-scope').textContent()).resolves.toContain('Statistikstelle');
    expect(await editor.page.getByTestId('kind-areas').isDisabled()).toBe(true);
    await editor.context.close();

    const viewer = await openPage(t, { user: 'viewer' });
    await viewer.page.goto('/stewardship/imports');
    await viewer.page.getByTestId('stewardship-no-access').waitFor();
    expect(await viewer.page.getByTestId('import-page').count()).toBe(0);
    await screenshot(viewer.page, 'stewardship-no-access-de');
    await viewer.context.close();

    const anonymous = await openPage(t);
    await anonymous.page.goto('/stewardship/imports');
    await anonymous.page.waitForURL(/\/login/);
    expect(await anonymous.page.getByTestId('nav-stewardship').count()).toBe(0);
    await anonymous.context.close();
  });
});
