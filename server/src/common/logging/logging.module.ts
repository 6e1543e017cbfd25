import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';

export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/** One line per HTTP request (health checks excluded), through the bootstrap's pino instance. */
export function httpLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    autoLogging: { ignore: (req) => req.url === '/api/health' },
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
