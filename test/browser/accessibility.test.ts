/**
 * Every page, and the states people meet on it (tabs, the change map, error messages, the
 * import report with its marked cells, a form with a field error), checked with axe-core
 * against WCAG 2.x A and AA in Chromium: contrast, names of controls and images, landmarks,
 * headings, ARIA use. Keyboard use and the table as the map's alternative are tested with
 * their features (atlas.test.ts, workspace.test.ts).
 */
import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_WORKSPACE } from '../../seeds/index.js';
import { projectRoot } from '../../server/src/config/project-root.js';
import { accessibilityViolations } from '../helpers/accessibility.js';
import { useBrowserApp } from '../helpers/browser.js';
import { waitForMap } from './atlas-support.js';

const browser = useBrowserApp();

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

/** A state reached by opening a path, ready once the element with this test id is there. */
const opened = (page: Page, path: string, ready: string) => async () => {
  await page.goto(path);
  await page.getByTestId(ready).first().waitFor();
};
/** A state reached by pressing a control, ready once the element with this test id is there. */
const pressed = (page: Page, control: string, ready: string) => async () => {
  await page.getByTestId(control).click();
  await page.getByTestId(ready).first().waitFor();
};

describe('accessibility (axe-core, WCAG 2.x A and AA)', () => {
  for (const locale of ['de', 'en'] as const) {
    it(`public pages in ${locale === 'de' ? 'German' : 'English'}: atlas with its tabs and the change map, profile, catalogue, embed, login, not found`, async () => {
      const { page, errors } = await browser.open('/', { locale });
      await expectAccessible(page, [
        ['home', opened(page, '/', 'home-atlas')],
        [
          'atlas map',
          async () => {
            await page.goto(ATLAS);
            await waitForMap(page, 'sgb2_rate');
          },
        ],
        ['atlas table', pressed(page, 'tab-table', 'atlas-table')],
        [
          'atlas charts',
          async () => {
            await page.getByTestId('tab-charts').click();
            await page.locator('#panel-charts canvas, #panel-charts svg').first().waitFor();
          },
        ],
        [
          'atlas change map',
          async () => {
            await page.getByTestId('mode-change').click();
            await waitForMap(page, 'sgb2_rate');
          },
        ],
        [
          'unknown indicator',
          async () => {
            await page.goto('/atlas?indicator=gibt_es_nicht&period=2024');
            await page.getByRole('alert').first().waitFor();
          },
        ],
        ['area profile', opened(page, '/areas/brauck', 'area-profile')],
        ['catalogue', opened(page, '/catalogue', 'catalogue-entry')],
        [
          'embedded map',
          async () => {
            await page.goto(`/embed${ATLAS}`);
            await waitForMap(page, 'sgb2_rate');
          },
        ],
        [
          // A common embed size: the legend no longer fits and scrolls in its column.
          'embedded map in a small frame',
          async () => {
            await page.setViewportSize({ width: 480, height: 320 });
            await page.getByTestId('legend').waitFor();
          },
        ],
        [
          'login with a wrong password',
          async () => {
            await page.setViewportSize({ width: 1280, height: 860 });
            await page.goto('/login');
            await page.getByTestId('login-email').fill('koordination@gladbeck.example');
            await page.getByTestId('login-password').fill('falsch-falsch');
            await pressed(page, 'login-submit', 'login-error')();
          },
        ],
        ['not found', opened(page, '/gibt-es-nicht', 'not-found')],
      ]);
      expect(errors.filter((e) => !/\b(401|404)\b/.test(e))).toEqual([]);
    }, 120_000);
  }

  it('pages behind the login: workspace, import report with marked cells, indicator form with a field error, social index', async () => {
    const { page } = await browser.open('/', { user: 'coordinator' });
    await expectAccessible(page, [
      ['workspace', opened(page, `/workspaces/${DEMO_WORKSPACE.id}`, 'presence-list')],
      [
        'import report with problems',
        async () => {
          await page.goto('/stewardship/imports');
          await page.getByTestId('import-file').setInputFiles(join(projectRoot(), 'test', 'fixtures', 'imports', 'halb-gueltig.csv'));
          await pressed(page, 'import-check', 'problem-cell')();
        },
      ],
      [
        // On a phone the report's tables are wider than the screen and must scroll by keyboard too.
        'import report on a phone',
        async () => {
          await page.setViewportSize({ width: 390, height: 844 });
          await page.getByTestId('problem-cell').first().waitFor();
        },
      ],
      [
        'indicator form with a field error',
        async () => {
          await page.setViewportSize({ width: 1280, height: 860 });
          await opened(page, '/stewardship/indicators', 'indicator-new')();
          await page.getByTestId('indicator-new').click();
          await page.getByTestId('field-key').fill('kita_plaetze');
          await pressed(page, 'indicator-save', 'indicator-form-error')();
        },
      ],
      ['social index', opened(page, '/stewardship/indices', 'index-builder')],
    ]);
  }, 120_000);
});
