import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';

/**
 * Counts failed logins per IP and per account in a sliding window. Only failures count,
 * so a whole office behind one NAT address can still log in; a successful login clears
 * the account's count. Kept in memory: with several instances each enforces its own
 * window, which still bounds guessing to (instances × limit) per window.
 */
@Injectable()
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Seconds until the next attempt is allowed, or 0 when one is allowed now. */
  retryAfter(ip: string, email: string, now = Date.now()): number {
    const { maxPerIp, maxPerAccount, windowMs } = this.config.loginThrottle;
    const wait = (key: string, max: number) => {
      const recent = this.recent(key, now);
      return recent.length >= max ? Math.ceil((recent[recent.length - max]! + windowMs - now) / 1000) : 0;
    };
    return Math.max(wait(`ip:${ip}`, maxPerIp), wait(`account:${email}`, maxPerAccount));
  }

  recordFailure(ip: string, email: string, now = Date.now()): void {
    for (const key of [`ip:${ip}`, `account:${email}`]) this.failures.set(key, [...this.recent(key, now), now]);
  }

  recordSuccess(email: string): void {
    this.failures.delete(`account:${email}`);
  }

  private recent(key: string, now: number): number[] {
    const windowStart = now - this.config.loginThrottle.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > windowStart);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }
}
