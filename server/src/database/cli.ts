import { loadConfig } from '../config/app-config.js';
import { createLogger } from '../common/logging/logger.js';
import { seedDemo } from '../../../seeds/index.js';
import { createDataSource } from './data-source.js';
import { resolveDatabase } from './database-url.js';
import { generateMigration, runMigrations } from './migrator.js';

const USAGE = 'usage: cli.js run | revert | show | seed | generate <Name> | create <Name>';

async function main(argv: string[]): Promise<void> {
  const [command, name] = argv;
  if (!command || !['run', 'revert', 'show', 'seed', 'generate', 'create'].includes(command)) throw new Error(USAGE);
  if ((command === 'generate' || command === 'create') && !name)
    throw new Error(`${command} needs a migration name, e.g. npm run migration:${command} -- AddMeasures`);

  const config = loadConfig();
  const logger = createLogger({ logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel });
  const database = await resolveDatabase(config, (m) => logger.info(m));
  const dataSource = createDataSource({ url: database.url, poolSize: 2, applicationName: 'lagebild-cli' });
  try {
    await dataSource.initialize();
    switch (command) {
      case 'run': {
        const applied = await runMigrations(dataSource);
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'no pending migrations');
        break;
      }
      case 'revert':
        await dataSource.undoLastMigration({ transaction: 'each' });
        console.log('reverted the last migration');
        break;
      case 'show':
        await dataSource.showMigrations();
        break;
      case 'seed': {
        await runMigrations(dataSource);
        const summary = await seedDemo(dataSource);
        console.log(`seeded: ${JSON.stringify(summary)}`);
        break;
      }
      case 'generate':
      case 'create': {
        // The diff is taken against the database, so it must be at the newest migration first.
        await runMigrations(dataSource);
        const file = await generateMigration(dataSource, name!, command === 'create');
        console.log(file ? `wrote ${file}` : 'the schema already matches the entities; no migration written');
        break;
      }
    }
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.stop();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`lagebild: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
