import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { seedDemo } from '../../seeds/index.js';
import { createDataSource } from '../../server/src/database/data-source.js';
import { runMigrations } from '../../server/src/database/migrator.js';
import { TEST_ENV, requireEnv, withDatabase } from './test-env.js';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: requireEnv(TEST_ENV.adminUrl) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const TEMPLATE_LOCK = 4_242_001;
let templateReady: Promise<void> | null = null;

/**
 * The migrated, seeded template of this run, built once by whichever worker gets the
 * advisory lock first; the others wait on the lock and then find it ready.
 */
function ensureTemplate(): Promise<void> {
  templateReady ??= withAdmin(async (admin) => {
    const template = requireEnv(TEST_ENV.template);
    await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      const { rowCount } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [template]);
      if (rowCount) return;
      const building = `${template}_building`;
      await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(building)} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(building)}`);
      const dataSource = createDataSource({ url: withDatabase(requireEnv(TEST_ENV.adminUrl), building), poolSize: 2 });
      await dataSource.initialize();
      try {
        await runMigrations(dataSource);
        await seedDemo(dataSource);
      } finally {
        await dataSource.destroy();
      }
      // Renamed only when complete, so a crashed build never leaves a half-made template.
      await admin.query(`ALTER DATABASE ${admin.escapeIdentifier(building)} RENAME TO ${admin.escapeIdentifier(template)}`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  });
  return templateReady;
}

/**
 * A private copy of the migrated, seeded template: test files run in parallel without
 * sharing rows. `empty` gives a database without any schema, for migration tests.
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  if (!options.empty) await ensureTemplate();
  const name = `lagebild_t_${requireEnv(TEST_ENV.runId)}_${randomBytes(4).toString('hex')}`;
  await withAdmin(async (admin) => {
    const template = options.empty ? 'template0' : requireEnv(TEST_ENV.template);
    // CREATE DATABASE … TEMPLATE fails while another session copies the same template.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)} TEMPLATE ${admin.escapeIdentifier(template)}`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006' || attempt > 50) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });
  const url = withDatabase(requireEnv(TEST_ENV.adminUrl), name);
  return {
    name,
    url,
    drop: () => withAdmin(async (admin) => void (await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`))),
  };
}
