/** Environment handed from jest's global setup to the test workers. */
export const TEST_ENV = {
  adminUrl: 'LAGEBILD_TEST_ADMIN_URL',
  template: 'LAGEBILD_TEST_TEMPLATE',
  runId: 'LAGEBILD_TEST_RUN_ID',
} as const;

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through jest's global setup (npm test)`);
  return value;
}

/** The same server URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
