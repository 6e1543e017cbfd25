import { DomainError } from '../common/errors/domain-error.js';
import { bilingual, type Bilingual } from '../common/http/request-language.js';

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
    message: Bilingual,
    readonly retryAfterSeconds?: number,
  ) {
    super(code, AuthErrorStatus[code], message);
  }

  static invalidCredentials(): AuthError {
    return new AuthError(
      'INVALID_CREDENTIALS',
      bilingual('E-Mail-Adresse oder Passwort ist falsch.', 'The e-mail address or the password is wrong.'),
    );
  }

  static rateLimited(retryAfterSeconds: number): AuthError {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    return new AuthError(
      'RATE_LIMITED',
      bilingual(
        `Zu viele fehlgeschlagene Anmeldeversuche. Bitte in ${minutes} Minute(n) erneut versuchen.`,
        `Too many failed log-in attempts. Please try again in ${minutes} minute(s).`,
      ),
      retryAfterSeconds,
    );
  }

  static csrf(): AuthError {
    return new AuthError(
      'CSRF_FAILED',
      bilingual('Sicherheitsprüfung fehlgeschlagen (CSRF). Bitte die Seite neu laden.', 'Security check failed (CSRF). Please reload the page.'),
    );
  }
}
