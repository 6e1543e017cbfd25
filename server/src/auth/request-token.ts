import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '@lagebild/shared';
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

export interface PresentedToken {
  token: string;
  via: 'bearer' | 'cookie';
}

/** A bearer header wins over the cookie, so API clients never depend on browser state. */
export function presentedToken(request: Request): PresentedToken | null {
  const header = request.headers.authorization;
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (match) return { token: match[1]!, via: 'bearer' };
  }
  const cookie = (request.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
  return typeof cookie === 'string' && cookie ? { token: cookie, via: 'cookie' } : null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Double-submit check for cookie-authenticated writes: another site can make the browser
 * send our cookie, but cannot read the CSRF cookie to echo it in a header.
 */
export function passesCsrfCheck(request: Request): boolean {
  if (SAFE_METHODS.has(request.method)) return true;
  const cookie = (request.cookies as Record<string, unknown> | undefined)?.[CSRF_COOKIE];
  const header = request.headers[CSRF_HEADER];
  if (typeof cookie !== 'string' || typeof header !== 'string' || !cookie) return false;
  const a = Buffer.from(cookie);
  const b = Buffer.from(header);
  return a.length === b.length && timingSafeEqual(a, b);
}
