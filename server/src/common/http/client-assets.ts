import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import type { NestExpressApplication } from '@nestjs/platform-express';

const NOT_BUILT = `<!doctype html><html lang="de"><meta charset="utf-8"><title>Lagebild</title>
<p>Der Web-Client ist noch nicht gebaut. Bitte <code>npm run build</code> ausführen.</p></html>`;

/**
 * Serves the built Vue client and answers every other non-API GET with index.html, so
 * deep links such as /atlas?indicator=… work on reload.
 */
export function serveClient(app: NestExpressApplication, clientDist: string): void {
  const index = join(clientDist, 'index.html');
  // The build writes brotli and gzip copies of every asset (client/build/precompress.ts): sent as
  // they are to browsers that accept them, so a map page downloads a third of its raw size and
  // the server compresses nothing per visitor. Files are looked up once, at start-up.
  const compressed = { enableBrotli: true, orderPreference: ['br', 'gz'], index: false as const };
  // Hashed asset names never change content, so they may be cached for a year.
  app.use(
    '/assets',
    expressStaticGzip(join(clientDist, 'assets'), {
      ...compressed,
      serveStatic: { immutable: true, maxAge: '365d', index: false, fallthrough: true },
    }),
  );
  app.use(expressStaticGzip(clientDist, { ...compressed, serveStatic: { index: false, maxAge: 0 } }));
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (request.path.startsWith('/api') || request.path.startsWith('/socket.io') || request.path.startsWith('/assets/')) return next();
    response.setHeader('Cache-Control', 'no-cache');
    if (!existsSync(index)) return void response.status(503).type('html').send(NOT_BUILT);
    response.sendFile(index);
  });
}
