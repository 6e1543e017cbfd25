import type { Download, Page } from 'playwright-core';
import type { AreaFeatureCollection, IndicatorSummary, IndicatorValuesResponse } from '@lagebild/shared';
import type { DemoUserKey, TestApp } from '../helpers/app.js';

/** Helpers shared by the atlas browser tests. */

export async function api<T>(t: TestApp, path: string, user?: DemoUserKey): Promise<T> {
  const headers: Record<string, string> = user ? { authorization: `Bearer ${await t.login(user)}` } : {};
  const response = await fetch(`${t.baseUrl}/api${path}`, { headers });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export const valuesOf = (t: TestApp, indicator: string, period: string, user?: DemoUserKey) =>
  api<IndicatorValuesResponse>(t, `/indicators/${indicator}/values?period=${period}&level=district`, user);
export const districts = (t: TestApp) => api<AreaFeatureCollection>(t, '/areas?level=district');
export const indicatorList = (t: TestApp, user?: DemoUserKey) => api<IndicatorSummary[]>(t, '/indicators', user);

/** Waits until the map has drawn the colours of a selection whose key contains every part. */
export async function waitForMap(page: Page, ...parts: string[]): Promise<string> {
  const handle = await page.waitForFunction(
    (wanted) => {
      const key = document.querySelector('[data-testid=atlas-map]')?.getAttribute('data-rendered-key');
      return key && wanted.every((p) => key.split('|').includes(p)) ? key : null;
    },
    parts,
    { timeout: 45_000, polling: 50 },
  );
  return (await handle.jsonValue()) as string;
}

export interface LegendEntry {
  color: string;
  from: number;
  to: number;
  count: number;
}

export async function legendEntries(page: Page): Promise<LegendEntry[]> {
  return page.getByTestId('legend-class').evaluateAll((items) =>
    items.map((li) => ({
      color: li.getAttribute('data-color')!,
      from: Number(li.getAttribute('data-from')),
      to: Number(li.getAttribute('data-to')),
      count: Number(li.getAttribute('data-count')),
    })),
  );
}

/** The legend class a value falls into: [from, to), the last class including its upper limit. */
export function legendClassOf(entries: LegendEntry[], value: number): LegendEntry | undefined {
  return entries.find((e, i) => value >= e.from && (value < e.to || (i === entries.length - 1 && value <= e.to)));
}

/**
 * The screen position (CSS pixels, relative to the map container) of a longitude/latitude,
 * from the camera the map reports: Web Mercator with 512-pixel tiles, as deck.gl's MapView.
 */
export async function screenPosition(page: Page, lngLat: [number, number]): Promise<{ x: number; y: number }> {
  const map = page.getByTestId('atlas-map');
  const camera = (await map.getAttribute('data-camera'))!.split(',').map(Number) as [number, number, number];
  const box = (await map.boundingBox())!;
  const project = ([lon, lat]: [number, number], zoom: number) => {
    const scale = 512 * 2 ** zoom;
    const x = ((lon + 180) / 360) * scale;
    const y = ((180 - (180 / Math.PI) * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))) / 360) * scale;
    return [x, y];
  };
  const [cx, cy] = project([camera[0], camera[1]], camera[2]);
  const [px, py] = project(lngLat, camera[2]);
  return { x: box.width / 2 + (px! - cx!), y: box.height / 2 + (py! - cy!) };
}

/** The colour of the map canvas at a point (CSS pixels relative to the map), as #rrggbb. */
export async function canvasPixel(page: Page, point: { x: number; y: number }): Promise<string> {
  return page.evaluate(({ x, y }) => {
    const canvas = document.querySelector('[data-testid=atlas-map] canvas') as HTMLCanvasElement;
    const scale = canvas.width / canvas.getBoundingClientRect().width;
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const ctx = copy.getContext('2d')!;
    ctx.drawImage(canvas, 0, 0);
    const [r, g, b] = ctx.getImageData(Math.round(x * scale), Math.round(y * scale), 1, 1).data;
    return `#${[r, g, b].map((c) => c!.toString(16).padStart(2, '0')).join('')}`;
  }, point);
}

export async function downloadText(download: Download): Promise<string> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function downloadBytes(download: Download): Promise<Buffer> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  if (bytes.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error('not a PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** "12,3" / "−1,2" / "12.345,6" (German) → number. */
export function germanNumber(text: string): number {
  return Number(
    text
      .trim()
      .replace(/\u2212/g, '-')
      .replace(/\./g, '')
      .replace(',', '.'),
  );
}

/** Waits until the page's URL has the parameter (the atlas writes the URL right after the frame). */
export async function waitForParam(page: Page, name: string, value: string | null): Promise<void> {
  await page.waitForFunction(([n, v]) => new URL(location.href).searchParams.get(n!) === v, [name, value] as const, { timeout: 10_000, polling: 50 });
}
