#!/usr/bin/env node
// npm run bench:atlas [-- --json] [--runs 9] [--areas 1000] [--switches 9]
//
// Measures the atlas in Chromium against a bare deck.gl page that draws the same GeoJSON from
// the same server in the same run:
//   - navigation → first coloured frame (atlas: mark "lagebild:map-coloured"; bare: "bare:coloured")
//   - indicator switch → frame with the new colours (measured inside the page)
//   - gzip size of the JavaScript each route of the built client loads
// for the Gladbeck demo and for a synthetic city of 1,000 areas. Everything runs on 127.0.0.1:
// the built server as its own process, on throwaway databases that are dropped afterwards.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../test/helpers/global-setup.mjs';
import { SYNTHETIC_INDICATORS, SYNTHETIC_PERIODS, insertSyntheticCity } from './synthetic.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
};
const JSON_OUTPUT = flag('json');
const RUNS = Math.min(20, Math.max(1, option('runs', 9)));
const AREAS = Math.min(5000, Math.max(10, option('areas', 1000)));
const SWITCHES = Math.min(30, Math.max(3, option('switches', 9)));
const ADMIN_URL =
  process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DEADLINE = Date.now() + 15 * 60_000;
const VIEWPORT = { width: 1280, height: 860 };

const log = (...parts) => {
  if (!JSON_OUTPUT) console.error(...parts);
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null;
};
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : null;
};
const round = (x, d = 1) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);
function checkDeadline() {
  if (Date.now() > DEADLINE) throw new Error('bench:atlas ran longer than 15 minutes and stopped');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin(fn) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

// --- build ------------------------------------------------------------------------------------

async function buildClients(outDir) {
  const { build } = await import('vite');
  log('building the client …');
  await build({
    root: join(root, 'client'),
    configFile: join(root, 'client', 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, sourcemap: false, manifest: true },
  });
  log('building the bare deck.gl page …');
  await build({
    root: join(root, 'bench', 'atlas', 'bare'),
    configFile: join(root, 'bench', 'atlas', 'bare', 'vite.config.ts'),
    base: '/bench-bare/',
    logLevel: 'error',
    build: { outDir: join(outDir, 'bench-bare'), emptyOutDir: true, sourcemap: false, target: 'es2022' },
  });
}

function ensureServerBuilt() {
  const main = join(root, 'server/dist/server/src/main.js');
  log('building the server (tsc -b server) …');
  const result = spawnSync('npx', ['tsc', '-b', 'server'], { cwd: root, stdio: JSON_OUTPUT ? 'ignore' : 'inherit' });
  if (result.status !== 0 && !existsSync(main)) throw new Error('the server does not build; run `npm run build:server` and fix the errors first');
  return main;
}

// --- server -----------------------------------------------------------------------------------

async function startServer({ main, databaseUrl, clientDist, seed }) {
  const port = await freePort();
  const child = spawn(process.execPath, [main], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      CLIENT_DIST: clientDist,
      SEED_DEMO: seed ? 'true' : 'false',
      LOG_LEVEL: 'warn',
      BASEMAP_STYLE_URL: '',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${stderr.slice(-2000)}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return { baseUrl, child, stop: () => stopServer(child) };
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not start within 60 s: ${stderr.slice(-2000)}`);
}

async function stopServer(child) {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  for (let i = 0; i < 50 && child.exitCode === null; i++) await sleep(100);
  if (child.exitCode === null) child.kill('SIGKILL');
}

// --- measurements -----------------------------------------------------------------------------

async function firstFrame(browser, baseUrl, path, mark) {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'de-DE' });
  const page = await context.newPage();
  try {
    await page.goto(`${baseUrl}${path}`);
    const handle = await page.waitForFunction((name) => performance.getEntriesByName(name, 'mark')[0]?.startTime ?? null, mark, {
      timeout: 60_000,
      polling: 20,
    });
    return { ms: await handle.jsonValue(), page, context };
  } catch (error) {
    await context.close();
    throw error;
  }
}

/** In the atlas: choose the indicator in the select, resolve at the frame with its colours. */
function atlasSwitch(page, indicator) {
  return page.evaluate(
    (key) =>
      new Promise((resolve, reject) => {
        const select = document.querySelector('[data-testid=indicator-select]');
        const observer = new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            if (entry.name === 'lagebild:map-coloured' && String(entry.detail).startsWith(`${key}|`)) {
              observer.disconnect();
              resolve(entry.startTime - t0);
            }
          }
        });
        observer.observe({ type: 'mark' });
        setTimeout(() => reject(new Error(`no frame for ${key}`)), 20_000);
        const t0 = performance.now();
        select.value = key;
        select.dispatchEvent(new Event('change'));
      }),
    indicator,
  );
}

function bareSwitch(page, indicator, period) {
  return page.evaluate(
    async ([key, p]) => {
      const t0 = performance.now();
      await window.benchSwitch(key, p);
      return performance.now() - t0;
    },
    [indicator, period],
  );
}

async function measureDataset(browser, server, dataset) {
  const { indicators, period } = dataset;
  const atlasPath = `/atlas?indicator=${indicators[0]}&period=${period}`;
  const barePath = `/bench-bare/index.html?indicator=${indicators[0]}&period=${period}&level=district`;
  const result = { atlas: { firstFrame: [], switch: [] }, bare: { firstFrame: [], switch: [] }, geometryRequestsDuringSwitches: 0 };
  // One visit of each page first, not counted: the first request to each API route meets a
  // cold server (JIT, database pool, query plans), and only the page that goes first would
  // pay for it. Its time is reported on its own.
  for (const [path, mark, kind] of [
    [atlasPath, 'lagebild:map-coloured', 'atlas'],
    [barePath, 'bare:coloured', 'bare'],
  ]) {
    const { ms, context } = await firstFrame(browser, server.baseUrl, path, mark);
    result[kind].coldFirstFrame = ms;
    await context.close();
  }
  for (let run = 0; run < RUNS; run++) {
    checkDeadline();
    // Alternate the order, so neither page always profits from a warm server.
    for (const kind of run % 2 ? ['bare', 'atlas'] : ['atlas', 'bare']) {
      const { ms, page, context } =
        kind === 'atlas'
          ? await firstFrame(browser, server.baseUrl, atlasPath, 'lagebild:map-coloured')
          : await firstFrame(browser, server.baseUrl, barePath, 'bare:coloured');
      result[kind].firstFrame.push(ms);
      if (run === 0) {
        // Switches: cycle through the indicators; the first visit of each fetches its values.
        let geometry = 0;
        page.on('request', (r) => {
          if (new URL(r.url()).pathname === '/api/areas') geometry++;
        });
        // Let the page settle (deferred labels, the change column) before timing switches.
        await sleep(1500);
        await page.evaluate(() => new Promise((r) => requestIdleCallback(() => r(), { timeout: 5000 })));
        for (let i = 1; i <= SWITCHES; i++) {
          const indicator = indicators[i % indicators.length];
          const ms2 = kind === 'atlas' ? await atlasSwitch(page, indicator) : await bareSwitch(page, indicator, period);
          result[kind].switch.push(ms2);
          await sleep(150);
        }
        if (kind === 'atlas') result.geometryRequestsDuringSwitches = geometry;
      }
      await context.close();
    }
    log(`  run ${run + 1}/${RUNS}: atlas ${round(result.atlas.firstFrame.at(-1), 0)} ms, bare ${round(result.bare.firstFrame.at(-1), 0)} ms`);
  }
  const summary = (xs) => ({
    median: round(median(xs)),
    p95: round(percentile(xs, 95)),
    min: round(Math.min(...xs)),
    max: round(Math.max(...xs)),
    n: xs.length,
  });
  return {
    areas: dataset.areas,
    atlas: {
      coldFirstFrameMs: round(result.atlas.coldFirstFrame),
      firstFrameMs: summary(result.atlas.firstFrame),
      switchMs: summary(result.atlas.switch),
    },
    bare: {
      coldFirstFrameMs: round(result.bare.coldFirstFrame),
      firstFrameMs: summary(result.bare.firstFrame),
      switchMs: summary(result.bare.switch),
    },
    ratio: {
      firstFrame: round(median(result.atlas.firstFrame) / median(result.bare.firstFrame), 2),
      switch: round(median(result.atlas.switch) / median(result.bare.switch), 2),
    },
    geometryRequestsDuringSwitches: result.geometryRequestsDuringSwitches,
  };
}

/** gzip size of every JavaScript file a route loads (including its lazy map chunk). */
async function routeSizes(browser, baseUrl, clientDist, routes) {
  const sizes = {};
  for (const [name, path, ready, action] of routes) {
    checkDeadline();
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    const scripts = new Set();
    page.on('response', (r) => {
      const url = new URL(r.url());
      if (url.pathname.endsWith('.js') && url.pathname.startsWith('/assets/')) scripts.add(url.pathname);
    });
    await page.goto(`${baseUrl}${path}`);
    await page.waitForSelector(ready, { timeout: 60_000 });
    if (action) await action(page);
    await page.waitForLoadState('networkidle');
    let gzip = 0;
    let raw = 0;
    for (const script of scripts) {
      const bytes = readFileSync(join(clientDist, script));
      raw += bytes.length;
      gzip += gzipSync(bytes, { level: 9 }).length;
    }
    sizes[name] = { files: scripts.size, rawKB: round(raw / 1024), gzipKB: round(gzip / 1024) };
    await context.close();
  }
  return sizes;
}

// --- main -------------------------------------------------------------------------------------

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'lagebild-bench-atlas-'));
  const clientDist = join(work, 'client');
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const databases = { gladbeck: `lagebild_bench_${runId}_gladbeck`, synthetic: `lagebild_bench_${runId}_synthetic` };
  const servers = [];
  let browser = null;
  try {
    const main = ensureServerBuilt();
    await buildClients(clientDist);
    await admin(async (c) => {
      for (const name of Object.values(databases)) await c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`);
    });

    log('starting the server on the Gladbeck demo …');
    const gladbeck = await startServer({ main, databaseUrl: withDatabase(ADMIN_URL, databases.gladbeck), clientDist, seed: true });
    servers.push(gladbeck);
    log(`starting the server on a synthetic city of ${AREAS} areas …`);
    const synthetic = await startServer({ main, databaseUrl: withDatabase(ADMIN_URL, databases.synthetic), clientDist, seed: false });
    servers.push(synthetic);
    const syntheticClient = new pg.Client({ connectionString: withDatabase(ADMIN_URL, databases.synthetic) });
    await syntheticClient.connect();
    const inserted = await insertSyntheticCity(syntheticClient, AREAS).finally(() => syntheticClient.end());

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });

    log('measuring the Gladbeck demo …');
    const gladbeckResult = await measureDataset(browser, gladbeck, {
      areas: 10,
      indicators: ['sgb2_rate', 'unemployment_share_15_64', 'gps_per_10000'],
      period: '2024',
    });
    log(`measuring the synthetic city (${inserted} areas) …`);
    const syntheticResult = await measureDataset(browser, synthetic, {
      areas: inserted,
      indicators: SYNTHETIC_INDICATORS,
      period: SYNTHETIC_PERIODS.at(-1),
    });

    log('measuring bundle sizes …');
    const sizes = await routeSizes(browser, gladbeck.baseUrl, clientDist, [
      ['home', '/', 'main h1'],
      ['atlas', '/atlas?indicator=sgb2_rate&period=2024', '[data-testid=atlas-map][data-rendered-key]'],
      [
        'atlasWithCharts',
        '/atlas?indicator=sgb2_rate&period=2024',
        '[data-testid=atlas-map][data-rendered-key]',
        async (page) => {
          await page.getByTestId('tab-charts').click();
          await page.locator('[data-testid=chart-ranking] canvas').first().waitFor({ timeout: 60_000 });
        },
      ],
      ['profile', '/areas/brauck', '[data-testid=profile-row]'],
      ['catalogue', '/catalogue', '[data-testid=catalogue-entry]'],
      ['embed', '/embed/atlas?indicator=sgb2_rate&period=2024', '[data-testid=atlas-map][data-rendered-key]'],
    ]).catch((error) => ({ error: String(error) }));

    const report = {
      benchmark: 'atlas',
      date: new Date().toISOString(),
      runs: RUNS,
      switchesPerRun: SWITCHES,
      chromium: browser.version(),
      gladbeck: gladbeckResult,
      synthetic: syntheticResult,
      bundle: sizes,
      targets: {
        firstFrameRatioMax: 1.5,
        switchMsMax1000: 50,
        mapRouteGzipKBMax: 600,
        firstFrameGladbeck: gladbeckResult.ratio.firstFrame <= 1.5,
        firstFrameSynthetic: syntheticResult.ratio.firstFrame <= 1.5,
        switchSynthetic: syntheticResult.atlas.switchMs.median <= 50,
        mapRouteSize: typeof sizes.atlas?.gzipKB === 'number' && sizes.atlas.gzipKB <= 600,
        noGeometryRefetch: gladbeckResult.geometryRequestsDuringSwitches === 0 && syntheticResult.geometryRequestsDuringSwitches === 0,
      },
    };
    if (JSON_OUTPUT) {
      console.log(JSON.stringify(report));
    } else {
      const row = (name, r) =>
        `${name.padEnd(22)} first frame ${String(r.atlas.firstFrameMs.median).padStart(7)} ms (bare ${String(r.bare.firstFrameMs.median).padStart(7)} ms, ×${r.ratio.firstFrame})` +
        `   switch ${String(r.atlas.switchMs.median).padStart(6)} ms (p95 ${r.atlas.switchMs.p95}; bare ${r.bare.switchMs.median} ms, ×${r.ratio.switch})`;
      console.log('\nbench:atlas (medians; Chromium on SwiftShader, 127.0.0.1)');
      const cold = (r) => `${''.padEnd(22)} first visit, not counted: ${r.atlas.coldFirstFrameMs} ms (bare ${r.bare.coldFirstFrameMs} ms)`;
      console.log(row('Gladbeck (10 areas)', gladbeckResult));
      console.log(cold(gladbeckResult));
      console.log(row(`synthetic (${inserted} areas)`, syntheticResult));
      console.log(cold(syntheticResult));
      console.log(
        `geometry requests during switches: ${gladbeckResult.geometryRequestsDuringSwitches} / ${syntheticResult.geometryRequestsDuringSwitches}`,
      );
      console.log('\nJavaScript per route (gzip):');
      for (const [name, s] of Object.entries(sizes))
        console.log(`  ${name.padEnd(12)} ${s.gzipKB ?? '?'} KB gzip (${s.rawKB ?? '?'} KB raw, ${s.files ?? '?'} files)`);
      console.log('\ntargets:', JSON.stringify(report.targets));
    }
  } finally {
    if (browser) await browser.close().catch(() => undefined);
    for (const server of servers) await server.stop().catch(() => undefined);
    await admin(async (c) => {
      for (const name of Object.values(databases)) await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`);
    }).catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`bench:atlas failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
