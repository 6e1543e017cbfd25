import { afterAll, afterEach, beforeAll, jest } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD, DEMO_USERS } from '../../seeds/index.js';
import { projectRoot } from '../../server/src/config/project-root.js';
import { startTestApp, type DemoUserKey, type TestApp } from './app.js';

let browser: Promise<Browser> | null = null;

/** The run's shared Chromium (launched once in global setup), connected once per test file. */
export function sharedBrowser(): Promise<Browser> {
  const endpoint = process.env.LAGEBILD_TEST_BROWSER_WS;
  if (!endpoint) throw new Error('no Chromium for browser tests: install it (apt-get install -y chromium) or set CHROMIUM_PATH');
  browser ??= chromium.connect(endpoint);
  return browser;
}

export async function closeBrowser(): Promise<void> {
  if (browser) await (await browser).close();
  browser = null;
}

export interface PageOptions {
  /** Logged in through the API; the session cookie is shared with the page. */
  user?: DemoUserKey;
  locale?: 'de' | 'en';
  viewport?: { width: number; height: number };
}

export interface TestPage {
  context: BrowserContext;
  page: Page;
  /** Errors the page logged or threw: a healthy page has none. */
  errors: string[];
}

export async function openPage(app: TestApp, options: PageOptions = {}): Promise<TestPage> {
  const context = await (
    await sharedBrowser()
  ).newContext({
    baseURL: app.baseUrl,
    viewport: options.viewport ?? { width: 1280, height: 860 },
    locale: options.locale === 'en' ? 'en-GB' : 'de-DE',
    acceptDownloads: true,
  });
  if (options.locale) {
    await context.addInitScript((locale) => window.localStorage.setItem('lagebild.locale', locale), options.locale);
  }
  if (options.user) {
    const response = await context.request.post('/api/auth/login', { data: { email: DEMO_USERS[options.user].email, password: DEMO_PASSWORD } });
    if (!response.ok()) throw new Error(`login of ${options.user} failed: ${response.status()}`);
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return { context, page, errors };
}

/** Saves a screenshot under test/artifacts/screenshots for people to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = join(projectRoot(), 'test', 'artifacts', 'screenshots');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface BrowserTestApp {
  /** The running app; available from the file's first test on. */
  readonly app: TestApp;
  /** Opens `path` in a new context that is closed after the current test. */
  open(path: string, options?: PageOptions): Promise<TestPage>;
}

/**
 * One app and the shared browser for a whole test file, with its hooks registered. Each page
 * runs its own WebGL context on the CPU, so a test's pages are closed as soon as it is done.
 */
/** `start` builds the app under test (default: the real app on a private copy of the demo database). */
export function useBrowserApp(defaults: PageOptions = {}, start: () => Promise<TestApp> = () => startTestApp()): BrowserTestApp {
  // A map's first frame compiles its shaders on software WebGL: seconds when the machine is
  // quiet, and several times that when the other core is busy too.
  jest.setTimeout(90_000);
  let app: TestApp | undefined;
  const opened: TestPage[] = [];
  beforeAll(async () => {
    app = await start();
  });
  afterEach(async () => {
    for (const p of opened.splice(0)) await p.context.close().catch(() => undefined);
  });
  afterAll(async () => {
    await closeBrowser();
    await app?.close();
  });
  const current = (): TestApp => {
    if (!app) throw new Error('the test app is not started yet: use it inside hooks and tests');
    return app;
  };
  return {
    get app() {
      return current();
    },
    open: async (path, options = defaults) => {
      const tp = await openPage(current(), options);
      opened.push(tp);
      await tp.page.goto(path);
      return tp;
    },
  };
}
