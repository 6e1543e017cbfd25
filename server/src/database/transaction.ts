import type { DataSource, QueryRunner } from 'typeorm';

/**
 * Runs `work` in one transaction on its own connection; the work decides whether to
 * commit (a dry run does not), and any error rolls everything back.
 */
export async function inTransaction<T>(db: DataSource, work: (runner: QueryRunner) => Promise<{ result: T; commit: boolean }>): Promise<T> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    const { result, commit } = await work(runner);
    if (commit) await runner.commitTransaction();
    else await runner.rollbackTransaction();
    return result;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}

/** TypeORM answers UPDATE and DELETE with [rows, count], everything else with rows. */
export function returnedRows<T = unknown>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
