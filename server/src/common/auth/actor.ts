import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

export interface AuthenticatedUser {
  id: string;
  email: string;
  displayName: string;
  isAdmin: boolean;
  departmentId: string | null;
}

/** Who is calling: resolved once per request (or socket) by the auth layer. */
export type Actor = { kind: 'anonymous' } | { kind: 'user'; user: AuthenticatedUser; sessionId: string; via: 'bearer' | 'cookie' };

export const ANONYMOUS: Actor = { kind: 'anonymous' };

export type RequestWithActor = Request & { actor?: Actor };

/** Routes that also answer anonymous callers; their services decide what those may see. */
export const PUBLIC_ROUTE = 'lagebild:public';
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest<RequestWithActor>().actor ?? ANONYMOUS;
});
