/**
 * Compressed transfer: the build's precompressed copies are sent as they are to browsers that
 * accept them (brotli first, then gzip), API answers are compressed on the fly, login answers
 * are not (BREACH), and every variant decodes to exactly the original bytes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { DEMO_PASSWORD, DEMO_USERS } from '../../seeds/index.js';
import { loadConfig } from '../../server/src/config/app-config.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** node:http, not fetch: fetch would decode the body and hide what went over the wire. */
function get(t: TestApp, path: string, acceptEncoding: string | null, init: { method?: string; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = acceptEncoding === null ? {} : { 'accept-encoding': acceptEncoding };
    if (init.body) headers['content-type'] = 'application/json';
    const req = httpRequest(`${t.baseUrl}${path}`, { method: init.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

function decoded(response: RawResponse): Buffer {
  const encoding = response.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(response.body);
  if (encoding === 'gzip') return gunzipSync(response.body);
  return response.body;
}

let t: TestApp;
let clientDist: string;
const script = Buffer.from(`export const atlas = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `Stadtteil ${i}`))};\n`);

beforeAll(async () => {
  // A client build of its own, laid out as client/build/precompress.ts writes it.
  clientDist = mkdtempSync(join(tmpdir(), 'lagebild-compression-'));
  mkdirSync(join(clientDist, 'assets'));
  writeFileSync(join(clientDist, 'index.html'), '<!doctype html><title>Lagebild</title><div id="app"></div>');
  writeFileSync(join(clientDist, 'assets', 'atlas-3f2a.js'), script);
  writeFileSync(join(clientDist, 'assets', 'atlas-3f2a.js.br'), brotliCompressSync(script));
  writeFileSync(join(clientDist, 'assets', 'atlas-3f2a.js.gz'), gzipSync(script));
  t = await startTestApp({ clientDist });
});
afterAll(async () => {
  await t.close();
  rmSync(clientDist, { recursive: true, force: true });
});

describe('static files', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    [null, undefined],
    ['identity', undefined],
  ])('answer Accept-Encoding %p with %p, decoding to the original', async (accept, encoding) => {
    const response = await get(t, '/assets/atlas-3f2a.js', accept);
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe(encoding);
    expect(response.headers['content-type']).toMatch(/^text\/javascript; charset=utf-8$/i);
    expect(response.headers.vary).toContain('Accept-Encoding');
    expect(response.headers['cache-control']).toContain('immutable');
    if (encoding) expect(response.body.length).toBeLessThan(script.length / 3);
    expect(decoded(response).equals(script)).toBe(true);
  });

  it('still answer deep links with index.html and unknown assets with 404', async () => {
    const page = await get(t, '/atlas?indicator=sgb2_rate', 'gzip, br');
    expect(page.status).toBe(200);
    expect(decoded(page).toString()).toContain('<div id="app">');
    expect((await get(t, '/assets/missing-0000.js', 'gzip, br')).status).toBe(404);
  });
});

describe('API answers', () => {
  it('are compressed for clients that accept it, and decode to the same JSON', async () => {
    const compressed = await get(t, '/api/indicators', 'gzip, br');
    const plain = await get(t, '/api/indicators', null);
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(compressed.body.length).toBeLessThan(plain.body.length / 3);
    expect(JSON.parse(decoded(compressed).toString())).toEqual(JSON.parse(plain.body.toString()));
  });

  it('are not compressed when they carry a login token', async () => {
    const body = JSON.stringify({ email: DEMO_USERS.coordinator.email, password: DEMO_PASSWORD });
    const response = await get(t, '/api/auth/login', 'gzip, br', { method: 'POST', body });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(response.body.toString())).toHaveProperty('accessToken');
  });
});

describe('the client build', () => {
  // `npm test` builds the client first; this checks what client/build/precompress.ts wrote there.
  const built = loadConfig({}).clientDist;
  const assets = existsSync(join(built, 'assets')) ? readdirSync(join(built, 'assets')) : [];

  it('has a brotli and a gzip copy of every script and stylesheet above 1 KB, each decoding to the original', () => {
    const compressible = assets.filter((name) => /\.(js|css)$/.test(name) && statSync(join(built, 'assets', name)).size >= 1024);
    expect(compressible.length).toBeGreaterThan(10);
    for (const name of compressible) {
      const original = readFileSync(join(built, 'assets', name));
      expect(brotliDecompressSync(readFileSync(join(built, 'assets', `${name}.br`))).equals(original)).toBe(true);
      expect(gunzipSync(readFileSync(join(built, 'assets', `${name}.gz`))).equals(original)).toBe(true);
    }
  });
});
