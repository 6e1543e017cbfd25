import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ANONYMOUS, PUBLIC_ROUTE, type RequestWithActor } from '../common/auth/actor.js';
import { RequestError } from '../common/errors/domain-error.js';
import { AuthError } from './auth.error.js';
import { AuthService } from './auth.service.js';
import { passesCsrfCheck, presentedToken } from './request-token.js';

/**
 * Global guard: resolves the caller once and attaches it to the request. Routes need a
 * login unless marked @Public(); what a caller may do is decided by the services.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]) ?? false;

    const presented = presentedToken(request);
    const session = presented ? await this.auth.resolveToken(presented.token) : null;
    if (!session || !presented) {
      request.actor = ANONYMOUS;
      if (isPublic) return true;
      throw RequestError.unauthenticated();
    }
    if (presented.via === 'cookie' && !passesCsrfCheck(request)) throw AuthError.csrf();
    request.actor = { kind: 'user', user: session.user, sessionId: session.sessionId, via: presented.via };
    return true;
  }
}
