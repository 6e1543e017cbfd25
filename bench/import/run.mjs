#!/usr/bin/env node
// npm run bench:import [-- --json] [-- --values 100000] [-- --runs 3]
//
// Imports 100,000 indicator values from a long CSV through the real server (its own
// process, real HTTP, German number format) and compares the time with a plain COPY of
// the same rows into a scratch table in the same database, in the same run. Target: ≤ 5×.
// Needs the compiled server (`npm run build:server`) and a PostgreSQL server:
// BENCH_DATABASE_URL, TEST_DATABASE_URL or DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const VALUES = option('values', 100_000);
const RUNS = Math.max(1, Math.min(option('runs', 3), 10));
const INDICATORS = 50;
const log = (...parts) => {
  if (!json) console.log(...parts);
};

const main = join(root, 'server/dist/server/src/main.js');
if (!existsSync(main)) {
  console.error('bench:import needs the compiled server: run `npm run build:server` first.');
  process.exit(1);
}
const adminUrl =
  process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `lagebild_bench_import_${randomBytes(4).toString('hex')}`;
const dbUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  return u.toString();
})();
const work = mkdtempSync(join(tmpdir(), 'lagebild-bench-import-'));
let server = null;

async function admin(sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** CPU seconds (user + system) and peak RSS of a process, from /proc. */
function procStats(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return { cpuSeconds: ticks / 100, peakRssMb: hwm / 1024 };
  } catch {
    return { cpuSeconds: NaN, peakRssMb: NaN };
  }
}

async function waitFor(url, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not answer ${url} within ${timeoutMs} ms`);
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

async function run() {
  // 11 areas × 50 indicators × monthly periods from 2000-01 on, cut at VALUES. Built before
  // the server is asked anything: building takes seconds, and a keep-alive connection the
  // server closes meanwhile would fail the first upload with EPIPE.
  const areas = [
    'gladbeck',
    'brauck',
    'butendorf',
    'mitte-1',
    'zweckel',
    'rentfort-nord',
    'mitte-2',
    'rosenhuegel',
    'alt-rentfort',
    'ellinghorst',
    'schultendorf',
  ];
  const csv = ['Gebiet;Zeitraum;Indikator;Wert'];
  const tsv = [];
  let seed = 42;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  outer: for (let month = 0; ; month++) {
    const period = `${2000 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
    for (let i = 1; i <= INDICATORS; i++) {
      for (const area of areas) {
        if (tsv.length >= VALUES) break outer;
        const value = Math.round(random() * 1_000_000) / 10;
        const indicator = `bench_${String(i).padStart(2, '0')}`;
        csv.push(`${area};${period};${indicator};${value.toLocaleString('de-DE', { maximumFractionDigits: 1 })}`);
        tsv.push(`${area}\t${period}\t${indicator}\t${value}`);
      }
    }
  }
  const csvFile = join(work, 'werte.csv');
  const tsvFile = join(work, 'werte.tsv');
  writeFileSync(csvFile, csv.join('\n') + '\n');
  writeFileSync(tsvFile, tsv.join('\n') + '\n');
  const bytes = readFileSync(csvFile);
  const mapping = JSON.stringify({ areaColumn: 'Gebiet', periodColumn: 'Zeitraum', indicatorColumn: 'Indikator', valueColumn: 'Wert' });

  await admin(`CREATE DATABASE ${database}`);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [main], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: dbUrl, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: 'true', LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor(`${base}/api/health`, 60_000);

  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'koordination@gladbeck.example', password: 'lagebild-demo' }),
  });
  const { accessToken } = await login.json();
  const auth = { authorization: `Bearer ${accessToken}` };

  for (let i = 1; i <= INDICATORS; i++) {
    const key = `bench_${String(i).padStart(2, '0')}`;
    const r = await fetch(`${base}/api/indicators`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        key,
        name: `Benchmark ${i}`,
        unit: 'Anzahl',
        topic: 'demography',
        department: null,
        polarity: 'neutral',
        kind: 'count',
        decimals: 1,
      }),
    });
    if (r.status !== 201) throw new Error(`creating ${key} failed: ${r.status} ${await r.text()}`);
  }

  async function importOnce(dryRun) {
    const form = new FormData();
    form.set('file', new Blob([bytes]), 'werte.csv');
    form.set('layout', 'long');
    form.set('mapping', mapping);
    form.set('dryRun', String(dryRun));
    const before = procStats(server.pid);
    const start = performance.now();
    const r = await fetch(`${base}/api/imports/values`, { method: 'POST', headers: auth, body: form });
    const body = await r.json();
    const ms = performance.now() - start;
    const after = procStats(server.pid);
    if (r.status !== 200 || body.errorCount !== 0) throw new Error(`import failed: ${r.status} ${JSON.stringify(body).slice(0, 500)}`);
    return { ms, cpuSeconds: after.cpuSeconds - before.cpuSeconds, body };
  }

  // The floor: COPY of the same rows, typed, into a scratch table, timed by psql itself.
  const copySql = [
    'CREATE TABLE IF NOT EXISTS bench_copy (area text, period text, indicator text, value double precision);',
    'TRUNCATE bench_copy;',
    '\\timing on',
    `\\copy bench_copy FROM '${tsvFile}'`,
  ].join('\n');
  function copyOnce() {
    const result = spawnSync('psql', [dbUrl, '-X', '-q', '-v', 'ON_ERROR_STOP=1'], { input: copySql, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
    const times = [...result.stdout.matchAll(/Time: ([\d.]+) ms/g)].map((m) => Number(m[1]));
    return times.at(-1);
  }

  log(
    `Import benchmark: ${tsv.length.toLocaleString('en')} values, ${(bytes.length / 1024 / 1024).toFixed(1)} MB long CSV (German numbers), ${RUNS} runs`,
  );
  copyOnce(); // warm-up
  const copies = [];
  const dryRuns = [];
  const commits = [];
  const rollbacks = [];
  for (let run = 0; run < RUNS; run++) {
    copies.push(copyOnce());
    dryRuns.push(await importOnce(true));
    const commit = await importOnce(false);
    if (commit.body.created !== tsv.length) throw new Error(`expected ${tsv.length} created, got ${commit.body.created}`);
    commits.push(commit);
    const start = performance.now();
    const r = await fetch(`${base}/api/imports/${commit.body.importId}/rollback`, { method: 'POST', headers: auth });
    if (r.status !== 200) throw new Error(`rollback failed: ${r.status}`);
    rollbacks.push(performance.now() - start);
    log(
      `  run ${run + 1}: COPY ${copies.at(-1).toFixed(0)} ms · dry run ${dryRuns.at(-1).ms.toFixed(0)} ms · commit ${commit.ms.toFixed(0)} ms (server CPU ${commit.cpuSeconds.toFixed(2)} s) · rollback ${rollbacks.at(-1).toFixed(0)} ms`,
    );
  }
  const stats = procStats(server.pid);
  const result = {
    values: tsv.length,
    csvBytes: bytes.length,
    runs: RUNS,
    copyMs: median(copies),
    dryRunMs: median(dryRuns.map((d) => d.ms)),
    commitMs: median(commits.map((c) => c.ms)),
    commitServerCpuSeconds: median(commits.map((c) => c.cpuSeconds)),
    rollbackMs: median(rollbacks),
    serverPeakRssMb: Math.round(stats.peakRssMb),
  };
  result.ratioCommitToCopy = result.commitMs / result.copyMs;
  result.ratioDryRunToCopy = result.dryRunMs / result.copyMs;
  result.target = 5;
  result.pass = result.ratioCommitToCopy <= result.target;
  if (json) console.log(JSON.stringify(result));
  else {
    log('');
    log(`COPY (floor, median)    ${result.copyMs.toFixed(0)} ms`);
    log(`import dry run (median) ${result.dryRunMs.toFixed(0)} ms   ratio ${result.ratioDryRunToCopy.toFixed(2)}×`);
    log(
      `import commit (median)  ${result.commitMs.toFixed(0)} ms   ratio ${result.ratioCommitToCopy.toFixed(2)}×  (target ≤ ${result.target}×: ${result.pass ? 'met' : 'NOT met'})`,
    );
    log(`rollback (median)       ${result.rollbackMs.toFixed(0)} ms`);
    log(`server peak RSS         ${result.serverPeakRssMb} MB`);
  }
}

let exitCode = 0;
try {
  await run();
} catch (error) {
  console.error(`bench:import failed: ${error instanceof Error ? error.message : error}`);
  exitCode = 1;
} finally {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => {
      const timer = setTimeout(() => {
        server.kill('SIGKILL');
        r();
      }, 10_000);
      server.once('exit', () => {
        clearTimeout(timer);
        r();
      });
    });
  }
  await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
}
process.exit(exitCode);
