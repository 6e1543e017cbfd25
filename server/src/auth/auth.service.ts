import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { LoginRequest, User } from '@lagebild/shared';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { type Actor, type AuthenticatedUser } from '../common/auth/actor.js';
import { RequestError } from '../common/errors/domain-error.js';
import { AuthError } from './auth.error.js';
import { AuthRepository } from './auth.repository.js';
import { LoginThrottle } from './login-throttle.js';
import { PasswordHasher } from './password-hasher.js';

export interface IssuedSession {
  accessToken: string;
  csrfToken: string;
  expiresAt: Date;
  user: User;
}

export interface ResolvedSession {
  sessionId: string;
  user: AuthenticatedUser;
}

export const hashToken = (token: string): Buffer => createHash('sha256').update(token).digest();

@Injectable()
export class AuthService {
  constructor(
    private readonly repository: AuthRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(request: LoginRequest, ip: string): Promise<IssuedSession> {
    const email = request.email.toLowerCase();
    const throttled = await this.throttle.reserve(ip, email);
    if ('retryAfter' in throttled) throw AuthError.rateLimited(throttled.retryAfter);

    const user = await this.repository.findUserForLogin(email);
    const valid = await this.hasher.verify(user?.passwordHash ?? null, request.password);
    // A failure stays counted as reserved.
    if (!user || !valid || user.disabledAt) throw AuthError.invalidCredentials();
    await this.throttle.succeeded(throttled.attempt);

    const accessToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.sessionTtlMs);
    await this.repository.createSession(user.id, hashToken(accessToken), expiresAt);
    return { accessToken, csrfToken: randomBytes(24).toString('base64url'), expiresAt, user: await this.me(user.id) };
  }

  async logout(actor: Actor): Promise<void> {
    if (actor.kind !== 'user') throw RequestError.unauthenticated();
    await this.repository.deleteSession(actor.sessionId);
  }

  async currentUser(actor: Actor): Promise<User> {
    if (actor.kind !== 'user') throw RequestError.unauthenticated();
    return this.me(actor.user.id);
  }

  /** Resolves a bearer or cookie token; null for unknown, expired or disabled. */
  async resolveToken(token: string): Promise<ResolvedSession | null> {
    if (token.length < 20 || token.length > 200) return null;
    const now = new Date();
    const session = await this.repository.findSession(hashToken(token), now);
    if (!session) return null;
    await this.repository.touchSession(session.id, now, new Date(now.getTime() + this.config.sessionTtlMs));
    const { user } = session;
    return {
      sessionId: session.id,
      user: { id: user.id, email: user.email, displayName: user.displayName, isAdmin: user.isAdmin, departmentId: user.departmentId },
    };
  }

  private async me(userId: string): Promise<User> {
    const user = await this.repository.findUserWithDepartment(userId);
    if (!user) throw RequestError.unauthenticated();
    return { id: user.id, email: user.email, displayName: user.displayName, isAdmin: user.isAdmin, departmentCode: user.departmentCode };
  }
}
