import { isAbsolute, join } from 'node:path';
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
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
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
  clientDist: string;
}

export class ConfigError extends Error {}

const resolvePath = (p: string) => (isAbsolute(p) ? p : join(projectRoot(), p));

/** Validates the environment once at start; every problem is named in one message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
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
