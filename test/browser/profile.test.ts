import { beforeAll, describe, expect, it } from '@jest/globals';
import type { AreaProfileResponse } from '@lagebild/shared';
import { GLADBECK_INDICATORS, GLADBECK_TOPICS } from '../../seeds/gladbeck/index.js';
import type { TestApp } from '../helpers/app.js';
import { screenshot, useBrowserApp } from '../helpers/browser.js';
import { api, germanNumber } from './atlas-support.js';

/** The number at the start of a cell such as "32,5 je 100" or "−1,2 Prozentpunkte". */
const leadingNumber = (text: string) => germanNumber(/^[\u2212-]?[\d.]+(,\d+)?/.exec(text.trim())![0]);

const session = useBrowserApp({ user: 'viewer' });
let t: TestApp;

beforeAll(async () => {
  t = session.app;
});
const open = session.open;

describe('district profile (Steckbrief)', () => {
  it('lists every indicator of the area against the city, grouped by topic, with sparklines', async () => {
    const profile = await api<AreaProfileResponse>(t, '/areas/brauck/profile', 'viewer');
    const { page, errors } = await open('/areas/brauck');
    const root = page.getByTestId('area-profile');
    await page.getByTestId('profile-row').first().waitFor();
    await expect(page.getByTestId('profile-title').textContent()).resolves.toBe('Brauck');
    await expect(page.getByTestId('profile-row').count()).resolves.toBe(GLADBECK_INDICATORS.length);
    // Topics in catalogue order, each indicator under its own topic.
    const topics = await page.getByTestId('profile-topic').evaluateAll((sections) => sections.map((s) => s.getAttribute('data-topic')));
    expect(topics).toEqual(GLADBECK_TOPICS.map((x) => x.key).filter((k) => GLADBECK_INDICATORS.some((i) => i.topicKey === k)));
    for (const entry of profile.indicators) {
      const row = page.locator(`[data-testid=profile-row][data-indicator=${entry.indicator.key}]`);
      await expect(row.locator('xpath=ancestor::section').getAttribute('data-topic')).resolves.toBe(entry.indicator.topic);
      const value = (await row.getByTestId('profile-value').textContent())!;
      if (entry.value?.suppressed) expect(value).toContain('nicht veröffentlicht');
      else expect(leadingNumber(value)).toBe(entry.value!.value);
      const reference = (await row.getByTestId('profile-reference').textContent())!;
      if (entry.reference?.value !== null && entry.reference?.value !== undefined) expect(leadingNumber(reference)).toBe(entry.reference.value);
      // The area's line, and the city's dashed one where comparing shapes makes sense (not for counts).
      await expect(row.locator('svg.sparkline path').count()).resolves.toBe(entry.indicator.kind === 'count' ? 1 : 2);
    }
    await expect(root.textContent()).resolves.toContain('im Vergleich mit Gladbeck');
    await screenshot(page, 'profile-de');
    expect(errors).toEqual([]);
  });

  it('switches area and period from its toolbar, and links back to the atlas', async () => {
    const { page } = await open('/areas/brauck');
    await page.getByTestId('profile-row').first().waitFor();
    await page.getByTestId('profile-area-select').selectOption('schultendorf');
    await page.waitForURL(/\/areas\/schultendorf/);
    await page.waitForFunction(() => document.querySelector('[data-testid=profile-title]')?.textContent === 'Schultendorf');
    await page.getByTestId('profile-period-select').selectOption('2020');
    await page.waitForURL(/period=2020/);
    const profile = await api<AreaProfileResponse>(t, '/areas/schultendorf/profile?period=2020', 'viewer');
    const sgb2 = profile.indicators.find((e) => e.indicator.key === 'sgb2_rate')!;
    const row = page.locator('[data-testid=profile-row][data-indicator=sgb2_rate]');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid=profile-row][data-indicator=sgb2_rate] td:last-child')?.textContent?.includes('2020'),
    );
    expect(leadingNumber((await row.getByTestId('profile-value').textContent())!)).toBe(sgb2.value!.value);
    await row.getByRole('link').click();
    await page.waitForURL(/\/atlas\?/);
    const url = new URL(page.url());
    expect([url.searchParams.get('indicator'), url.searchParams.get('period'), url.searchParams.get('area')]).toEqual([
      'sgb2_rate',
      '2020',
      'schultendorf',
    ]);
  });

  it('prints to a clean A4 document without the app chrome', async () => {
    const { page } = await open('/areas/mitte-1');
    await page.getByTestId('profile-row').first().waitFor();
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('header.app-header').isVisible()).resolves.toBe(false);
    await expect(page.getByTestId('profile-print').isVisible()).resolves.toBe(false);
    await screenshot(page, 'profile-print-de');
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const text = pdf.toString('latin1');
    // A4 portrait in PDF points (595 × 842).
    const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [
      Math.round(Number(m[1])),
      Math.round(Number(m[2])),
    ]);
    expect(boxes.length).toBeGreaterThanOrEqual(1);
    for (const box of boxes) expect(box).toEqual([595, 842]);
    // 34 indicators fit on a few pages, not one per row.
    expect(boxes.length).toBeLessThanOrEqual(4);
  });

  it('shows the public only public indicators, and a clear message for an unknown area', async () => {
    const { page } = await open('/areas/brauck', {});
    await page.getByTestId('profile-row').first().waitFor();
    await expect(page.getByTestId('profile-row').count()).resolves.toBe(GLADBECK_INDICATORS.filter((i) => i.isPublic).length);
    await expect(page.getByTestId('area-profile').textContent()).resolves.toContain('Öffentliche Fassung');
    await page.goto('/areas/atlantis');
    await expect(page.getByTestId('profile-error').textContent()).resolves.toContain('Das Gebiet „atlantis“ gibt es nicht.');
    await page.goto('/areas/Bad%20Key');
    await expect(page.getByTestId('profile-error').textContent()).resolves.toContain('gibt es nicht');
    await screenshot(page, 'profile-unknown-de');
  });

  it('reads in English', async () => {
    const { page } = await open('/areas/brauck', { user: 'viewer', locale: 'en' });
    await page.getByTestId('profile-row').first().waitFor();
    await expect(page.getByTestId('area-profile').textContent()).resolves.toContain('compared with Gladbeck');
    await expect(page.locator('[data-testid=profile-row][data-indicator=sgb2_rate] th').textContent()).resolves.toContain(
      'Basic income support (SGB II) rate',
    );
    // Units are stored in German; an English page shows them in English, with English digit grouping.
    const pharmacies = (await page.locator('[data-testid=profile-row][data-indicator=pharmacies_per_10000]').textContent()) ?? '';
    expect(pharmacies).toContain('per 10,000');
    expect(pharmacies).not.toContain('je 10.000');
    expect((await page.locator('[data-testid=profile-row][data-indicator=population]').textContent()) ?? '').toContain('persons');
    await screenshot(page, 'profile-en');
  });
});
