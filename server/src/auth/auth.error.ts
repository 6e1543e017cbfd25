import { DomainError } from '../common/errors/domain-error.js';

const AuthErrorStatus = {
  INVALID_CREDENTIALS: 401,
  UNAUTHENTICATED: 401,
  RATE_LIMITED: 429,
  CSRF_FAILED: 403,
  ACCOUNT_DISABLED: 403,
} as const;
export type AuthErrorCode = keyof typeof AuthErrorStatus;

export class AuthError extends DomainError {
  constructor(
    code: AuthErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(code, AuthErrorStatus[code], message);
  }

  static invalidCredentials(): AuthError {
    return new AuthError('INVALID_CREDENTIALS', 'E-Mail-Adresse oder Passwort ist falsch.');
  }

  static rateLimited(retryAfterSeconds: number): AuthError {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    return new AuthError(
      'RATE_LIMITED',
      `Zu viele fehlgeschlagene Anmeldeversuche. Bitte in ${minutes} Minute(n) erneut versuchen.`,
      retryAfterSeconds,
    );
  }

  static csrf(): AuthError {
    return new AuthError('CSRF_FAILED', 'Sicherheitsprüfung fehlgeschlagen (CSRF). Bitte die Seite neu laden.');
  }
}
