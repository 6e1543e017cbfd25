/**
 * Every page, and the states people meet on it (tabs, the change map, error messages, the
 * import report with its marked cells, a form with a field error), checked with axe-core
 * against WCAG 2.x A and AA in Chromium: contrast, names of controls and images, landmarks,
 * headings, ARIA use. Keyboard use and the table as the map's alternative are tested with
 * their features (atlas.test.ts, workspace.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_WORKSPACE } from '../../seeds/index.js';
import { projectRoot } from '../../server/src/config/project-root.js';
import { accessibilityViolations } from '../helpers/accessibility.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { closeBrowser, openPage } from '../helpers/browser.js';
import { waitForMap } from './atlas-support.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await closeBrowser();
  await t.close();
});

const ATLAS = '/atlas?indicator=sgb2_rate&period=2024';

/** Checks the page in each of its states; the failure names the state and the rules broken. */
async function expectAccessible(page: Page, states: [name: string, reach: () => Promise<void>][]): Promise<void> {
  const found: Record<string, string[]> = {};
  for (const [name, reach] of states) {
    await reach();
    found[name] = await accessibilityViolations(page);
  }
  expect(found).toEqual(Object.fromEntries(states.map(([name]) => [name, []])));
}

describe('accessibility (axe-core, WCAG 2.x A and AA)', () => {
  for (const locale of ['de', 'en'] as const) {
    it(`public pages in ${locale === 'de' ? 'German' : 'English'}: atlas with its tabs and the change map, profile, catalogue, embed, login, not found`, async () => {
      const { page, context, errors } = await openPage(t, { locale });
      await expectAccessible(page, [
        ['home', async () => void (await page.goto('/'), await page.getByTestId('home-atlas').waitFor())],
        ['atlas map', async () => void (await page.goto(ATLAS), await waitForMap(page, 'sgb2_rate'))],
        ['atlas table', async () => void (await page.getByTestId('tab-table').click(), await page.getByTestId('atlas-table').waitFor())],
        [
          'atlas charts',
          async () =>
            void (await page.getByTestId('tab-charts').click(), await page.locator('#panel-charts canvas, #panel-charts svg').first().waitFor()),
        ],
        ['atlas change map', async () => void (await page.getByTestId('mode-change').click(), await waitForMap(page, 'sgb2_rate'))],
        [
          'unknown indicator',
          async () => void (await page.goto('/atlas?indicator=gibt_es_nicht&period=2024'), await page.getByRole('alert').first().waitFor()),
        ],
        ['area profile', async () => void (await page.goto('/areas/brauck'), await page.getByTestId('area-profile').waitFor())],
        ['catalogue', async () => void (await page.goto('/catalogue'), await page.getByTestId('catalogue-entry').first().waitFor())],
        ['embedded map', async () => void (await page.goto(`/embed${ATLAS}`), await waitForMap(page, 'sgb2_rate'))],
        [
          'login with a wrong password',
          async () => {
            await page.goto('/login');
            await page.getByTestId('login-email').fill('koordination@gladbeck.example');
            await page.getByTestId('login-password').fill('falsch-falsch');
            await page.getByTestId('login-submit').click();
            await page.getByTestId('login-error').waitFor();
          },
        ],
        ['not found', async () => void (await page.goto('/gibt-es-nicht'), await page.getByTestId('not-found').waitFor())],
      ]);
      expect(errors.filter((e) => !/\b(401|404)\b/.test(e))).toEqual([]);
      await context.close();
    }, 120_000);
  }

  it('pages behind the login: workspace, import report with marked cells, indicator form with a field error, social index', async () => {
    const { page, context } = await openPage(t, { user: 'coordinator' });
    await expectAccessible(page, [
      ['workspace', async () => void (await page.goto(`/workspaces/${DEMO_WORKSPACE.id}`), await page.getByTestId('presence-list').waitFor())],
      [
        'import report with problems',
        async () => {
          await page.goto('/stewardship/imports');
          await page.getByTestId('import-file').setInputFiles(join(projectRoot(), 'test', 'fixtures', 'imports', 'halb-gueltig.csv'));
          await page.getByTestId('import-check').click();
          await page.getByTestId('problem-cell').first().waitFor();
        },
      ],
      [
        'indicator form with a field error',
        async () => {
          await page.goto('/stewardship/indicators');
          await page.getByTestId('indicator-new').click();
          await page.getByTestId('field-key').fill('kita_plaetze');
          await page.getByTestId('indicator-save').click();
          await page.getByTestId('indicator-form-error').waitFor();
        },
      ],
      ['social index', async () => void (await page.goto('/stewardship/indices'), await page.getByTestId('index-builder').waitFor())],
    ]);
    await context.close();
  }, 120_000);
});
