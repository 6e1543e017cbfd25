import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_PASSWORD, DEMO_USERS } from '../../seeds/index.js';
import { startTestApp, tableCounts, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${t.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

function cookiesOf(response: Response): Record<string, string> {
  const result: Record<string, string> = {};
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [name, value] = pair!.split('=');
    result[name!] = value!;
  }
  return result;
}

describe('POST /api/auth/login', () => {
  it('returns {accessToken, user} and sets an httpOnly session cookie for every demo user', async () => {
    for (const user of Object.values(DEMO_USERS)) {
      const response = await post('/api/auth/login', { email: user.email, password: DEMO_PASSWORD });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { accessToken: string; user: { id: string; email: string; isAdmin: boolean } };
      expect(body.accessToken).toMatch(/^[\w-]{40,}$/);
      expect(body.user).toMatchObject({ id: user.id, email: user.email, isAdmin: user.isAdmin });
      const session = response.headers.getSetCookie().find((c) => c.startsWith('lagebild_session='))!;
      expect(session).toMatch(/HttpOnly/i);
      expect(session).toMatch(/SameSite=Lax/i);
    }
  });

  it('accepts the email in any case and with surrounding spaces', async () => {
    const response = await post('/api/auth/login', { email: '  Gast@Gladbeck.Example ', password: DEMO_PASSWORD });
    expect(response.status).toBe(200);
  });

  it('rejects a wrong password with 401 and writes no session', async () => {
    const before = await tableCounts(t.dataSource);
    const response = await post('/api/auth/login', { email: DEMO_USERS.viewer.email, password: 'wrong-password' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'E-Mail-Adresse oder Passwort ist falsch.' });
    expect(response.headers.getSetCookie()).toEqual([]);
    const english = await fetch(`${t.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      body: JSON.stringify({ email: DEMO_USERS.viewer.email, password: 'wrong-password' }),
    });
    expect(await english.json()).toEqual({ statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'The e-mail address or the password is wrong.' });
    // Nothing but the two failures (against the address and the account) for the throttle.
    expect(await tableCounts(t.dataSource)).toEqual({ ...before, login_failure: before.login_failure! + 4 });
  });

  it('answers an unknown account exactly like a wrong password', async () => {
    const response = await post('/api/auth/login', { email: 'niemand@gladbeck.example', password: 'whatever-it-is' });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { code: string }).code).toBe('INVALID_CREDENTIALS');
  });

  it('rejects bad bodies with 400 and a field list, writing nothing', async () => {
    const before = await tableCounts(t.dataSource);
    const cases: Array<[unknown, string[]]> = [
      [{}, ['email', 'password']],
      [{ email: 'not-an-email', password: 'x' }, ['email']],
      [{ email: DEMO_USERS.viewer.email, password: DEMO_PASSWORD, role: 'admin' }, ['(body)']],
      [{ email: 42, password: ['x'] }, ['email', 'password']],
      [{ email: DEMO_USERS.viewer.email, password: 'x'.repeat(5000) }, ['password']],
      [[1, 2, 3], ['(body)']],
    ];
    for (const [body, fields] of cases) {
      const response = await post('/api/auth/login', body);
      expect(response.status).toBe(400);
      const error = (await response.json()) as { code: string; errors: { field: string; message: string }[] };
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.errors.map((e) => e.field)).toEqual(expect.arrayContaining(fields));
      for (const e of error.errors) expect(e.message.length).toBeGreaterThan(0);
    }
    expect(await tableCounts(t.dataSource)).toEqual(before);
  });

  it('rejects malformed JSON with 400 and an oversized body with 413, without internals', async () => {
    const malformed = await post('/api/auth/login', '{"email": ');
    expect(malformed.status).toBe(400);
    const malformedBody = (await malformed.json()) as { code: string; message: string };
    expect(malformedBody.code).toBe('MALFORMED_JSON');
    expect(malformedBody.message).not.toMatch(/at |Unexpected|position/);

    const huge = await post('/api/auth/login', JSON.stringify({ email: 'a@b.de', password: 'x'.repeat(2 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { code: string }).code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('sessions', () => {
  it('the bearer token and the cookie both authenticate GET /api/auth/me; logout revokes the token', async () => {
    const login = await post('/api/auth/login', { email: DEMO_USERS.editor.email, password: DEMO_PASSWORD });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const cookies = cookiesOf(login);

    const viaBearer = await fetch(`${t.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(viaBearer.status).toBe(200);
    expect(await viaBearer.json()).toMatchObject({ email: DEMO_USERS.editor.email, departmentCode: '12' });

    const cookieHeader = `lagebild_session=${cookies.lagebild_session}; lagebild_csrf=${cookies.lagebild_csrf}`;
    const viaCookie = await fetch(`${t.baseUrl}/api/auth/me`, { headers: { cookie: cookieHeader } });
    expect(viaCookie.status).toBe(200);

    const logout = await fetch(`${t.baseUrl}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${accessToken}` } });
    expect(logout.status).toBe(204);
    expect((await fetch(`${t.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${accessToken}` } })).status).toBe(401);
    expect((await fetch(`${t.baseUrl}/api/auth/me`, { headers: { cookie: cookieHeader } })).status).toBe(401);
  });

  it('GET /api/auth/me without a token, or with a forged one, answers 401', async () => {
    expect((await fetch(`${t.baseUrl}/api/auth/me`)).status).toBe(401);
    const forged = await fetch(`${t.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${'A'.repeat(43)}` } });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toEqual({ statusCode: 401, code: 'UNAUTHENTICATED', message: expect.any(String) });
  });

  it('requires the CSRF header for writes authenticated by cookie, but not for bearer writes', async () => {
    const login = await post('/api/auth/login', { email: DEMO_USERS.viewer.email, password: DEMO_PASSWORD });
    const cookies = cookiesOf(login);
    const cookie = `lagebild_session=${cookies.lagebild_session}; lagebild_csrf=${cookies.lagebild_csrf}`;

    const withoutHeader = await fetch(`${t.baseUrl}/api/auth/logout`, { method: 'POST', headers: { cookie } });
    expect(withoutHeader.status).toBe(403);
    expect(((await withoutHeader.json()) as { code: string }).code).toBe('CSRF_FAILED');
    expect((await fetch(`${t.baseUrl}/api/auth/me`, { headers: { cookie } })).status).toBe(200);

    const wrongHeader = await fetch(`${t.baseUrl}/api/auth/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': 'forged' } });
    expect(wrongHeader.status).toBe(403);

    const withHeader = await fetch(`${t.baseUrl}/api/auth/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': cookies.lagebild_csrf! } });
    expect(withHeader.status).toBe(204);
  });
});

describe('login throttling', () => {
  it('blocks an account after repeated failures, even with the right password, and tells when to retry', async () => {
    const throttled = await startTestApp({ loginThrottle: { maxPerIp: 100, maxPerAccount: 3, windowMs: 60_000 } });
    try {
      const attempt = (password: string) =>
        fetch(`${throttled.baseUrl}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: DEMO_USERS.commenter.email, password }),
        });
      for (let i = 0; i < 3; i++) expect((await attempt('wrong-password')).status).toBe(401);
      const blocked = await attempt(DEMO_PASSWORD);
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await blocked.json()) as { code: string }).code).toBe('RATE_LIMITED');
      // Another account from the same address is not affected by this account's lock.
      const other = await fetch(`${throttled.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: DEMO_USERS.viewer.email, password: DEMO_PASSWORD }),
      });
      expect(other.status).toBe(200);
    } finally {
      await throttled.close();
    }
  });

  it('lets no more parallel guesses through than the limit allows', async () => {
    const throttled = await startTestApp({ loginThrottle: { maxPerIp: 100, maxPerAccount: 3, windowMs: 60_000 } });
    try {
      // Twelve guesses at once: all would pass a check that runs before any failure is stored.
      const statuses = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          fetch(`${throttled.baseUrl}/api/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: DEMO_USERS.coordinator.email, password: `guess-number-${i}` }),
          }).then((r) => r.status),
        ),
      );
      expect(statuses.filter((s) => s === 401)).toHaveLength(3);
      expect(statuses.filter((s) => s === 429)).toHaveLength(9);
      // A success in between does not count against the address, and clears the account.
      const ok = await fetch(`${throttled.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: DEMO_USERS.viewer.email, password: DEMO_PASSWORD }),
      });
      expect(ok.status).toBe(200);
      const [{ count }] = await throttled.dataSource.query(`SELECT count(*)::int AS count FROM login_failure`);
      expect(count).toBe(6);
    } finally {
      await throttled.close();
    }
  });

  it('counts failures of all instances together, and keeps no address or e-mail in clear', async () => {
    const limits = { loginThrottle: { maxPerIp: 100, maxPerAccount: 3, windowMs: 60_000 } };
    const first = await startTestApp(limits);
    const second = await startTestApp(limits, { database: first.database });
    try {
      const attempt = (instance: TestApp, password: string) =>
        fetch(`${instance.baseUrl}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: DEMO_USERS.editor.email, password }),
        });
      expect((await attempt(first, 'wrong-password')).status).toBe(401);
      expect((await attempt(second, 'wrong-password')).status).toBe(401);
      expect((await attempt(first, 'wrong-password')).status).toBe(401);
      // Three failures over two instances: each instance alone has seen fewer than three.
      expect((await attempt(second, DEMO_PASSWORD)).status).toBe(429);
      expect((await attempt(first, DEMO_PASSWORD)).status).toBe(429);
      const stored: { key: string }[] = await first.dataSource.query(`SELECT encode(throttle_key, 'escape') AS key FROM login_failure`);
      expect(stored).toHaveLength(6);
      for (const { key } of stored) expect(key).not.toMatch(/gladbeck|127\.0\.0\.1/i);
    } finally {
      await second.close();
      await first.close();
    }
  });

  it('blocks an IP address that fails across many accounts', async () => {
    const throttled = await startTestApp({ loginThrottle: { maxPerIp: 4, maxPerAccount: 100, windowMs: 60_000 } });
    try {
      const attempt = (email: string, password: string) =>
        fetch(`${throttled.baseUrl}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password }),
        });
      for (let i = 0; i < 4; i++) expect((await attempt(`probe${i}@gladbeck.example`, 'guess-guess')).status).toBe(401);
      expect((await attempt(DEMO_USERS.viewer.email, DEMO_PASSWORD)).status).toBe(429);
    } finally {
      await throttled.close();
    }
  });
});
