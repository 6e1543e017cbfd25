import { describe, expect, it } from '@jest/globals';
import { effectScope, nextTick } from 'vue';
import { ApiError, createHttpClient, retryDelayMs, type RetryNotice } from './http';
import { retryNow, useServerAvailability, waitWithNotice } from './server-availability';

type Answer = { status: number; body?: unknown; headers?: Record<string, string> } | 'network-failure';

/** The browser's fetch, answering from a script; records what was asked. */
function scriptedFetch(answers: Answer[]) {
  const calls: { method: string; path: string }[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ method: init?.method ?? 'GET', path: String(input) });
    const answer = answers.shift() ?? { status: 200, body: { ok: true } };
    if (answer === 'network-failure') throw new TypeError('Failed to fetch');
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json', ...answer.headers },
    });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const databaseAway: Answer = {
  status: 503,
  body: { statusCode: 503, code: 'DATABASE_UNAVAILABLE', message: 'Die Datenbank ist gerade nicht erreichbar.' },
  headers: { 'retry-after': '5' },
};

function clientWith(answers: Answer[], maxRetries = 3) {
  const { fetch, calls } = scriptedFetch(answers);
  const notices: RetryNotice[] = [];
  const client = createHttpClient({ fetch, csrfToken: () => 'csrf', retry: { maxRetries, wait: async (notice) => void notices.push(notice) } });
  return { client, calls, notices };
}

describe('reads during a short outage', () => {
  it('tries a read again after a 503, waiting as long as Retry-After asks', async () => {
    const { client, calls, notices } = clientWith([databaseAway, databaseAway, { status: 200, body: { areas: 11 } }]);
    await expect(client.get('/areas')).resolves.toEqual({ areas: 11 });
    expect(calls.map((c) => c.path)).toEqual(['/api/areas', '/api/areas', '/api/areas']);
    expect(notices.map((n) => [n.attempt, n.waitMs, n.error.code])).toEqual([
      [1, 5000, 'DATABASE_UNAVAILABLE'],
      [2, 5000, 'DATABASE_UNAVAILABLE'],
    ]);
  });

  it('tries again when there is no answer at all, doubling the wait from one second', async () => {
    const { client, notices } = clientWith(['network-failure', 'network-failure', { status: 502 }, { status: 200, body: [] }]);
    await expect(client.get('/indicators')).resolves.toEqual([]);
    expect(notices.map((n) => [n.waitMs, n.error.status])).toEqual([
      [1000, 0],
      [2000, 0],
      [4000, 502],
    ]);
  });

  it('gives up after the last repetition with the server’s own error', async () => {
    const { client, calls } = clientWith([databaseAway, databaseAway, databaseAway], 2);
    const failure = await client.get('/areas', { level: 'district' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE', retryAfter: '5' });
    expect(calls).toHaveLength(3);
  });

  it('never repeats a write, nor a read the server refused for good', async () => {
    for (const [method, answer] of [
      ['post', databaseAway],
      ['get', { status: 500, body: { statusCode: 500, code: 'INTERNAL_ERROR', message: 'x' } }],
      ['get', { status: 404, body: { statusCode: 404, code: 'NOT_FOUND', message: 'x' } }],
    ] as const) {
      const { client, calls, notices } = clientWith([answer]);
      const request = method === 'post' ? client.post('/imports/1/rollback') : client.get('/areas/unknown');
      await expect(request).rejects.toBeInstanceOf(ApiError);
      expect(calls).toHaveLength(1);
      expect(notices).toEqual([]);
    }
  });

  it('asks for waits between one and fifteen seconds', () => {
    expect([1, 2, 3, 4, 5, 9].map((attempt) => retryDelayMs(attempt, null))).toEqual([1000, 2000, 4000, 8000, 15000, 15000]);
    expect(retryDelayMs(1, '5')).toBe(5000);
    expect(retryDelayMs(1, '3600')).toBe(15000);
    // An HTTP date or garbage falls back to doubling.
    expect(retryDelayMs(2, 'Wed, 25 Nov 2026 10:00:00 GMT')).toBe(2000);
  });
});

describe('the app’s notice while reads wait', () => {
  it('shows while a read waits, counts down, and "try again now" ends every wait at once', async () => {
    const scope = effectScope();
    const availability = scope.run(() => useServerAvailability())!;
    expect(availability.unavailable.value).toBe(false);
    const error = new ApiError(503, 'DATABASE_UNAVAILABLE', 'Die Datenbank ist gerade nicht erreichbar.', [], '5');
    const waits = [waitWithNotice({ attempt: 1, waitMs: 60_000, error }), waitWithNotice({ attempt: 1, waitMs: 30_000, error })];
    await nextTick();
    expect(availability.unavailable.value).toBe(true);
    expect(availability.error.value?.code).toBe('DATABASE_UNAVAILABLE');
    expect(availability.secondsToNextTry.value).toBe(30);
    const started = Date.now();
    retryNow();
    await Promise.all(waits);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(availability.unavailable.value).toBe(false);
    scope.stop();
  });
});
