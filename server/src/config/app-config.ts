import { isAbsolute, join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { validationTextIn } from '@lagebild/shared';
import { z } from 'zod';
import { projectRoot } from './project-root.js';

const booleanFlag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const postgresUrl = z
  .string()
  .trim()
  .refine((v) => /^postgres(ql)?:\/\/[^\s]+$/.test(v) && URL.canParse(v), {
    error: 'must be a postgres:// or postgresql:// URL',
  });

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: postgresUrl.optional(),
  /** Where embedded Postgres keeps its data when DATABASE_URL is unset. */
  EMBEDDED_PG_DIR: z.string().min(1).default('.data/postgres'),
  /** Preferred port of the embedded Postgres; another free one is taken when it is busy. */
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  // At least two: migrations run on one connection while another holds the schema lock.
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Seed the Gladbeck demo into an empty database at start-up. */
  SEED_DEMO: booleanFlag.default(true),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 14),
  COOKIE_SECURE: booleanFlag.default(false),
  /** Comma-separated origins allowed to call the API from another origin; same-origin needs none. */
  CORS_ORIGINS: z.string().default(''),
  TRUST_PROXY: booleanFlag.default(false),
  LOGIN_MAX_ATTEMPTS_PER_IP: z.coerce.number().int().min(1).default(30),
  LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  LOGIN_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(15 * 60),
  /** Optional MapLibre style URL for a basemap; off by default because there is no internet. */
  BASEMAP_STYLE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  /** Live sync (/collab): see docs/protocol.md. */
  /**
   * Heap that imports may hold at once, in MB; default half of the process's heap limit. A file
   * whose estimated need is larger is refused with 413 instead of running the process out of memory.
   */
  IMPORT_MEMORY_MB: z.coerce.number().int().min(16).optional(),
  COLLAB_MAX_UPDATE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(1024 * 1024),
  /** Largest websocket message accepted at all; bigger ones close the connection. Above the update limit, so oversized updates get a TOO_LARGE ack. */
  COLLAB_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(4096)
    .max(256 * 1024 * 1024)
    .default(16 * 1024 * 1024),
  /**
   * Largest stored document (snapshot plus log). Updates that add content to a fuller one get
   * TOO_LARGE; deletions still pass. Keeps every sync answer within what the event loop can send
   * in one piece (docs/collab.md, "Event-loop measurement").
   */
  COLLAB_MAX_DOC_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .max(1024 * 1024 * 1024)
    .default(16 * 1024 * 1024),
  COLLAB_UPDATES_PER_SECOND: z.coerce.number().min(1).default(600),
  COLLAB_UPDATE_BURST: z.coerce.number().int().min(1).default(1200),
  COLLAB_UPDATE_BYTES_PER_SECOND: z.coerce
    .number()
    .int()
    .min(1024)
    .default(4 * 1024 * 1024),
  COLLAB_MESSAGES_PER_SECOND: z.coerce.number().min(1).default(100),
  COLLAB_MESSAGE_BURST: z.coerce.number().int().min(1).default(200),
  COLLAB_MAX_BAD_MESSAGES: z.coerce.number().int().min(1).default(5),
  COLLAB_MAX_REJECTED_PER_10S: z.coerce.number().int().min(1).default(1000),
  COLLAB_AWARENESS_INTERVAL_MS: z.coerce.number().int().min(0).default(50),
  COLLAB_RESYNC_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(200)
    .default(2 * 60_000),
  COLLAB_COMPACT_AFTER_UPDATES: z.coerce.number().int().min(2).default(1000),
  COLLAB_COMPACT_AFTER_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /**
   * A document that is due for compaction waits until nobody has written to it for this long
   * (at most COLLAB_COMPACT_MAX_WAIT_MS), so folding the log never competes with a live session.
   */
  COLLAB_COMPACT_QUIET_MS: z.coerce.number().int().min(0).default(1000),
  COLLAB_COMPACT_MAX_WAIT_MS: z.coerce.number().int().min(0).default(10_000),
  COLLAB_ROLE_RECHECK_MS: z.coerce.number().int().min(0).default(60_000),
  /** Run loads, compactions and version restores in a worker thread (off only to measure the difference). */
  COLLAB_DOC_WORKER: booleanFlag.default(true),
  /** Incoming updates above this many bytes are validated in the worker thread, so the event loop stays free. */
  COLLAB_WORKER_THRESHOLD_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(64 * 1024),
  COLLAB_MAX_DOCS_PER_SOCKET: z.coerce.number().int().min(1).default(16),
  /** Redis stream and channel prefix of the Socket.IO adapter; distinct per deployment (and per test). */
  COLLAB_REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,80}$/)
    .default('lagebild:collab'),
  CLIENT_DIST: z.string().default('client/dist'),
});

export type Env = z.input<typeof EnvSchema>;

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  embeddedPg: { dataDir: string; preferredPort: number };
  databasePoolSize: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  seedDemo: boolean;
  sessionTtlMs: number;
  cookieSecure: boolean;
  corsOrigins: string[];
  trustProxy: boolean;
  loginThrottle: { maxPerIp: number; maxPerAccount: number; windowMs: number };
  basemapStyleUrl: string | undefined;
  redisUrl: string | undefined;
  collab: CollabConfig;
  /** Heap bytes all running imports may hold together (see ImportMemoryBudget). */
  importMemoryBytes: number;
  clientDist: string;
}

/** Limits and timings of the live sync engine (server/src/collab). */
export interface CollabConfig {
  maxUpdateBytes: number;
  maxMessageBytes: number;
  maxDocBytes: number;
  updatesPerSecond: number;
  updateBurst: number;
  updateBytesPerSecond: number;
  messagesPerSecond: number;
  messageBurst: number;
  /** Malformed, oversized or unknown messages before the socket is disconnected. */
  maxBadMessages: number;
  /** Rate-limited messages within 10 s before the socket is disconnected (a flood). */
  maxRejectedPer10s: number;
  awarenessIntervalMs: number;
  resyncIntervalMs: number;
  compactAfterUpdates: number;
  compactAfterBytes: number;
  compactQuietMs: number;
  compactMaxWaitMs: number;
  roleRecheckMs: number;
  docWorker: boolean;
  workerThresholdBytes: number;
  maxDocsPerSocket: number;
  redisPrefix: string;
}

export class ConfigError extends Error {}

const resolvePath = (p: string) => (isAbsolute(p) ? p : join(projectRoot(), p));

/** Validates the environment once at start; every problem is named in one message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    // Operators read this in the log, in English like the rest of it.
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${validationTextIn(i.message, 'en')}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    embeddedPg: { dataDir: resolvePath(e.EMBEDDED_PG_DIR), preferredPort: e.EMBEDDED_PG_PORT },
    databasePoolSize: e.DATABASE_POOL_SIZE,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    cookieSecure: e.COOKIE_SECURE,
    corsOrigins: e.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    trustProxy: e.TRUST_PROXY,
    loginThrottle: {
      maxPerIp: e.LOGIN_MAX_ATTEMPTS_PER_IP,
      maxPerAccount: e.LOGIN_MAX_ATTEMPTS_PER_ACCOUNT,
      windowMs: e.LOGIN_WINDOW_SECONDS * 1000,
    },
    basemapStyleUrl: e.BASEMAP_STYLE_URL,
    redisUrl: e.REDIS_URL,
    collab: {
      maxUpdateBytes: e.COLLAB_MAX_UPDATE_BYTES,
      maxMessageBytes: Math.max(e.COLLAB_MAX_MESSAGE_BYTES, e.COLLAB_MAX_UPDATE_BYTES + 64 * 1024),
      maxDocBytes: e.COLLAB_MAX_DOC_BYTES,
      updatesPerSecond: e.COLLAB_UPDATES_PER_SECOND,
      updateBurst: e.COLLAB_UPDATE_BURST,
      updateBytesPerSecond: e.COLLAB_UPDATE_BYTES_PER_SECOND,
      messagesPerSecond: e.COLLAB_MESSAGES_PER_SECOND,
      messageBurst: e.COLLAB_MESSAGE_BURST,
      maxBadMessages: e.COLLAB_MAX_BAD_MESSAGES,
      maxRejectedPer10s: e.COLLAB_MAX_REJECTED_PER_10S,
      awarenessIntervalMs: e.COLLAB_AWARENESS_INTERVAL_MS,
      resyncIntervalMs: e.COLLAB_RESYNC_INTERVAL_MS,
      compactAfterUpdates: e.COLLAB_COMPACT_AFTER_UPDATES,
      compactAfterBytes: e.COLLAB_COMPACT_AFTER_BYTES,
      compactQuietMs: e.COLLAB_COMPACT_QUIET_MS,
      compactMaxWaitMs: e.COLLAB_COMPACT_MAX_WAIT_MS,
      roleRecheckMs: e.COLLAB_ROLE_RECHECK_MS,
      docWorker: e.COLLAB_DOC_WORKER,
      workerThresholdBytes: e.COLLAB_WORKER_THRESHOLD_BYTES,
      maxDocsPerSocket: e.COLLAB_MAX_DOCS_PER_SOCKET,
      redisPrefix: e.COLLAB_REDIS_PREFIX,
    },
    importMemoryBytes: e.IMPORT_MEMORY_MB !== undefined ? e.IMPORT_MEMORY_MB * 1024 * 1024 : Math.floor(getHeapStatistics().heap_size_limit / 2),
    clientDist: resolvePath(e.CLIENT_DIST),
  };
}

/** The URL with its password masked, for log lines and error messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<invalid URL>';
  }
}
