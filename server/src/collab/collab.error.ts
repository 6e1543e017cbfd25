import type { CollabErrorCodeValue, CollabFailure } from '@lagebild/shared';
import { DomainError } from '../common/errors/domain-error.js';

const CollabErrorStatus = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  READ_ONLY: 403,
  INVALID_UPDATE: 400,
  INVALID_MESSAGE: 400,
  TOO_LARGE: 413,
  RATE_LIMITED: 429,
  NOT_JOINED: 409,
  TOO_MANY_DOCS: 429,
  TOO_MANY_ERRORS: 400,
  UNAVAILABLE: 503,
  VERSION_NOT_FOUND: 404,
} as const satisfies Record<CollabErrorCodeValue | 'VERSION_NOT_FOUND', number>;
export type CollabErrorCode = keyof typeof CollabErrorStatus;

const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toLocaleString('de-DE', { maximumFractionDigits: 2 });

/**
 * The error of the live sync engine. Socket handlers turn it into an error ack
 * `{ok: false, code, message}`; the versions API answers it as `{statusCode, code, message}`.
 */
export class CollabError extends DomainError {
  declare readonly code: CollabErrorCode;

  constructor(code: CollabErrorCode, message: string) {
    super(code, CollabErrorStatus[code], message);
  }

  /** Counted towards the disconnect limit: a well-behaved client never sends these. */
  get isBadMessage(): boolean {
    return this.code === 'INVALID_MESSAGE' || this.code === 'INVALID_UPDATE' || this.code === 'TOO_LARGE';
  }

  toAck(): CollabFailure {
    return { ok: false, code: this.code as CollabErrorCodeValue, message: this.message };
  }

  static unauthenticated(): CollabError {
    return new CollabError('UNAUTHENTICATED', 'Anmeldung erforderlich.');
  }
  static forbidden(): CollabError {
    return new CollabError('FORBIDDEN', 'Kein Zugriff auf dieses Dokument.');
  }
  static notFound(): CollabError {
    return new CollabError('NOT_FOUND', 'Dieses Dokument gibt es nicht.');
  }
  static readOnly(): CollabError {
    return new CollabError('READ_ONLY', 'Mit Ihrer Rolle können Sie dieses Dokument nur lesen, nicht ändern.');
  }
  static invalidUpdate(empty = false): CollabError {
    return new CollabError(
      'INVALID_UPDATE',
      empty ? 'Die Änderung ist leer und wurde nicht gespeichert.' : 'Die Änderung ist beschädigt und wurde nicht gespeichert.',
    );
  }
  static invalidMessage(fields: string[]): CollabError {
    return new CollabError('INVALID_MESSAGE', `Die Nachricht ist ungültig: ${fields.join(', ') || 'Inhalt'}.`);
  }
  static tooLarge(bytes: number, max: number): CollabError {
    return new CollabError(
      'TOO_LARGE',
      `Die Änderung ist mit ${megabytes(bytes)} MB zu groß (höchstens ${megabytes(max)} MB) und wurde nicht gespeichert.`,
    );
  }
  static rateLimited(): CollabError {
    return new CollabError('RATE_LIMITED', 'Zu viele Nachrichten in kurzer Zeit. Bitte einen Moment warten.');
  }
  static notJoined(): CollabError {
    return new CollabError('NOT_JOINED', 'Dieses Dokument ist nicht geöffnet (zuerst doc:join senden).');
  }
  static tooManyDocs(max: number): CollabError {
    return new CollabError('TOO_MANY_DOCS', `Zu viele gleichzeitig geöffnete Dokumente (höchstens ${max}).`);
  }
  static unavailable(): CollabError {
    return new CollabError('UNAVAILABLE', 'Die Änderung konnte gerade nicht gespeichert werden und wird erneut gesendet.');
  }
  static versionNotFound(): CollabError {
    return new CollabError('VERSION_NOT_FOUND', 'Diese Version gibt es nicht.');
  }
}
