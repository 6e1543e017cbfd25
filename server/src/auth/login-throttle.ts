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

/** An attempt that passed the throttle; it counts as a failure until `succeeded` says otherwise. */
export interface ReservedAttempt {
  rowIds: string[];
  accountKey: Buffer;
}

/** A stable 64-bit advisory lock number per throttle key (its hash's first eight bytes). */
const lockOf = (key: Buffer): bigint => key.readBigInt64BE(0);

/**
 * Counts failed logins per IP and per account in a sliding window. Only failures count,
 * so a whole office behind one NAT address can still log in; a successful login clears
 * the account's count. The counts live in Postgres (`login_failure`), so every instance
 * enforces the same window and a restart forgets nothing. Rows older than the window are
 * deleted as the next attempt comes, so the table holds one window of failures at most.
 *
 * An attempt is counted as a failure *before* its password is checked, under advisory locks
 * on its two keys, and uncounted if it succeeds. Checking first and counting after the slow
 * password hash let any number of parallel guesses through the same free slot.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Reserves this attempt, or gives the seconds until one is allowed. */
  async reserve(ip: string, email: string, now = Date.now()): Promise<{ attempt: ReservedAttempt } | { retryAfter: number }> {
    const { maxPerIp, maxPerAccount, windowMs } = this.config.loginThrottle;
    const windowStart = new Date(now - windowMs);
    await this.db.query(`DELETE FROM login_failure WHERE failed_at <= $1`, [windowStart]);
    const byIp = throttleKey('ip', ip);
    const byAccount = throttleKey('account', email);
    return this.db.transaction(async (tx) => {
      // Sorted, so two attempts never wait for each other's second lock.
      const locks = [lockOf(byIp), lockOf(byAccount)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      await tx.query(`SELECT pg_advisory_xact_lock($1::bigint), pg_advisory_xact_lock($2::bigint)`, locks.map(String));
      const rows: { throttle_key: Buffer; failed_at: Date }[] = await tx.query(
        `SELECT throttle_key, failed_at FROM login_failure WHERE throttle_key = ANY($1::bytea[]) AND failed_at > $2 ORDER BY failed_at`,
        [[byIp, byAccount], windowStart],
      );
      const wait = (key: Buffer, max: number) => {
        const recent = rows.filter((r) => r.throttle_key.equals(key)).map((r) => r.failed_at.getTime());
        return recent.length >= max ? Math.max(1, Math.ceil((recent[recent.length - max]! + windowMs - now) / 1000)) : 0;
      };
      const retryAfter = Math.max(wait(byIp, maxPerIp), wait(byAccount, maxPerAccount));
      if (retryAfter > 0) return { retryAfter };
      const inserted: { id: string }[] = await tx.query(
        `INSERT INTO login_failure (throttle_key, failed_at) VALUES ($1, $3), ($2, $3) RETURNING id`,
        [byIp, byAccount, new Date(now)],
      );
      return { attempt: { rowIds: inserted.map((r) => String(r.id)), accountKey: byAccount } };
    });
  }

  /** The attempt was a successful login: it is no failure, and the account's count starts again. */
  async succeeded(attempt: ReservedAttempt): Promise<void> {
    await this.db.query(`DELETE FROM login_failure WHERE id = ANY($1::bigint[]) OR throttle_key = $2`, [attempt.rowIds, attempt.accountKey]);
  }
}
