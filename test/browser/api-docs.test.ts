import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
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

describe('API documentation page', () => {
  it('renders the OpenAPI operations under the strict content security policy', async () => {
    const { page, context, errors } = await openPage(t);
    await page.goto('/api/docs');
    await page.getByText('/api/indicators/{key}/values').first().waitFor({ timeout: 15_000 });
    await screenshot(page, 'api-docs');
    expect(errors.filter((e) => /Content Security Policy|Refused/.test(e))).toEqual([]);
    await context.close();
  });
});
