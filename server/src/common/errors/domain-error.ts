import type { FieldError } from '@lagebild/shared';
import type { ApiLanguage, Bilingual } from '../http/request-language.js';

/**
 * Base of every feature's error type. A feature declares its codes and their HTTP
 * status once; the exception filter turns any DomainError into `{statusCode, code,
 * message}`, and socket gateways turn it into an error ack. Messages are written for
 * the people using Lagebild and never contain internal details. A feature may write a
 * message in both UI languages; the HTTP answer then speaks the request's (see
 * requestLanguage), and `message` is the German one.
 */
export abstract class DomainError extends Error {
  private readonly translations: Bilingual | null;

  protected constructor(
    readonly code: string,
    readonly httpStatus: number,
    message: string | Bilingual,
    readonly fieldErrors?: FieldError[],
  ) {
    super(typeof message === 'string' ? message : message.de);
    this.name = new.target.name;
    this.translations = typeof message === 'string' ? null : message;
  }

  /** The message in a language, where the feature wrote one for it; otherwise the only one. */
  messageIn(language: ApiLanguage): string {
    return this.translations?.[language] ?? this.message;
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
  constructor(code: CommonErrorCode, message: string | Bilingual, fieldErrors?: FieldError[]) {
    super(code, CommonErrorStatus[code], message, fieldErrors);
  }

  static unauthenticated(): RequestError {
    return new RequestError('UNAUTHENTICATED', 'Anmeldung erforderlich.');
  }

  static forbidden(message = 'Für diese Aktion fehlt die Berechtigung.'): RequestError {
    return new RequestError('FORBIDDEN', message);
  }
}
