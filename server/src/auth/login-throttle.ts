import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';

/** What failures are counted against: an address, or an account (its e-mail). */
const throttleKey = (kind: 'ip' | 'account', value: string): Buffer =>
  createHash('sha256')
    .update(`${kind}:${kind === 'account' ? value.trim().toLowerCase() : value}`)
    .digest();

/**
 * Counts failed logins per IP and per account in a sliding window. Only failures count,
 * so a whole office behind one NAT address can still log in; a successful login clears
 * the account's count. The counts live in Postgres (`login_failure`), so every instance
 * enforces the same window and a restart forgets nothing; logins are rare enough that the
 * two small queries per attempt do not matter. Rows older than the window are deleted as
 * the next attempt comes, so the table holds one window of failures at most.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Seconds until the next attempt is allowed, or 0 when one is allowed now. */
  async retryAfter(ip: string, email: string, now = Date.now()): Promise<number> {
    const { maxPerIp, maxPerAccount, windowMs } = this.config.loginThrottle;
    const windowStart = new Date(now - windowMs);
    await this.db.query(`DELETE FROM login_failure WHERE failed_at <= $1`, [windowStart]);
    const byIp = throttleKey('ip', ip);
    const byAccount = throttleKey('account', email);
    const rows: { throttle_key: Buffer; failed_at: Date }[] = await this.db.query(
      `SELECT throttle_key, failed_at FROM login_failure WHERE throttle_key = ANY($1::bytea[]) AND failed_at > $2 ORDER BY failed_at`,
      [[byIp, byAccount], windowStart],
    );
    const wait = (key: Buffer, max: number) => {
      const recent = rows.filter((r) => r.throttle_key.equals(key)).map((r) => r.failed_at.getTime());
      return recent.length >= max ? Math.max(1, Math.ceil((recent[recent.length - max]! + windowMs - now) / 1000)) : 0;
    };
    return Math.max(wait(byIp, maxPerIp), wait(byAccount, maxPerAccount));
  }

  async recordFailure(ip: string, email: string, now = Date.now()): Promise<void> {
    await this.db.query(`INSERT INTO login_failure (throttle_key, failed_at) VALUES ($1, $3), ($2, $3)`, [
      throttleKey('ip', ip),
      throttleKey('account', email),
      new Date(now),
    ]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.db.query(`DELETE FROM login_failure WHERE throttle_key = $1`, [throttleKey('account', email)]);
  }
}
