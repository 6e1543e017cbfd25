import { describe, expect, it } from '@jest/globals';
import { isDatabaseUnavailable } from './connection-errors.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:54329')],
    ['a reset socket', withCode('ECONNRESET')],
    ['a server shutting down', withCode('57P01', 'terminating connection due to administrator command')],
    ['a server in recovery', withCode('57P03', 'the database system is in recovery mode')],
    ['a connection exception', withCode('08006')],
    ['a socket closed mid-query', new Error('Connection terminated unexpectedly')],
    ['a query on a client closed after its connection broke', new Error('Client was closed and is not queryable')],
    ['no pool connection in time', new Error('timeout exceeded when trying to connect')],
    ['no new connection in time', new Error('timeout expired')],
    ['a TypeORM error wrapping one', Object.assign(new Error('query failed'), { driverError: withCode('ECONNREFUSED') })],
  ])('recognises %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('23505', 'duplicate key value violates unique constraint')],
    ['a syntax error', withCode('42601')],
    ['a plain error', new Error('undefined is not a function')],
    ['a query that ran too long', new Error('Query read timeout')],
    ['no error at all', undefined],
    ['a string', 'ECONNREFUSED'],
  ])('leaves %s alone', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
