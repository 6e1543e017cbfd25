import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { httpLogger } from './logging.module.js';
import { NestPinoLogger } from './nest-logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}

describe('NestPinoLogger', () => {
  it("writes Nest's calls with their context, fields and errors", () => {
    const { logger, lines } = capture();
    const nest = new NestPinoLogger(logger);
    nest.log('Mapped {/api/health, GET} route', 'RouterExplorer');
    nest.warn({ docId: 'workspace/1/canvas', rows: 3 }, 'DocCompactor');
    nest.verbose('details');
    nest.error(new Error('database unreachable'));
    // Nest's exception handlers: message, stack, context.
    nest.error(
      'Cannot read properties of undefined',
      'TypeError: Cannot read properties of undefined\n    at handler (app.js:1:1)',
      'ExceptionsHandler',
    );

    expect(lines.map(({ level, msg, context }) => ({ level, msg, context }))).toEqual([
      { level: 30, msg: 'Mapped {/api/health, GET} route', context: 'RouterExplorer' },
      { level: 40, msg: undefined, context: 'DocCompactor' },
      { level: 10, msg: 'details', context: undefined },
      { level: 50, msg: 'database unreachable', context: undefined },
      { level: 50, msg: 'Cannot read properties of undefined', context: 'ExceptionsHandler' },
    ]);
    expect(lines[1]).toMatchObject({ docId: 'workspace/1/canvas', rows: 3 });
    expect(lines[3]!.err).toMatchObject({ type: 'Error', message: 'database unreachable' });
    expect((lines[4]!.err as { stack: string }).stack).toContain('at handler (app.js:1:1)');
  });
});

describe('httpLogger', () => {
  // Request ids count every request, the unlogged ones too.
  it('logs one line per API request with method, url and status, at warn for 4xx, and none for health checks or client files', async () => {
    const { logger, lines } = capture();
    const log = httpLogger(logger);
    const server = createServer((req, res) => {
      log(req, res);
      res.statusCode = req.url === '/api/missing' ? 404 : 200;
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const path of ['/api/health', '/assets/index-C3jNZ8Tb.js', '/atlas', '/api/indicators', '/api/missing'])
        await (await fetch(base + path)).text();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(lines.map(({ level, req, res }) => ({ level, req, res }))).toEqual([
      { level: 30, req: { id: 4, method: 'GET', url: '/api/indicators' }, res: { statusCode: 200 } },
      { level: 40, req: { id: 5, method: 'GET', url: '/api/missing' }, res: { statusCode: 404 } },
    ]);
  });
});
