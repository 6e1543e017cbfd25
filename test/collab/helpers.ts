import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CollabProvider, createCollabSocket, type CollabSocket } from '@lagebild/shared/collab-client';
import { canvasDocId } from '@lagebild/shared';
import pg from 'pg';
import { createClient } from 'redis';
import * as Y from 'yjs';
import { DEMO_PASSWORD, DEMO_USERS, DEMO_WORKSPACE } from '../../seeds/index.js';
import { projectRoot } from '../../server/src/config/project-root.js';
import type { DemoUserKey } from '../helpers/app.js';
import { freePort, SERVER_ENTRY } from '../helpers/server-process.js';

export const CANVAS = canvasDocId(DEMO_WORKSPACE.id);

/** A provider with its own socket and document, as the app uses it. */
export interface ProviderClient {
  socket: CollabSocket;
  provider: CollabProvider;
  doc: Y.Doc;
  close(): void;
}

/** A provider client on the canvas (or `docId`), resolved once it is in step with the server. */
export async function syncedClient(baseUrl: string, token: string, docId: string = CANVAS): Promise<ProviderClient> {
  const socket = createCollabSocket({ url: baseUrl, token });
  const doc = new Y.Doc();
  const provider = new CollabProvider({ socket, doc, docId });
  await provider.whenSynced();
  return {
    socket,
    provider,
    doc,
    close: () => {
      provider.destroy();
      socket.disconnect();
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `check` returns true (or throws after `timeoutMs` with `what` in the message). */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

export async function login(baseUrl: string, user: DemoUserKey | { email: string; password: string }): Promise<string> {
  const credentials = typeof user === 'string' ? { email: DEMO_USERS[user].email, password: DEMO_PASSWORD } : user;
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** A connected socket (resolves after `connect`, rejects with the connect error). */
export async function connect(
  baseUrl: string,
  token?: string,
  options: { headers?: Record<string, string>; language?: 'de' | 'en' } = {},
): Promise<CollabSocket> {
  const socket = createCollabSocket({ url: baseUrl, token, headers: options.headers, language: options.language, autoConnect: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => {
      socket.disconnect();
      reject(error);
    });
    socket.connect();
  });
  return socket;
}

/** Emits with an ack and resolves with the ack (rejects after `timeoutMs`). */
export function request<T = Record<string, unknown>>(socket: CollabSocket, event: string, payload: unknown, timeoutMs = 10_000): Promise<T> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<T>;
}

/** Records every payload of `event` a socket receives. */
export function record<T = unknown>(socket: CollabSocket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

/** Bytes for the wire from Node: a Buffer over the same memory. */
export const wire = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** One small Yjs update: sets `key` in Y.Map('annotations') of a throwaway doc. */
export function mapUpdate(key: string, value: unknown, doc = new Y.Doc()): Uint8Array {
  let update: Uint8Array | null = null;
  const capture = (u: Uint8Array) => (update = u);
  doc.on('update', capture);
  doc.getMap('annotations').set(key, value);
  doc.off('update', capture);
  return update!;
}

/** The JSON of a document rebuilt from what Postgres holds (snapshot + log), outside the server. */
export async function reloadFromPostgres(databaseUrl: string, docId: string): Promise<Y.Doc> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ data: Buffer }>(
      `SELECT state AS data, 0 AS part, 0::bigint AS seq FROM doc_snapshot WHERE doc_id = $1
       UNION ALL SELECT update, 1, seq FROM doc_update WHERE doc_id = $1 ORDER BY part, seq`,
      [docId],
    );
    const doc = new Y.Doc();
    for (const row of rows) Y.applyUpdate(doc, row.data);
    return doc;
  } finally {
    await client.end();
  }
}

export async function countRows(databaseUrl: string, sql: string, params: unknown[] = []): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: number }>(sql, params);
    return Number(rows[0]?.count ?? 0);
  } finally {
    await client.end();
  }
}

export interface ServerProcess {
  baseUrl: string;
  port: number;
  child: ChildProcess;
  /** Everything the process wrote, for failure messages. */
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * The compiled server (`npx tsc -b server` first) as its own process on a free port, for tests
 * that need real processes: SIGKILL, restarts, two instances on one database.
 */
export async function startServerProcess(options: {
  databaseUrl: string;
  port?: number;
  env?: Record<string, string>;
  nodeArgs?: string[];
}): Promise<ServerProcess> {
  if (!existsSync(SERVER_ENTRY)) throw new Error('server is not built: run `npx tsc -b server` first');
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER_ENTRY], {
    cwd: projectRoot(),
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      DATABASE_URL: options.databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      DATABASE_POOL_SIZE: '6',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited during start-up:\n${output}`);
    const up = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start within 30 s:\n${output}`);
    }
    await sleep(100);
  }
  return {
    baseUrl,
    port,
    child,
    output: () => output,
    async kill(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Whether a Redis answers at `url`; tests that need one are skipped on a machine without it. */
export async function redisReachable(url: string): Promise<boolean> {
  const client = createClient({ url, socket: { connectTimeout: 1_000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    await client.close();
    return true;
  } catch {
    return false;
  }
}
