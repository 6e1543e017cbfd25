#!/usr/bin/env node
// npm run bench:sync [-- --json] [-- --runs N]
//
// Lagebild's sync server against Hocuspocus, each as its own process on 127.0.0.1, in one run,
// with the same clients and workloads:
//   1. latency: 10 and 50 clients on one document; one writer makes 2,000 small Y.Map edits,
//      one every 2 ms; the others observe. Propagation latency p50/p95/p99 and server CPU seconds
//      (from /proc/<pid>/stat, including the time each server needs to persist the workload).
//      Each server first runs the same workload once unmeasured (a warm-up): otherwise the first
//      measured runs also pay V8's compilation of whatever code the workload reaches, a one-off
//      cost of a fresh process that grows with the size of the server, not with the workload.
//      `--no-warm-up` measures from the cold start, as before.
//   2. cold load: documents holding 10,000 updates each, written through the server, then both
//      servers restarted; time from a new client's start to its synced document.
//   3. idle: 20 documents with content, 20 then 200 idle connections; RSS growth per loaded
//      document and per idle connection (after a full GC in the server).
// Every figure is printed with its ratio ours/Hocuspocus (lower is better for ours).
// Persistence: Lagebild stores every update in Postgres before acking it (group commit);
// Hocuspocus gets the equivalent of its Database extension (whole state, debounced 2 s / 10 s).
// Bounded: fixed counts, timeouts on every wait, 127.0.0.1 only; processes are stopped at the end.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import WebSocket from 'ws';
import * as Y from 'yjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const asJson = args.includes('--json');
const runs = Math.max(1, Math.min(9, Number(args[args.indexOf('--runs') + 1]) || 3));
// --only latency,cold,idle runs a part (for a quick look); the full run is the default.
const only = args.includes('--only') ? new Set(args[args.indexOf('--only') + 1].split(',')) : new Set(['latency', 'cold', 'idle']);
// --profile DIR writes a V8 CPU profile of each server process into DIR when it stops.
const profileDir = args.includes('--profile') ? resolve(args[args.indexOf('--profile') + 1]) : null;
const warmUp = !args.includes('--no-warm-up');
const progress = (...parts) => (asJson ? process.stderr : process.stdout).write(`${parts.join(' ')}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now();
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;

const EDITS = 2_000;
const EDIT_INTERVAL_MS = 2;
const COLD_DOCS = 5;
const COLD_UPDATES = 10_000;
const IDLE_DOCS = 20;
const IDLE_CONNECTIONS = 200;
const IDLE_DOC_ENTRIES = 500;

// ---- build, database ----
const MAIN = join(root, 'server/dist/server/src/main.js');
if (!existsSync(MAIN) || !existsSync(join(root, 'shared/dist/collab-client/index.js'))) {
  progress('building the server (npx tsc -b server) …');
  const build = spawnSync('npx', ['tsc', '-b', 'server'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}
const { CollabProvider, createCollabSocket } = await import('@lagebild/shared/collab-client');
const { HocuspocusProvider, HocuspocusProviderWebsocket } = await import('@hocuspocus/provider');

const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `lagebild_bench_${randomBytes(4).toString('hex')}`;
const dbUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
async function admin(sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
await admin(`CREATE DATABASE ${dbName}`);

function freePort() {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolvePort(port));
    });
  });
}

// ---- server processes ----
const running = new Set();
async function startServer(kind) {
  const port = await freePort();
  const preload = ['--expose-gc', '--import', join(root, 'bench/sync/gc-preload.mjs')];
  if (profileDir) preload.push('--cpu-prof', '--cpu-prof-dir', join(profileDir, kind));
  const child =
    kind === 'ours'
      ? spawn(process.execPath, [...preload, MAIN], {
          cwd: root,
          env: {
            PATH: process.env.PATH,
            NODE_ENV: 'production',
            DATABASE_URL: dbUrl,
            PORT: String(port),
            HOST: '127.0.0.1',
            SEED_DEMO: 'true',
            LOG_LEVEL: 'warn',
            // The preparation writes 10,000 updates per document as fast as it can.
            COLLAB_UPDATES_PER_SECOND: '20000',
            COLLAB_UPDATE_BURST: '40000',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        })
      : spawn(process.execPath, [...preload, join(root, 'bench/sync/hocuspocus-server.mjs')], {
          cwd: root,
          env: { PATH: process.env.PATH, DATABASE_URL: dbUrl, PORT: String(port), NODE_ENV: 'production' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((r) => child.once('exit', r));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${kind} server exited:\n${output}`);
    const up =
      kind === 'ours'
        ? await fetch(`http://127.0.0.1:${port}/api/health`).then(
            (r) => r.ok,
            () => false,
          )
        : output.includes('ready');
    if (up) break;
    if (Date.now() > deadline) throw new Error(`${kind} server did not start:\n${output}`);
    await sleep(100);
  }
  const server = {
    kind,
    pid: child.pid,
    port,
    url: kind === 'ours' ? `http://127.0.0.1:${port}` : `ws://127.0.0.1:${port}`,
    cpuSeconds() {
      const { user, system } = server.cpuSplit();
      return user + system;
    },
    /** User and kernel CPU seconds of the whole process (all threads). */
    cpuSplit() {
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return { user: Number(fields[11]) / CLK_TCK, system: Number(fields[12]) / CLK_TCK };
    },
    /** CPU seconds of the main (JavaScript) thread; the rest are V8's compiler and GC helpers and any workers. */
    mainThreadCpuSeconds() {
      const fields = readFileSync(`/proc/${child.pid}/task/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
    },
    rssBytes() {
      return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) * 1024;
    },
    async gc() {
      child.kill('SIGUSR2');
      await sleep(400);
    },
    async stop() {
      running.delete(server);
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000).then(() => child.kill('SIGKILL'))]);
    },
  };
  running.add(server);
  return server;
}

// ---- documents and clients ----
let token = null;
const workspaces = [];
async function prepareAccounts(ours) {
  const response = await fetch(`${ours.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'koordination@gladbeck.example', password: 'lagebild-demo' }),
  });
  token = (await response.json()).accessToken;
  // One workspace per document, with the demo coordinator as member.
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  const [{ id: userId }] = (await client.query(`SELECT id FROM app_user WHERE email = 'koordination@gladbeck.example'`)).rows;
  for (let i = 0; i < 80; i++) {
    const id = randomUUID();
    await client.query(`INSERT INTO workspace (id, name) VALUES ($1, $2)`, [id, `Bench ${i}`]);
    await client.query(`INSERT INTO membership (workspace_id, user_id, role) VALUES ($1, $2, 'coordinator')`, [id, userId]);
    workspaces.push(`workspace/${id}/canvas`);
  }
  await client.end();
}
const nextDoc = () => workspaces.shift();

async function waitUntil(check, what, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** A client of either server with the same surface: its Y.Doc, synced, all changes stored, close. */
function openClient(server, docId) {
  const doc = new Y.Doc();
  if (server.kind === 'ours') {
    const socket = createCollabSocket({ url: server.url, token });
    const provider = new CollabProvider({ socket, doc, docId });
    return {
      doc,
      synced: provider.whenSynced(),
      flushed: () => waitUntil(() => !provider.unsynced, 'acks', 120_000),
      close() {
        provider.destroy();
        socket.disconnect();
      },
    };
  }
  const websocketProvider = new HocuspocusProviderWebsocket({ url: server.url, WebSocketPolyfill: WebSocket });
  const provider = new HocuspocusProvider({ websocketProvider, name: docId, document: doc });
  provider.attach();
  return {
    doc,
    synced: new Promise((r) => (provider.isSynced ? r() : provider.on('synced', () => r()))),
    flushed: () => waitUntil(() => !provider.hasUnsyncedChanges, 'acks', 120_000),
    close() {
      provider.destroy();
      websocketProvider.destroy();
    },
  };
}

async function openAll(server, docIds) {
  const clients = docIds.map((docId) => openClient(server, docId));
  await Promise.race([Promise.all(clients.map((c) => c.synced)), sleep(60_000).then(() => Promise.reject(new Error('clients did not sync')))]);
  return clients;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// ---- workloads ----
async function latencyRun(server, clientCount) {
  const docId = nextDoc();
  const clients = await openAll(
    server,
    Array.from({ length: clientCount }, () => docId),
  );
  const [writer, ...observers] = clients;
  const latencies = [];
  for (const observer of observers) {
    const map = observer.doc.getMap('bench');
    map.observe((event) => {
      const t = now();
      for (const key of event.keysChanged) latencies.push(t - map.get(key));
    });
  }
  await sleep(300);
  const cpuBefore = server.cpuSplit();
  const mainBefore = server.mainThreadCpuSeconds();
  const clientCpuBefore = process.cpuUsage();
  const map = writer.doc.getMap('bench');
  const start = performance.now();
  for (let i = 0; i < EDITS; i++) {
    const wait = start + i * EDIT_INTERVAL_MS - performance.now();
    if (wait > 0) await sleep(wait);
    map.set(`k${i % 100}`, now());
  }
  const expected = EDITS * observers.length;
  await waitUntil(() => latencies.length >= expected, 'every edit at every observer', 30_000).catch(() => undefined);
  await writer.flushed();
  const clientCpu = process.cpuUsage(clientCpuBefore);
  // Include the persistence each server does for the workload (Hocuspocus stores 2 s after the last change).
  await sleep(2_500);
  const cpuAfter = server.cpuSplit();
  const mainThreadCpu = server.mainThreadCpuSeconds() - mainBefore;
  const cpuUser = cpuAfter.user - cpuBefore.user;
  const cpuSystem = cpuAfter.system - cpuBefore.system;
  const cpu = cpuUser + cpuSystem;
  for (const c of clients) c.close();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    cpu,
    cpuUser,
    cpuSystem,
    mainThreadCpu,
    clientCpu: (clientCpu.user + clientCpu.system) / 1e6,
    received: latencies.length,
    expected,
  };
}

async function writeUpdates(server, docId, count, keys) {
  const [writer] = await openAll(server, [docId]);
  const map = writer.doc.getMap('bench');
  for (let i = 0; i < count; i++) {
    map.set(`k${i % keys}`, i);
    if (i % 200 === 199) {
      await writer.flushed();
    }
  }
  await writer.flushed();
  writer.close();
}

async function coldLoad(server, docIds, expectedKeys) {
  const times = [];
  for (const docId of docIds) {
    const started = performance.now();
    const client = openClient(server, docId);
    await client.synced;
    await waitUntil(() => client.doc.getMap('bench').size === expectedKeys, 'the loaded content', 60_000);
    times.push(performance.now() - started);
    client.close();
    await sleep(200);
  }
  return median(times);
}

async function idleMemory(server, docIds, warmUpDoc) {
  const settle = async () => {
    await sleep(1_500);
    await server.gc();
    await server.gc();
  };
  // One client on another document first: lazily loaded code and the document worker thread
  // are a fixed cost of the first connection, not a cost per document or connection.
  const [warmUp] = await openAll(server, [warmUpDoc]);
  warmUp.close();
  await settle();
  const baseline = server.rssBytes();
  const first = await openAll(server, docIds);
  await settle();
  const withDocs = server.rssBytes();
  // The rest in two batches (4 and 5 more per document, 200 connections in all); the growth of
  // the second is the steady cost of a connection (the first may also grow heaps once).
  const perDocTotal = IDLE_CONNECTIONS / docIds.length;
  const open = (perDoc) =>
    openAll(
      server,
      docIds.flatMap((docId) => Array.from({ length: perDoc }, () => docId)),
    );
  const firstBatch = Math.floor((perDocTotal - 1) / 2);
  const batchA = await open(firstBatch);
  await settle();
  const afterA = server.rssBytes();
  const batchB = await open(perDocTotal - 1 - firstBatch);
  await settle();
  const afterB = server.rssBytes();
  for (const c of [...first, ...batchA, ...batchB]) c.close();
  const perConnection = (afterB - afterA) / batchB.length;
  const perDoc = (withDocs - baseline - perConnection * docIds.length) / docIds.length;
  return { perConnection, perDoc, baseline, connections: first.length + batchA.length + batchB.length };
}

// ---- the run ----
const result = { machine: { cpus: (await import('node:os')).cpus().length, node: process.version }, runs, servers: {}, figures: {}, ratios: {} };
try {
  progress(`database ${dbName}; starting both servers …`);
  let [ours, hocuspocus] = [await startServer('ours'), await startServer('hocuspocus')];
  await prepareAccounts(ours);
  result.servers = {
    ours: 'Lagebild (Socket.IO /collab, msgpack)',
    hocuspocus: `@hocuspocus/server ${JSON.parse(readFileSync(join(root, 'node_modules/@hocuspocus/server/package.json'), 'utf8')).version}`,
  };

  if (only.has('latency') && warmUp) {
    for (const server of [ours, hocuspocus]) {
      progress(`latency: warm-up, ${server.kind} (not measured) …`);
      await latencyRun(server, 10);
    }
  }
  result.warmUp = only.has('latency') && warmUp;
  for (const clients of only.has('latency') ? [10, 50] : []) {
    const figures = { ours: [], hocuspocus: [] };
    for (let run = 0; run < runs; run++) {
      for (const server of run % 2 ? [hocuspocus, ours] : [ours, hocuspocus]) {
        progress(`latency: ${clients} clients, run ${run + 1}/${runs}, ${server.kind} …`);
        figures[server.kind].push(await latencyRun(server, clients));
      }
    }
    for (const kind of ['ours', 'hocuspocus']) {
      const list = figures[kind];
      result.figures[`latency${clients}`] ??= {};
      result.figures[`latency${clients}`][kind] = {
        p50Ms: median(list.map((f) => f.p50)),
        p95Ms: median(list.map((f) => f.p95)),
        p99Ms: median(list.map((f) => f.p99)),
        cpuSeconds: median(list.map((f) => f.cpu)),
        cpuUserSeconds: median(list.map((f) => f.cpuUser)),
        cpuSystemSeconds: median(list.map((f) => f.cpuSystem)),
        mainThreadCpuSeconds: median(list.map((f) => f.mainThreadCpu)),
        clientCpuSeconds: median(list.map((f) => f.clientCpu)),
        delivered: `${list.reduce((s, f) => s + f.received, 0)}/${list.reduce((s, f) => s + f.expected, 0)}`,
      };
    }
  }

  if (only.has('cold') || only.has('idle')) {
    progress(`cold load: writing ${COLD_DOCS} documents of ${COLD_UPDATES} updates to each server …`);
    const coldDocs = Array.from({ length: COLD_DOCS }, nextDoc);
    const idleDocs = Array.from({ length: IDLE_DOCS }, nextDoc);
    for (const server of [ours, hocuspocus]) {
      for (const docId of coldDocs) await writeUpdates(server, docId, COLD_UPDATES, 1_000);
      for (const docId of idleDocs) await writeUpdates(server, docId, IDLE_DOC_ENTRIES, IDLE_DOC_ENTRIES);
    }
    await sleep(3_000); // Hocuspocus stores when the last client left; give it time to finish
    progress('restarting both servers (cold) …');
    await Promise.all([ours.stop(), hocuspocus.stop()]);
    [ours, hocuspocus] = [await startServer('ours'), await startServer('hocuspocus')];
    result.figures.coldLoad = {
      ours: { ms: await coldLoad(ours, coldDocs, 1_000) },
      hocuspocus: { ms: await coldLoad(hocuspocus, coldDocs, 1_000) },
    };

    progress('idle connections: restarting both servers …');
    await Promise.all([ours.stop(), hocuspocus.stop()]);
    [ours, hocuspocus] = [await startServer('ours'), await startServer('hocuspocus')];
    await sleep(1_000);
    const warmUpDoc = nextDoc();
    result.figures.idle = { ours: await idleMemory(ours, idleDocs, warmUpDoc), hocuspocus: await idleMemory(hocuspocus, idleDocs, warmUpDoc) };
  }
} finally {
  await Promise.all([...running].map((s) => s.stop()));
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
}

// ---- report ----
const ratio = (a, b) => (b > 0 ? Math.max(0, a) / b : null);
const f = result.figures;
const latencyRuns = f.latency10 ? [10, 50] : [];
for (const n of latencyRuns) {
  const o = f[`latency${n}`].ours;
  const h = f[`latency${n}`].hocuspocus;
  result.ratios[`latency${n}`] = {
    p50: ratio(o.p50Ms, h.p50Ms),
    p95: ratio(o.p95Ms, h.p95Ms),
    p99: ratio(o.p99Ms, h.p99Ms),
    cpu: ratio(o.cpuSeconds, h.cpuSeconds),
  };
}
if (f.coldLoad) result.ratios.coldLoad = ratio(f.coldLoad.ours.ms, f.coldLoad.hocuspocus.ms);
if (f.idle) {
  result.ratios.memoryPerIdleConnection = ratio(f.idle.ours.perConnection, f.idle.hocuspocus.perConnection);
  result.ratios.memoryPerLoadedDoc = ratio(f.idle.ours.perDoc, f.idle.hocuspocus.perDoc);
}

if (asJson) {
  console.log(JSON.stringify(result));
} else {
  const fmt = (v, d = 2) => (v === null || v === undefined ? '–' : Number(v).toFixed(d));
  const kb = (v) => `${fmt(v / 1024, 1)} KB`;
  const rows = [];
  for (const n of latencyRuns) {
    const o = f[`latency${n}`].ours;
    const h = f[`latency${n}`].hocuspocus;
    const r = result.ratios[`latency${n}`];
    rows.push([`${n} clients p50 latency`, `${fmt(o.p50Ms)} ms`, `${fmt(h.p50Ms)} ms`, fmt(r.p50)]);
    rows.push([`${n} clients p95 latency`, `${fmt(o.p95Ms)} ms`, `${fmt(h.p95Ms)} ms`, fmt(r.p95)]);
    rows.push([`${n} clients p99 latency`, `${fmt(o.p99Ms)} ms`, `${fmt(h.p99Ms)} ms`, fmt(r.p99)]);
    rows.push([`${n} clients server CPU`, `${fmt(o.cpuSeconds)} s`, `${fmt(h.cpuSeconds)} s`, fmt(r.cpu)]);
  }
  if (f.coldLoad) {
    const { ours: o, hocuspocus: h } = f.coldLoad;
    rows.push([`cold load (${COLD_UPDATES} updates)`, `${fmt(o.ms, 1)} ms`, `${fmt(h.ms, 1)} ms`, fmt(result.ratios.coldLoad)]);
  }
  if (f.idle) {
    const { ours: o, hocuspocus: h } = f.idle;
    rows.push(['memory per idle connection', kb(o.perConnection), kb(h.perConnection), fmt(result.ratios.memoryPerIdleConnection)]);
    rows.push(['memory per loaded document', kb(o.perDoc), kb(h.perDoc), fmt(result.ratios.memoryPerLoadedDoc)]);
  }
  console.log(`\nsync benchmark (median of ${runs} runs; ${result.servers.hocuspocus}; ratio = ours / Hocuspocus)\n`);
  const widths = [34, 14, 14, 8];
  console.log(['', 'Lagebild', 'Hocuspocus', 'ratio'].map((c, i) => c.padEnd(widths[i])).join(''));
  for (const row of rows) console.log(row.map((c, i) => String(c).padEnd(widths[i])).join(''));
  for (const n of latencyRuns) {
    const o = f[`latency${n}`].ours;
    const h = f[`latency${n}`].hocuspocus;
    console.log(
      `${n} clients: server CPU user/kernel ours ${fmt(o.cpuUserSeconds)}/${fmt(o.cpuSystemSeconds)} s, Hocuspocus ${fmt(h.cpuUserSeconds)}/${fmt(h.cpuSystemSeconds)} s; main thread ours ${fmt(o.mainThreadCpuSeconds)} s, Hocuspocus ${fmt(h.mainThreadCpuSeconds)} s`,
    );
    console.log(
      `${n} clients: delivered edits ours ${o.delivered}, Hocuspocus ${h.delivered}; CPU of the client process ours ${fmt(o.clientCpuSeconds)} s, Hocuspocus ${fmt(h.clientCpuSeconds)} s`,
    );
  }
}
process.exit(0);
