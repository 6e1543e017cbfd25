import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CSRF_COOKIE, LoginRequestSchema, SESSION_COOKIE, type LoginRequest, type LoginResponse, type User } from '@lagebild/shared';
import type { Request, Response } from 'express';
import { CurrentActor, Public, type Actor } from '../common/auth/actor.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { AuthService } from './auth.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  async login(
    @Body({ schema: LoginRequestSchema }) body: LoginRequest,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResponse> {
    const session = await this.auth.login(body, request.ip ?? 'unknown');
    const base = { secure: this.config.cookieSecure, path: '/', expires: session.expiresAt };
    response.cookie(SESSION_COOKIE, session.accessToken, { ...base, httpOnly: true, sameSite: 'lax' });
    response.cookie(CSRF_COOKIE, session.csrfToken, { ...base, httpOnly: false, sameSite: 'strict' });
    return { accessToken: session.accessToken, user: session.user };
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.auth.logout(actor);
    response.clearCookie(SESSION_COOKIE, { path: '/' });
    response.clearCookie(CSRF_COOKIE, { path: '/' });
  }

  /** For the browser's start-up: always 200, so an anonymous visit logs no error. */
  @Public()
  @Get('session')
  async session(@CurrentActor() actor: Actor): Promise<{ user: User | null }> {
    return { user: actor.kind === 'user' ? await this.auth.currentUser(actor) : null };
  }

  @Get('me')
  me(@CurrentActor() actor: Actor): Promise<User> {
    return this.auth.currentUser(actor);
  }
}
