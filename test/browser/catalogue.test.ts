import { describe, expect, it } from '@jest/globals';
import { GLADBECK_DEPARTMENTS, GLADBECK_INDICATORS } from '../../seeds/gladbeck/index.js';
import { screenshot, useBrowserApp, type TestPage } from '../helpers/browser.js';

const { open } = useBrowserApp({ user: 'viewer' });

const shownKeys = (tp: TestPage) =>
  tp.page.getByTestId('catalogue-entry').evaluateAll((items) => items.map((li) => li.getAttribute('data-indicator')));

describe('indicator catalogue', () => {
  it('shows every indicator with definition, unit, source, department, update cycle, last update and polarity', async () => {
    const tp = await open('/catalogue');
    const { page, errors } = tp;
    await page.getByTestId('catalogue-entry').first().waitFor();
    await expect(page.getByTestId('catalogue-entry').count()).resolves.toBe(GLADBECK_INDICATORS.length);
    await expect(page.getByTestId('catalogue-count').textContent()).resolves.toBe(`${GLADBECK_INDICATORS.length} Indikatoren`);
    const sgb2 = GLADBECK_INDICATORS.find((i) => i.key === 'sgb2_rate')!;
    const entry = page.locator('[data-testid=catalogue-entry][data-indicator=sgb2_rate]');
    const text = (await entry.textContent())!;
    expect(text).toContain(sgb2.name);
    expect(text).toContain(sgb2.definition);
    expect(text).toContain(sgb2.source);
    expect(text).toContain(GLADBECK_DEPARTMENTS.find((d) => d.code === sgb2.departmentCode)!.name);
    expect(text).toContain('jährlich');
    expect(text).toContain('Höhere Werte sind ungünstiger');
    expect(text).toContain('2013 – 2024');
    expect(text).toContain('öffentlich');
    await expect(entry.getByTestId('catalogue-last-update').textContent()).resolves.toBe('11.04.2025');
    await expect(page.locator('[data-testid=catalogue-entry][data-indicator=child_protection_cases_per_1000]').textContent()).resolves.toContain(
      'nur für Mitglieder',
    );
    await screenshot(page, 'catalogue-de');
    expect(errors).toEqual([]);
  });

  it('searches case- and accent-insensitively and filters by topic, with both in the link', async () => {
    const tp = await open('/catalogue');
    const { page } = tp;
    await page.getByTestId('catalogue-entry').first().waitFor();
    await page.getByTestId('catalogue-search').fill('JOBCENTER');
    await page.waitForURL(/q=JOBCENTER/);
    const jobcentre = GLADBECK_INDICATORS.filter((i) => i.departmentCode === '56' || /jobcenter/i.test(`${i.name} ${i.definition} ${i.source}`)).map(
      (i) => i.key,
    );
    await expect(shownKeys(tp)).resolves.toEqual(expect.arrayContaining(jobcentre));
    expect((await shownKeys(tp)).length).toBe(jobcentre.length);
    await page.getByTestId('catalogue-search').fill('pflegeheimplatze');
    await page.waitForURL(/q=pflegeheimplatze/);
    await expect(shownKeys(tp)).resolves.toEqual(['care_home_places_per_100_aged_80_plus']);
    await page.getByTestId('catalogue-search').fill('');
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('q'));
    await page.getByTestId('catalogue-topic').selectOption('health');
    await page.waitForURL(/topic=health/);
    const health = GLADBECK_INDICATORS.filter((i) => i.topicKey === 'health').map((i) => i.key);
    await expect(shownKeys(tp)).resolves.toEqual(expect.arrayContaining(health));
    expect((await shownKeys(tp)).length).toBe(health.length);
    await page.getByTestId('catalogue-search').fill('gibt es sicher nicht');
    await expect(page.getByTestId('catalogue-empty').textContent()).resolves.toContain('Keine Indikatoren passen zur Suche');
    await expect(page.getByTestId('catalogue-count').textContent()).resolves.toBe('Kein Indikator gefunden');
    await page.reload();
    await page.getByTestId('catalogue-empty').waitFor();
    await expect(page.getByTestId('catalogue-search').inputValue()).resolves.toBe('gibt es sicher nicht');
    await expect(page.getByTestId('catalogue-topic').inputValue()).resolves.toBe('health');
  }, 60_000);

  it('shows the public only public indicators and leads to the map', async () => {
    const tp = await open('/catalogue', {});
    const { page } = tp;
    await page.getByTestId('catalogue-entry').first().waitFor();
    const keys = await shownKeys(tp);
    expect(keys.sort()).toEqual(
      GLADBECK_INDICATORS.filter((i) => i.isPublic)
        .map((i) => i.key)
        .sort(),
    );
    await page.locator('[data-testid=catalogue-entry][data-indicator=gps_per_10000] a').click();
    await page.waitForURL(/\/atlas\?indicator=gps_per_10000/);
    await page.getByTestId('atlas-map').waitFor();
  });

  it('reads in English', async () => {
    const tp = await open('/catalogue', { user: 'viewer', locale: 'en' });
    await tp.page.getByTestId('catalogue-entry').first().waitFor();
    await expect(tp.page.getByTestId('catalogue-count').textContent()).resolves.toBe(`${GLADBECK_INDICATORS.length} indicators`);
    await expect(tp.page.locator('[data-testid=catalogue-entry][data-indicator=sgb2_rate]').textContent()).resolves.toContain('Higher is worse');
    await expect(tp.page.locator('[data-testid=catalogue-entry][data-indicator=migration_balance]').textContent()).resolves.toContain('per 1,000');
    // The texts, not only the labels: definition, source, department and computation in English.
    const sgb2 = GLADBECK_INDICATORS.find((i) => i.key === 'sgb2_rate')!;
    const entry = tp.page.locator('[data-testid=catalogue-entry][data-indicator=sgb2_rate]');
    const text = (await entry.textContent())!;
    expect(text).toContain(sgb2.definitionEn);
    expect(text).not.toContain(sgb2.definition);
    expect(text).toContain(sgb2.sourceEn);
    expect(text).toContain(GLADBECK_DEPARTMENTS.find((d) => d.code === sgb2.departmentCode)!.nameEn);
    expect(text).toContain(`Numerator: ${sgb2.numeratorLabelEn}`);
    await expect(entry.locator('.definition').getAttribute('lang')).resolves.toBeNull();
    // Searching finds indicators by their English definition too.
    await tp.page.getByLabel('Search').fill(sgb2.definitionEn.split(' ').slice(0, 4).join(' '));
    await expect(shownKeys(tp)).resolves.toContain('sgb2_rate');
    await screenshot(tp.page, 'catalogue-en');
  });
});
