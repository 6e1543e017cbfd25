import pg from 'pg';

export default async function globalTeardown() {
  const adminUrl = process.env.LAGEBILD_TEST_ADMIN_URL;
  const runId = process.env.LAGEBILD_TEST_RUN_ID;
  if (adminUrl && runId) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`lagebild\\_t\\_${runId}\\_%`]);
      for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(datname)} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }
  await globalThis.__LAGEBILD_BROWSER__?.close();
  await globalThis.__LAGEBILD_EMBEDDED_PG__?.stop();
}
