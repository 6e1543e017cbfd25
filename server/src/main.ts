import 'reflect-metadata';
import { completeDemoTranslations, seedDemo, isDatabaseEmpty } from '../../seeds/index.js';
import { createApp } from './app.js';
import { createLogger } from './common/logging/logger.js';
import { describeStartupError } from './common/startup-error.js';
import { loadConfig, type AppConfig } from './config/app-config.js';
import { createDataSource } from './database/data-source.js';
import { resolveDatabase, type ResolvedDatabase } from './database/database-url.js';
import { runMigrations, underSchemaLock } from './database/migrator.js';

// config → database (embedded or DATABASE_URL) → migrations → seeds → listen
let config: AppConfig;
try {
  config = loadConfig();
} catch (error) {
  console.error(`lagebild: ${describeStartupError(error, { port: 0 })}`);
  process.exit(1);
}

const logger = createLogger(config);
let database: ResolvedDatabase | null = null;
const dataSourceRef: { current: ReturnType<typeof createDataSource> | null } = { current: null };
let app: Awaited<ReturnType<typeof createApp>> | null = null;
let stopping = false;

async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 20_000);
  force.unref();
  try {
    if (app) await app.close();
    else if (dataSourceRef.current?.isInitialized) await dataSourceRef.current.destroy();
  } catch (error) {
    logger.error({ err: error }, 'error while closing the app');
  }
  await database?.stop().catch((error: unknown) => logger.error({ err: error }, 'error while stopping the database'));
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));

try {
  database = await resolveDatabase(
    config,
    (message) => logger.info(message),
    (message) => logger.warn(message),
  );
  logger.info(`database: ${database.description}`);
  const dataSource = createDataSource({ url: database.url, poolSize: config.databasePoolSize });
  dataSourceRef.current = dataSource;
  await dataSource.initialize();
  const applied = await runMigrations(dataSource);
  if (applied.length) logger.info({ migrations: applied }, 'applied migrations');
  if (config.seedDemo) {
    // Under the lock, a second instance starting at the same time finds the demo in place.
    const outcome = await underSchemaLock(dataSource, async () =>
      (await isDatabaseEmpty(dataSource)) ? { seeded: await seedDemo(dataSource) } : { translated: await completeDemoTranslations(dataSource) },
    );
    if (outcome.seeded) logger.info({ seeded: outcome.seeded }, 'seeded the Gladbeck demo into the empty database');
    else if (outcome.translated && Object.values(outcome.translated).some((n) => n > 0))
      logger.info({ translated: outcome.translated }, 'added the English texts of the demo that this database lacked');
  }
  app = await createApp(config, logger, dataSource);
  await app.listen(config.port, config.host);
  logger.info(`Lagebild is running at http://localhost:${config.port}`);
} catch (error) {
  console.error(`lagebild: ${describeStartupError(error, { databaseUrl: config.databaseUrl, port: config.port })}`);
  logger.debug({ err: error }, 'start-up failure detail');
  await app?.close().catch(() => undefined);
  if (!app && dataSourceRef.current?.isInitialized) await dataSourceRef.current.destroy().catch(() => undefined);
  await database?.stop().catch(() => undefined);
  process.exit(1);
}
