import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('health, docs and the error convention', () => {
  it('GET /api/health answers 200 {status: "ok"} with the database reachable', async () => {
    const response = await fetch(`${t.baseUrl}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: 'ok' });
  });

  it('serves OpenAPI docs at /api/docs, describing the contract endpoints with their schemas', async () => {
    const page = await fetch(`${t.baseUrl}/api/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger');
    const document = (await (await fetch(`${t.baseUrl}/api/docs/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } }>>;
    };
    for (const path of [
      '/api/auth/login',
      '/api/workspaces',
      '/api/areas',
      '/api/indicators',
      '/api/indicators/{key}/values',
      '/api/areas/{key}/profile',
    ]) {
      expect(Object.keys(document.paths)).toContain(path);
    }
    const loginBody = document.paths['/api/auth/login']!.post!.requestBody!.content['application/json']!.schema;
    expect(Object.keys(loginBody.properties ?? {})).toEqual(expect.arrayContaining(['email', 'password']));
  });

  it('answers an unknown API route with 404 in the {statusCode, code, message} shape', async () => {
    const response = await fetch(`${t.baseUrl}/api/does-not-exist`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'Nicht gefunden: GET /api/does-not-exist' });
    const english = await fetch(`${t.baseUrl}/api/does-not-exist`, { headers: { 'accept-language': 'en' } });
    expect(await english.json()).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'Not found: GET /api/does-not-exist' });
  });

  it('sends security headers', async () => {
    const response = await fetch(`${t.baseUrl}/api/health`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});
