/**
 * An instance with REDIS_URL that stops while its Socket.IO adapter is still subscribing (a
 * start-up that fails at listen does exactly that) must stop quietly: no unhandled rejection,
 * which in the server process would end start-up with a stack trace instead of one clear line.
 */
import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import type { HttpAdapterHost } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { CollabSocketServer } from '../../server/src/collab/collab-socket.server.js';
import { createLogger } from '../../server/src/common/logging/logger.js';
import { loadConfig } from '../../server/src/config/app-config.js';
import { redisReachable } from './helpers.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const withRedis = await redisReachable(REDIS_URL);

describe('stopping while the Redis adapter subscribes', () => {
  (withRedis ? it : it.skip)(
    'leaves no unhandled rejection behind, however early the server stops',
    async () => {
      const unhandled: unknown[] = [];
      const record = (reason: unknown) => unhandled.push(reason);
      process.on('unhandledRejection', record);
      try {
        const config = loadConfig({
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          DATABASE_URL: 'postgres://unused@127.0.0.1/unused',
          PORT: '0',
          REDIS_URL,
        });
        config.collab = { ...config.collab, redisPrefix: `lagebild:test:${randomBytes(6).toString('hex')}` };
        for (const stopAfterMs of [0, 0, 1, 2, 5, 10, 20]) {
          const httpServer = createServer();
          const adapterHost = { httpAdapter: { getHttpServer: () => httpServer } } as unknown as HttpAdapterHost;
          const server = new CollabSocketServer(adapterHost, config, createLogger(config));
          server.start(
            async () => undefined,
            () => undefined,
          );
          expect(server.clustered).toBe(true);
          if (stopAfterMs) await new Promise((resolve) => setTimeout(resolve, stopAfterMs));
          await server.beforeApplicationShutdown();
        }
        // Rejections surface a turn or two after the stop that caused them.
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(unhandled.map((reason) => (reason instanceof Error ? reason.message : String(reason)))).toEqual([]);
      } finally {
        process.off('unhandledRejection', record);
      }
    },
    30_000,
  );
});
