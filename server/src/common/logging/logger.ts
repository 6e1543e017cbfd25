import { pino, type Logger } from 'pino';
import type { AppConfig } from '../../config/app-config.js';

/** One JSON line per event on stdout; the same instance backs Nest's logger once it is up. */
export function createLogger(config: Pick<AppConfig, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'lagebild' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password'], censor: '[redacted]' },
  });
}
