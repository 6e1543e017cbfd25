import type { Server as HttpServer } from 'node:http';
import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { COLLAB_NAMESPACE } from '@lagebild/shared';
import type { Logger } from 'pino';
import { createClient } from 'redis';
import { Server, type Namespace, type Socket } from 'socket.io';
import { ROOT_LOGGER } from '../common/logging/logging.module.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { preEncodeBinaryBroadcasts } from './broadcast-frames.js';
import { serverParser } from './socket-parser.js';

export type CollabSocket = Socket;
export type ConnectionMiddleware = (socket: Socket) => Promise<void>;

/**
 * The Socket.IO server of /collab, attached to Nest's HTTP server: the one I/O class that
 * knows about Socket.IO, Redis and the wire parser. A plain Socket.IO server instead of a Nest
 * gateway, because the parser, the adapter and the hot path need direct control (see
 * docs/protocol.md). Other classes emit through it; before `start()` every emit is a no-op.
 */
@Injectable()
export class CollabSocketServer implements BeforeApplicationShutdown {
  private io: Server | null = null;
  private nsp: Namespace | null = null;
  private redis: { close(): Promise<void> } | null = null;
  private readonly serverHandlers = new Map<string, (message: unknown) => void>();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  /** Whether broadcasts reach other server instances (a Redis adapter is attached). */
  get clustered(): boolean {
    return this.redis !== null;
  }

  get namespace(): Namespace | null {
    return this.nsp;
  }

  start(middleware: ConnectionMiddleware, onConnection: (socket: Socket) => void): void {
    const httpServer = this.adapterHost.httpAdapter.getHttpServer() as HttpServer;
    const { collab, corsOrigins } = this.config;
    const io = new Server(httpServer, {
      path: '/socket.io',
      transports: ['websocket'],
      parser: serverParser,
      serveClient: false,
      maxHttpBufferSize: collab.maxMessageBytes,
      perMessageDeflate: false,
      connectTimeout: 10_000,
      pingInterval: 25_000,
      pingTimeout: 20_000,
      cors: { origin: corsOrigins.length ? corsOrigins : false, credentials: true },
    });
    this.io = io;
    if (this.config.redisUrl) this.attachRedis(io, this.config.redisUrl);
    const nsp = io.of(COLLAB_NAMESPACE);
    preEncodeBinaryBroadcasts(nsp);
    this.nsp = nsp;
    nsp.use((socket, next) => {
      middleware(socket).then(
        () => next(),
        (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
      );
    });
    nsp.on('connection', onConnection);
    for (const [event, handler] of this.serverHandlers) nsp.on(event, handler);
    // Engine-level failures (bad handshakes, oversized frames) are the client's problem, never ours.
    io.engine.on('connection_error', (error: { code: number; message: string }) => {
      this.logger.debug({ code: error.code, reason: error.message }, 'collab: connection refused');
    });
  }

  emitToRoom(room: string, event: string, payload: unknown, exceptSocketIds?: string | string[]): void {
    if (!this.nsp) return;
    const target = exceptSocketIds && exceptSocketIds.length ? this.nsp.to(room).except(exceptSocketIds) : this.nsp.to(room);
    target.emit(event, payload);
  }

  emitToSocket(socketId: string, event: string, payload: unknown): void {
    this.nsp?.to(socketId).emit(event, payload);
  }

  /** Sends a message to the other server instances (no-op without Redis). */
  broadcastToServers(event: string, message: unknown): void {
    if (this.nsp && this.redis) this.nsp.serverSideEmit(event, message);
  }

  /** Handles messages from other server instances. */
  onServerMessage(event: string, handler: (message: unknown) => void): void {
    this.serverHandlers.set(event, handler);
    this.nsp?.on(event, handler);
  }

  /** The sockets connected to this instance. */
  localSockets(): Iterable<Socket> {
    return this.nsp?.sockets.values() ?? [];
  }

  async beforeApplicationShutdown(): Promise<void> {
    const io = this.io;
    this.io = null;
    this.nsp = null;
    if (io) {
      io.disconnectSockets(true);
      // Not io.close(): that would also close the HTTP server, which Nest closes itself.
      io.engine.close();
      await Promise.all([...io._nsps.values()].map((nsp) => nsp.adapter.close()));
    }
    const redis = this.redis;
    this.redis = null;
    if (redis) await redis.close().catch(() => undefined);
  }

  private attachRedis(io: Server, url: string): void {
    const client = createClient({ url, socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5_000) } });
    // Without a handler node-redis would crash the process on a lost connection; it reconnects by itself.
    client.on('error', (error: Error) => this.logger.warn({ err: error.message }, 'collab: Redis connection problem; relying on resync meanwhile'));
    client.connect().catch((error: unknown) => this.logger.error({ err: error }, 'collab: Redis unreachable'));
    const prefix = this.config.collab.redisPrefix;
    io.adapter(createAdapter(withHandledSubscriptions(client), { streamName: `${prefix}:stream`, channelPrefix: prefix, maxLen: 10_000 }));
    this.redis = client;
    this.logger.info({ prefix }, 'collab: broadcasts cross server instances through Redis');
  }
}

type SubscribingClient = { duplicate(...args: never[]): unknown };
const SUBSCRIBE_METHODS = ['subscribe', 'sSubscribe'] as const;

/**
 * The streams adapter subscribes on a duplicate of our client and drops the promise. When the
 * app stops before that subscription is confirmed (a start-up that fails at listen, say), closing
 * the duplicate rejects it unhandled, and Node ends the process with a stack trace instead of our
 * one-line message. That rejection only says "you closed me", so swallowing it loses nothing; on a
 * connection that drops later, node-redis re-subscribes by itself when it reconnects.
 */
function withHandledSubscriptions<Client extends SubscribingClient>(client: Client): Client {
  const duplicate = client.duplicate.bind(client) as (...args: unknown[]) => Record<string, unknown>;
  const patched = (...args: unknown[]) => {
    const copy = duplicate(...args);
    for (const method of SUBSCRIBE_METHODS) {
      const subscribe = copy[method];
      if (typeof subscribe !== 'function') continue;
      copy[method] = (...subscribeArgs: unknown[]) => {
        const pending = (subscribe as (...a: unknown[]) => Promise<unknown>).apply(copy, subscribeArgs);
        pending.catch(() => undefined);
        return pending;
      };
    }
    return copy;
  };
  (client as { duplicate: unknown }).duplicate = patched;
  return client;
}
