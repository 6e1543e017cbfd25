import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CatalogueIndicator, IndicatorValuesResponse } from '@lagebild/shared';
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

describe('indicator catalogue management', () => {
  it('creates an indicator with its metadata, shows field errors, and retires it', async () => {
    const { page, context, errors } = await openPage(t, { user: 'coordinator' });
    await page.goto('/stewardship/indicators');
    await page.getByTestId('indicator-row-population').waitFor();
    await screenshot(page, 'stewardship-indicators-de');

    await page.getByTestId('indicator-new').click();
    await page.getByTestId('field-key').fill('kita_plaetze');
    await page.getByTestId('field-name').fill('Kita-Plätze');
    await page.getByTestId('field-topic').selectOption('family');
    await page.getByTestId('field-department').selectOption('51');
    // No unit yet: the server names the field, the form marks it.
    await page.getByTestId('indicator-save').click();
    await page.getByTestId('indicator-form-error').waitFor();
    await expect(page.locator('#ind-unit').getAttribute('aria-invalid')).resolves.toBe('true');
    await screenshot(page, 'stewardship-indicator-form-error-de');
    await page.getByTestId('field-unit').fill('Plätze');
    await page.getByTestId('field-definition-en').fill('Approved day-care places on 1 March.');
    await page.locator('#ind-source').fill('Jugendamt, Kita-Bedarfsplanung');
    await page.getByTestId('indicator-save').click();
    await expect(page.getByTestId('indicators-notice').textContent()).resolves.toContain('„Kita-Plätze“ gespeichert');
    await page.getByTestId('indicator-row-kita_plaetze').waitFor();

    const stored = await call<CatalogueIndicator[]>(t, 'GET', '/api/stewardship/indicators', 'coordinator');
    expect(stored.body.find((i) => i.key === 'kita_plaetze')).toMatchObject({
      name: 'Kita-Plätze',
      unit: 'Plätze',
      topic: 'family',
      department: '51',
      kind: 'count',
      definitionEn: 'Approved day-care places on 1 March.',
      // Left empty in the form: stored as missing, so English pages fall back to German.
      sourceEn: null,
    });

    // In English: the English definition, and the German source marked as German for screen readers.
    await page.evaluate(() => localStorage.setItem('lagebild.locale', 'en'));
    await page.goto('/catalogue?q=kita_plaetze');
    const entry = page.locator('[data-testid=catalogue-entry][data-indicator=kita_plaetze]');
    await expect(entry.locator('.definition').textContent()).resolves.toBe('Approved day-care places on 1 March.');
    await expect(entry.locator('.definition').getAttribute('lang')).resolves.toBeNull();
    await expect(entry.locator('dd[lang=de]').allTextContents()).resolves.toEqual(['Jugendamt, Kita-Bedarfsplanung']);
    await page.evaluate(() => localStorage.setItem('lagebild.locale', 'de'));
    await page.goto('/stewardship/indicators');

    await page.getByTestId('retire-kita_plaetze').click();
    await page.getByTestId('retire-confirm-kita_plaetze').click();
    await page.getByTestId('indicator-row-kita_plaetze').waitFor({ state: 'detached' });
    await page.getByTestId('show-retired').check();
    await expect(page.getByTestId('indicator-row-kita_plaetze').textContent()).resolves.toContain('stillgelegt');
    expect(errors.filter((e) => !e.includes('400'))).toEqual([]);
    await context.close();
  });

  it('lets an editor edit only the indicators of their department', async () => {
    const { page, context } = await openPage(t, { user: 'editor', locale: 'en' });
    await page.goto('/stewardship/indicators');
    await page.getByTestId('indicator-row-sgb2_rate').waitFor();
    expect(await page.getByTestId('edit-population').count()).toBe(1);
    expect(await page.getByTestId('edit-sgb2_rate').count()).toBe(0);
    await page.getByTestId('edit-population').click();
    await expect(page.getByTestId('field-key').isDisabled()).resolves.toBe(true);
    // The form's own checks speak the page's language too.
    await page.getByTestId('field-name').fill('');
    await page.getByTestId('indicator-save').click();
    await expect(page.getByTestId('indicator-form-error').textContent()).resolves.toContain('Please give a name.');
    await screenshot(page, 'stewardship-indicator-form-en');
    await context.close();
  });
});

describe('composite index builder', () => {
  it('previews a social index with classes and stores it for the atlas', async () => {
    const { page, context, errors } = await openPage(t, { user: 'coordinator' });
    await page.goto('/stewardship/indices');
    await page.getByTestId('index-builder').waitFor();
    await page.getByTestId('index-new').click();
    await page.getByTestId('index-key').fill('sozialindex');
    await page.getByTestId('index-name').fill('Sozialindex Gladbeck');
    await page.getByTestId('index-name-en').fill('Social index Gladbeck');
    await page.getByTestId('component-indicator-0').selectOption('sgb2_rate');
    await page.getByTestId('component-indicator-1').selectOption('unemployment_share_15_64');
    await page.getByTestId('index-add').click();
    await page.getByTestId('component-indicator-2').selectOption('daycare_coverage_under_3');
    await page.getByTestId('index-dynamics').check();
    await page.getByTestId('index-from').selectOption('2019');
    await page.getByTestId('index-to').selectOption('2024');
    await page.getByTestId('index-preview').click();
    await page.getByTestId('index-preview-result').waitFor();
    expect(await page.getByTestId('index-row').count()).toBe(10);
    await expect(page.getByTestId('index-preview-result').textContent()).resolves.toMatch(/mittel/);
    await screenshot(page, 'stewardship-index-preview-de');

    await page.getByTestId('index-save').click();
    await expect(page.getByTestId('index-notice').textContent()).resolves.toContain('„Sozialindex Gladbeck“ gespeichert');
    const values = await call<IndicatorValuesResponse>(t, 'GET', '/api/indicators/sozialindex_status_class/values?period=2024', 'viewer');
    expect(values.status).toBe(200);
    expect(values.body.values.every((v) => v.value !== null && v.value >= 1 && v.value <= 4)).toBe(true);
    expect(values.body.indicator.nameEn).toBe('Social index Gladbeck – status class');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('is shown in English too', async () => {
    const { page, context } = await openPage(t, { user: 'coordinator', locale: 'en' });
    await page.goto('/stewardship/indices');
    await page.getByTestId('index-builder').waitFor();
    await expect(page.getByTestId('index-builder').textContent()).resolves.toContain('Existing indices');
    // The index saved in German above, under the English name its steward gave it.
    await expect(page.locator('.index-list strong').first().textContent()).resolves.toBe('Social index Gladbeck');
    await screenshot(page, 'stewardship-index-en');

    // The indicator table names indicators in English, keeps the German record name beside
    // it (marked German), shows units in English and orders each topic by the English name.
    await page.goto('/stewardship/indicators');
    const row = page.getByTestId('indicator-row-old_age_dependency_ratio');
    await row.waitFor();
    await expect(row.locator('th span').first().textContent()).resolves.toBe('Old-age dependency ratio');
    await expect(row.locator('.record-name').textContent()).resolves.toBe('Altenquotient');
    await expect(row.locator('.record-name').getAttribute('lang')).resolves.toBe('de');
    await expect(row.locator('td').nth(3).textContent()).resolves.toBe('per 100');
    const catalogue = await call<CatalogueIndicator[]>(t, 'GET', '/api/stewardship/indicators', 'coordinator');
    const demography = catalogue.body.filter((i) => i.topic === 'demography' && !i.retired);
    const shown = await page.locator('[data-testid^=indicator-row-] th span:first-child').allTextContents();
    const englishDemography = demography.map((i) => i.nameEn ?? i.name).sort((a, b) => a.localeCompare(b, 'en'));
    expect(shown.slice(0, demography.length)).toEqual(englishDemography);
    await screenshot(page, 'stewardship-indicators-en');

    // The form's choice of numerator names the indicators in English as well.
    await page.getByTestId('indicator-new').click();
    await page.getByTestId('field-kind').selectOption('rate');
    await expect(page.locator('#ind-numerator option[value=population]').textContent()).resolves.toBe('Population');
    await context.close();
  });
});
