import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DataSource } from 'typeorm';
import { DEMO_PASSWORD, DEMO_USERS } from '../../seeds/index.js';
import { createApp } from '../../server/src/app.js';
import { createLogger } from '../../server/src/common/logging/logger.js';
import { loadConfig, type AppConfig } from '../../server/src/config/app-config.js';
import { createDataSource } from '../../server/src/database/data-source.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export type DemoUserKey = keyof typeof DEMO_USERS;

export interface TestApp {
  baseUrl: string;
  app: NestExpressApplication;
  dataSource: DataSource;
  database: TestDatabase;
  config: AppConfig;
  /** Logs a demo user in through the real endpoint and returns the bearer token. */
  login(user: DemoUserKey): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real AppModule on a random port, on a private copy of the seeded database, or on the
 * database of another test app (a second instance; the first one drops it).
 */
export async function startTestApp(overrides: Partial<AppConfig> = {}, options: { database?: TestDatabase } = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const config: AppConfig = {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', DATABASE_URL: database.url, PORT: '0' }),
    // Lets a developer point browser tests at a client built elsewhere (vite build --outDir).
    ...(process.env.LAGEBILD_TEST_CLIENT_DIST ? { clientDist: process.env.LAGEBILD_TEST_CLIENT_DIST } : {}),
    ...overrides,
  };
  const dataSource = createDataSource({ url: database.url, poolSize: 4 });
  await dataSource.initialize();
  const app = await createApp(config, createLogger(config), dataSource);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const tokens = new Map<DemoUserKey, string>();

  return {
    baseUrl,
    app,
    dataSource,
    database,
    config,
    async login(user) {
      const cached = tokens.get(user);
      if (cached) return cached;
      const response = await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: DEMO_USERS[user].email, password: DEMO_PASSWORD }),
      });
      if (!response.ok) throw new Error(`login of ${user} failed: ${response.status} ${await response.text()}`);
      const { accessToken } = (await response.json()) as { accessToken: string };
      tokens.set(user, accessToken);
      return accessToken;
    },
    async close() {
      await app.close();
      if (!options.database) await database.drop();
    },
  };
}

/** Rows of every table, for "nothing was written" assertions. */
export async function tableCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const rows: { table_name: string }[] = await dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of rows) {
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM "${table_name}"`);
    counts[table_name] = count;
  }
  return counts;
}
