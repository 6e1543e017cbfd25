import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';

export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/**
 * One line per API request through the bootstrap's pino instance. Health checks are left out
 * (probes call them every few seconds), and so are the client's files and pages: a page load
 * fetches a dozen hashed assets, and they never reached the request log before either.
 */
export function httpLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    autoLogging: { ignore: (req) => req.url === '/api/health' || !req.url?.startsWith('/api/') },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    serializers: {
      req: (req: { method: string; url: string; id: unknown }) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}

/** The bootstrap's pino instance for every service (ROOT_LOGGER). */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(logger: Logger): DynamicModule {
    return {
      module: LoggingModule,
      providers: [{ provide: ROOT_LOGGER, useValue: logger }],
      exports: [ROOT_LOGGER],
    };
  }
}
