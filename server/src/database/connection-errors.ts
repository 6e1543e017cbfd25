/** SQLSTATEs that mean "no usable connection right now", not "this query is wrong". */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or in recovery
]);
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);

/**
 * True when an error (or the driver error TypeORM wrapped in it) says the database could not be
 * reached or went away mid-query: a restart, a crash, a network break. Those deserve a
 * "try again in a moment" answer, not an internal error.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
    const { code, message, driverError, cause } = current as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_SOCKET_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08'))) return true;
    // node-postgres raises these without a code when the server closes the socket.
    if (typeof message === 'string' && /^Connection terminated|connection timeout|Client has encountered a connection error/i.test(message))
      return true;
    current = driverError ?? cause;
  }
  return false;
}
