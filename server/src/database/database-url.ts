import { redactUrl, type AppConfig } from '../config/app-config.js';
import { EmbeddedPostgres } from './embedded-postgres.js';

export interface ResolvedDatabase {
  url: string;
  /** Where the data lives, for the start-up log line (never contains a password). */
  description: string;
  stop(): Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded Postgres under .data/postgres. */
export async function resolveDatabase(
  config: AppConfig,
  log: (message: string) => void,
  warn: (message: string) => void = log,
): Promise<ResolvedDatabase> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, description: redactUrl(config.databaseUrl), stop: async () => undefined };
  }
  const embedded = new EmbeddedPostgres({
    dataDir: config.embeddedPg.dataDir,
    preferredPort: config.embeddedPg.preferredPort,
    database: 'lagebild',
    log,
    warn,
  });
  const url = await embedded.start();
  return { url, description: `embedded Postgres in ${config.embeddedPg.dataDir} (${redactUrl(url)})`, stop: () => embedded.stop() };
}
