import { ConfigError, redactUrl } from '../config/app-config.js';
import { EmbeddedPostgresError } from '../database/embedded-postgres.js';

interface SystemError {
  code?: string;
  message?: string;
  port?: number;
  hostname?: string;
}

/**
 * One line a person can act on, for anything that stops start-up. Stack traces stay out:
 * the cause is nearly always configuration, not a bug.
 */
export function describeStartupError(error: unknown, context: { databaseUrl?: string; port: number }): string {
  if (error instanceof ConfigError || error instanceof EmbeddedPostgresError) return error.message;
  const e = (error ?? {}) as SystemError;
  const db = context.databaseUrl ? redactUrl(context.databaseUrl) : 'the embedded database';
  switch (e.code) {
    case 'EADDRINUSE':
      return `port ${context.port} is already in use; stop the other program or set PORT to a free port`;
    case 'EACCES':
      return `no permission to listen on port ${context.port}; choose a port above 1024 with PORT`;
    case 'ECONNREFUSED':
      return `cannot reach PostgreSQL at ${db}: connection refused (is the server running, and is the port right?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot reach PostgreSQL at ${db}: unknown host ${e.hostname ?? ''}`.trim();
    case 'ETIMEDOUT':
      return `cannot reach PostgreSQL at ${db}: connection timed out`;
    case '28P01':
    case '28000':
      return `PostgreSQL at ${db} rejected the login: check user and password in DATABASE_URL`;
    case '3D000':
      return `database in ${db} does not exist: create it first (createdb) or fix DATABASE_URL`;
    case '42501':
      return `PostgreSQL user in ${db} lacks a permission the migrations need: ${e.message ?? ''}`.trim();
  }
  if (e.message && /timeout/i.test(e.message)) return `cannot reach PostgreSQL at ${db}: ${e.message}`;
  return e.message ? `start-up failed: ${e.message}` : 'start-up failed';
}
