import type { FieldError } from '@lagebild/shared';

/**
 * Base of every feature's error type. A feature declares its codes and their HTTP
 * status once; the exception filter turns any DomainError into `{statusCode, code,
 * message}`, and socket gateways turn it into an error ack. Messages are written for
 * the people using Lagebild and never contain internal details.
 */
export abstract class DomainError extends Error {
  protected constructor(
    readonly code: string,
    readonly httpStatus: number,
    message: string,
    readonly fieldErrors?: FieldError[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Errors shared by all features: validation, authentication, authorization. */
export const CommonErrorStatus = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  CSRF_FAILED: 403,
} as const;
export type CommonErrorCode = keyof typeof CommonErrorStatus;

export class RequestError extends DomainError {
  constructor(code: CommonErrorCode, message: string, fieldErrors?: FieldError[]) {
    super(code, CommonErrorStatus[code], message, fieldErrors);
  }

  static unauthenticated(): RequestError {
    return new RequestError('UNAUTHENTICATED', 'Anmeldung erforderlich.');
  }

  static forbidden(message = 'Für diese Aktion fehlt die Berechtigung.'): RequestError {
    return new RequestError('FORBIDDEN', message);
  }
}
