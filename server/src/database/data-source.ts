import { DataSource, type LoggerOptions } from 'typeorm';
import { migrations } from '../../../migrations/index.js';
import { entities } from './entities.js';

export interface DataSourceOptions {
  url: string;
  poolSize?: number;
  logging?: LoggerOptions;
  applicationName?: string;
}

/** The one place a TypeORM DataSource is configured: app, CLI and tests share it. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities,
    migrations,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    // gen_random_uuid() is built into PostgreSQL 13+, so no extension is needed for uuid keys.
    uuidExtension: 'pgcrypto',
    logging: options.logging ?? ['error'],
    poolSize: options.poolSize ?? 10,
    applicationName: options.applicationName ?? 'lagebild',
    extra: { connectionTimeoutMillis: 10_000 },
  });
}
