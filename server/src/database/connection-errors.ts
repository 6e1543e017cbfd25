/** SQLSTATEs that mean "no usable connection right now", not "this query is wrong". */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or in recovery
]);
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);
/** What node-postgres raises without a code when it has no usable connection. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/i, // the server closed the socket (also "… due to connection timeout")
  /connection timeout/i,
  /Client has encountered a connection error/i,
  /Client was closed and is not queryable/i, // a query (e.g. a ROLLBACK) on a client closed after its socket broke
  /^timeout exceeded when trying to connect$/i, // pg-pool: no connection within connectionTimeoutMillis
  /^timeout expired$/i, // pg: a new connection did not open in time
];

/**
 * True when an error (or the driver error TypeORM wrapped in it) says the database could not be
 * reached or went away mid-query: a restart, a crash, a network break. Those deserve a
 * "try again in a moment" answer, not an internal error.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
    const { code, message, driverError, cause } = current as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_SOCKET_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08'))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
    current = driverError ?? cause;
  }
  return false;
}
