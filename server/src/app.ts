import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { writeValidationMessagesInBothLanguages } from '@lagebild/shared';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { serveClient } from './common/http/client-assets.js';
import { createValidationPipe } from './common/http/validation.js';
import { httpLogger } from './common/logging/logging.module.js';
import { NestPinoLogger } from './common/logging/nest-logger.js';
import type { AppConfig } from './config/app-config.js';

export const JSON_BODY_LIMIT = '1mb';

/** Builds the Nest application; main.ts and the test factory both start it through here. */
export async function createApp(config: AppConfig, logger: Logger, dataSource: DataSource): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register({ config, logger, dataSource }), {
    bufferLogs: true,
    bodyParser: false,
    abortOnError: false,
  });
  app.useLogger(new NestPinoLogger(logger));
  app.set('trust proxy', config.trustProxy);
  app.set('x-powered-by', false);
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });

  app.use(httpLogger(logger));

  const basemapOrigin = config.basemapStyleUrl ? new URL(config.basemapStyleUrl).origin : null;
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:', ...(basemapOrigin ? [basemapOrigin] : [])],
          connectSrc: ["'self'", ...(basemapOrigin ? [basemapOrigin] : [])],
          workerSrc: ["'self'", 'blob:'],
          fontSrc: ["'self'", 'data:'],
          frameAncestors: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  // The embeddable atlas is meant to be framed by other sites (council papers, the city's website).
  app.use(
    '/embed',
    (
      _req: unknown,
      res: { removeHeader(name: string): void; setHeader(name: string, value: string): void; getHeader(name: string): unknown },
      next: () => void,
    ) => {
      res.removeHeader('X-Frame-Options');
      const csp = String(res.getHeader('Content-Security-Policy') ?? '');
      res.setHeader('Content-Security-Policy', csp.replace("frame-ancestors 'self'", 'frame-ancestors *'));
      next();
    },
  );
  // API answers (GeoJSON of a few hundred areas is megabytes) go compressed to clients that accept
  // it; static files come precompressed (client-assets.ts) and are left alone. Not the login and
  // session answers: they carry tokens, and compression next to reflected input can leak them (BREACH).
  app.use(
    compression({
      filter: (request, response) => !request.path.startsWith('/api/auth') && compression.filter(request, response),
    }),
  );
  app.use(cookieParser());
  // Validation messages follow each request's Accept-Language: made in both, picked by the exception filter.
  writeValidationMessagesInBothLanguages();
  app.enableCors({ origin: config.corsOrigins.length ? config.corsOrigins : false, credentials: true });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());

  const openApi = new DocumentBuilder()
    .setTitle('Lagebild API')
    .setDescription('Atlas, planning and collaboration API of Lagebild. Errors are {statusCode, code, message}.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .addCookieAuth('lagebild_session')
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), { jsonDocumentUrl: 'api/docs/openapi.json' });

  serveClient(app, config.clientDist);
  return app;
}
