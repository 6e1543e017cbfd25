import { afterAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { DEMO_PASSWORD, DEMO_USERS } from '../../seeds/index.js';
import { projectRoot } from '../../server/src/config/project-root.js';
import { createTestDatabase } from '../helpers/database.js';
import { freePort, isAlive, spawnServer, waitForHealth } from '../helpers/server-process.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** Logs in until it works or a minute has passed; the last status. */
async function loginUntilOk(baseUrl: string, email: string, password: string): Promise<number> {
  const attempt = () =>
    fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    }).then((r) => r.status);
  const deadline = Date.now() + 60_000;
  let status = await attempt();
  while (status !== 200 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    status = await attempt();
  }
  return status;
}

function expectOneClearLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('start-up errors', () => {
  it('a DATABASE_URL nobody answers ends start-up with one clear line and exit code 1', async () => {
    const port = await freePort();
    const server = spawnServer({ DATABASE_URL: `postgres://postgres:secret@127.0.0.1:${port}/lagebild`, PORT: String(await freePort()) });
    const { code } = await server.exited;
    expect(code).toBe(1);
    expectOneClearLine(server.stderr(), /cannot reach PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/lagebild: connection refused/);
    expect(server.stderr()).not.toContain('secret');
  });

  it('a DATABASE_URL that is not a Postgres URL is a configuration error', async () => {
    const server = spawnServer({ DATABASE_URL: 'mysql://root@localhost/x', PORT: String(await freePort()) });
    expect((await server.exited).code).toBe(1);
    expectOneClearLine(server.stderr(), /Invalid configuration: DATABASE_URL: must be a postgres/);
  });

  it('a port already in use ends start-up with one clear line and exit code 1', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '0.0.0.0', resolve));
    cleanups.push(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    const port = (blocker.address() as { port: number }).port;

    const server = spawnServer({ DATABASE_URL: database.url, PORT: String(port), SEED_DEMO: 'false' });
    expect((await server.exited).code).toBe(1);
    expectOneClearLine(server.stderr(), new RegExp(`port ${port} is already in use`));
  });
});

describe('embedded Postgres', () => {
  it('survives kill -9 of the app (reusing the running database), a stale lock file and kill -9 of Postgres under the app (adopted or its own), loses no data, and stops with the app', async () => {
    const dataDir = join(projectRoot(), '.data', `test-embedded-${randomBytes(4).toString('hex')}`);
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    cleanups.push(() => rmSync(`${dataDir}.json`, { force: true }));
    const env = { EMBEDDED_PG_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) };
    const start = async () => {
      const port = await freePort();
      const server = spawnServer({ ...env, PORT: String(port) });
      cleanups.push(() => void server.child.kill('SIGKILL'));
      const baseUrl = `http://127.0.0.1:${port}`;
      await waitForHealth(baseUrl, server, 90_000);
      return { server, baseUrl };
    };
    const postmasterPid = () => Number.parseInt(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]!, 10);

    // First start: initialises, migrates and seeds. Write something to find again later.
    let { server, baseUrl } = await start();
    const login = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEMO_USERS.admin.email, password: DEMO_PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const created = await fetch(`${baseUrl}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ email: 'bleibt@gladbeck.example', displayName: 'Bleibt', password: 'bleibt-password-1' }),
    });
    expect(created.status).toBe(201);
    const firstPostgres = postmasterPid();

    // kill -9 of the app leaves its Postgres running: the next start reuses it.
    server.child.kill('SIGKILL');
    await server.exited;
    expect(isAlive(firstPostgres)).toBe(true);
    ({ server, baseUrl } = await start());
    expect(postmasterPid()).toBe(firstPostgres);
    const relogin = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bleibt@gladbeck.example', password: 'bleibt-password-1' }),
    });
    expect(relogin.status).toBe(200);

    // The adopted server is no child of this app, and yet it is watched: killed alone, it is replaced.
    process.kill(firstPostgres, 'SIGKILL');
    expect(await loginUntilOk(baseUrl, 'bleibt@gladbeck.example', 'bleibt-password-1')).toBe(200);
    expect(server.child.exitCode).toBeNull();
    const replacedPostgres = postmasterPid();
    expect(replacedPostgres).not.toBe(firstPostgres);

    // kill -9 of both leaves a stale postmaster.pid: the next start recovers.
    server.child.kill('SIGKILL');
    await server.exited;
    process.kill(replacedPostgres, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
    ({ server, baseUrl } = await start());
    const secondPostgres = postmasterPid();
    expect(secondPostgres).not.toBe(replacedPostgres);
    const afterCrash = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bleibt@gladbeck.example', password: 'bleibt-password-1' }),
    });
    expect(afterCrash.status).toBe(200);

    // kill -9 of Postgres alone, under the running app: the app starts it again and answers
    // from the same data, without a restart of its own.
    process.kill(secondPostgres, 'SIGKILL');
    // Meanwhile requests get a clear "try again" (the restart waits 500 ms before it starts).
    const during = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'de' },
      body: JSON.stringify({ email: 'bleibt@gladbeck.example', password: 'bleibt-password-1' }),
    });
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toBe('5');
    expect(await during.json()).toEqual({
      statusCode: 503,
      code: 'DATABASE_UNAVAILABLE',
      message: 'Die Datenbank ist gerade nicht erreichbar. Bitte in einigen Sekunden erneut versuchen.',
    });
    expect(await loginUntilOk(baseUrl, 'bleibt@gladbeck.example', 'bleibt-password-1')).toBe(200);
    expect(server.child.exitCode).toBeNull();
    const thirdPostgres = postmasterPid();
    expect(thirdPostgres).not.toBe(secondPostgres);
    expect(isAlive(thirdPostgres)).toBe(true);

    // A clean stop stops the embedded Postgres too.
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
    expect(isAlive(thirdPostgres)).toBe(false);
  }, 240_000);
});
