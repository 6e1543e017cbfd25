// Once per run: pick the Postgres server the tests use and name this run's databases.
// Plain JS because jest loads global setup outside its ESM module mapping; it uses the
// compiled EmbeddedPostgres (npm test builds first). The migrated, seeded template is
// built by the first worker that needs it, from the TypeScript sources (see database.ts).
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // WebGL on SwiftShader, so deck.gl renders in headless Chromium without a GPU.
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export default async function globalSetup() {
  let adminUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (!adminUrl) {
    const compiled = join(root, 'server/dist/server/src/database/embedded-postgres.js');
    if (!existsSync(compiled)) throw new Error('server is not built: run `npm test` (which builds) or `npm run build:server` first');
    const { EmbeddedPostgres } = await import(pathToFileURL(compiled).href);
    const embedded = new EmbeddedPostgres({
      dataDir: join(root, '.data', 'test-postgres'),
      preferredPort: 54339,
      database: 'postgres',
      log: () => undefined,
    });
    adminUrl = await embedded.start();
    globalThis.__LAGEBILD_EMBEDDED_PG__ = embedded;
  }
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Databases of runs that were killed before their teardown, older than an hour.
    const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'lagebild\\_t\\_%'`);
    for (const { datname } of rows) {
      const stamp = Number.parseInt(datname.split('_')[2]?.slice(0, -6) ?? '', 36);
      if (Number.isFinite(stamp) && stamp < Date.now() - 3600_000)
        await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(datname)} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
  // One Chromium for the whole run; browser test files connect to it instead of each launching their own.
  if (existsSync(CHROMIUM)) {
    const browserServer = await chromium.launchServer({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    globalThis.__LAGEBILD_BROWSER__ = browserServer;
    process.env.LAGEBILD_TEST_BROWSER_WS = browserServer.wsEndpoint();
  }
  process.env.LAGEBILD_TEST_ADMIN_URL = adminUrl;
  process.env.LAGEBILD_TEST_RUN_ID = runId;
  process.env.LAGEBILD_TEST_TEMPLATE = `lagebild_t_${runId}_template`;
}
