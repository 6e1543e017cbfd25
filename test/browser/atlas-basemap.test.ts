import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ClientConfig } from '@lagebild/shared';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { closeBrowser, openPage, screenshot } from '../helpers/browser.js';
import { api, waitForMap } from './atlas-support.js';

/**
 * The optional basemap: an installation sets BASEMAP_STYLE_URL to a MapLibre style, and the
 * atlas draws its areas over it. Here the "tile server" is a local style with a single
 * background layer, so the test needs no internet.
 */
const BACKGROUND = '#cfe3d0';
let styleServer: Server;
let styleUrl: string;
let t: TestApp;
let plain: TestApp;

beforeAll(async () => {
  styleServer = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
    res.end(
      JSON.stringify({
        version: 8,
        name: 'Test',
        sources: {},
        layers: [{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND } }],
      }),
    );
  });
  await new Promise<void>((resolve) => styleServer.listen(0, '127.0.0.1', resolve));
  styleUrl = `http://127.0.0.1:${(styleServer.address() as AddressInfo).port}/style.json`;
  [t, plain] = await Promise.all([startTestApp({ basemapStyleUrl: styleUrl }), startTestApp()]);
});
afterAll(async () => {
  await closeBrowser();
  await Promise.all([t.close(), plain.close()]);
  await new Promise<void>((resolve) => styleServer.close(() => resolve()));
});

describe('basemap', () => {
  it('is off by default and announced by GET /api/config when configured', async () => {
    expect(await api<ClientConfig>(plain, '/config')).toEqual({ basemapStyleUrl: null });
    expect(await api<ClientConfig>(t, '/config')).toEqual({ basemapStyleUrl: styleUrl });
  });

  it('draws the areas over the configured style, and the style outside them', async () => {
    const { page, context, errors } = await openPage(t, { user: 'viewer' });
    await page.goto('/atlas?indicator=sgb2_rate&period=2020');
    await waitForMap(page, 'sgb2_rate', '2020');
    await page.locator('[data-testid=atlas-map] .maplibregl-canvas').waitFor();
    // A corner of the map shows the style's background, composed from both canvases.
    const corner = await page.evaluate(() => {
      const canvases = [...document.querySelectorAll('[data-testid=atlas-map] canvas')] as HTMLCanvasElement[];
      const base = canvases[0]!;
      const out = document.createElement('canvas');
      out.width = base.width;
      out.height = base.height;
      const ctx = out.getContext('2d')!;
      for (const c of canvases) ctx.drawImage(c, 0, 0, out.width, out.height);
      const [r, g, b] = ctx.getImageData(8, out.height - 8, 1, 1).data;
      return `#${[r, g, b].map((x) => x!.toString(16).padStart(2, '0')).join('')}`;
    });
    expect(corner).toBe(BACKGROUND);
    await screenshot(page, 'atlas-basemap-de');
    expect(errors).toEqual([]);
    await context.close();
  });
});
