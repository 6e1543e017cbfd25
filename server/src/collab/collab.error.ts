import { megabytes, updateTooLargeText, type CollabErrorCodeValue, type CollabFailure } from '@lagebild/shared';
import { DomainError } from '../common/errors/domain-error.js';
import { bilingual, type ApiLanguage, type Bilingual } from '../common/http/request-language.js';

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

/**
 * The error of the live sync engine. Socket handlers turn it into an error ack
 * `{ok: false, code, message}`; the versions API answers it as `{statusCode, code, message}`.
 */
export class CollabError extends DomainError {
  declare readonly code: CollabErrorCode;

  constructor(
    code: CollabErrorCode,
    message: Bilingual,
    /** Whether a well-behaved client could have been refused this way (then it never counts as a bad message). */
    private readonly expected = false,
  ) {
    super(code, CollabErrorStatus[code], message);
  }

  /** Counted towards the disconnect limit: a well-behaved client never sends these. */
  get isBadMessage(): boolean {
    return !this.expected && (this.code === 'INVALID_MESSAGE' || this.code === 'INVALID_UPDATE' || this.code === 'TOO_LARGE');
  }

  /** The error ack, in the language the socket chose at its handshake. */
  toAck(language: ApiLanguage): CollabFailure {
    return { ok: false, code: this.code as CollabErrorCodeValue, message: this.messageIn(language) };
  }

  static unauthenticated(): CollabError {
    return new CollabError('UNAUTHENTICATED', bilingual('Anmeldung erforderlich.', 'Please log in.'));
  }
  static forbidden(): CollabError {
    return new CollabError('FORBIDDEN', bilingual('Kein Zugriff auf dieses Dokument.', 'No access to this document.'));
  }
  /** Sent with doc:revoked when a coordinator ends the membership while the document is open. */
  static membershipEnded(): CollabError {
    return new CollabError(
      'FORBIDDEN',
      bilingual('Kein Zugriff auf dieses Dokument. Die Mitgliedschaft wurde beendet.', 'No access to this document. The membership has ended.'),
    );
  }
  static notFound(): CollabError {
    return new CollabError('NOT_FOUND', bilingual('Dieses Dokument gibt es nicht.', 'This document does not exist.'));
  }
  static readOnly(): CollabError {
    return new CollabError(
      'READ_ONLY',
      bilingual('Mit Ihrer Rolle können Sie dieses Dokument nur lesen, nicht ändern.', 'Your role lets you read this document, not change it.'),
    );
  }
  static invalidUpdate(empty = false): CollabError {
    return new CollabError(
      'INVALID_UPDATE',
      empty
        ? bilingual('Die Änderung ist leer und wurde nicht gespeichert.', 'The change is empty and was not saved.')
        : bilingual('Die Änderung ist beschädigt und wurde nicht gespeichert.', 'The change is damaged and was not saved.'),
    );
  }
  static invalidMessage(fields: string[]): CollabError {
    return new CollabError(
      'INVALID_MESSAGE',
      bilingual(`Die Nachricht ist ungültig: ${fields.join(', ') || 'Inhalt'}.`, `The message is invalid: ${fields.join(', ') || 'content'}.`),
    );
  }
  static tooLarge(bytes: number, max: number): CollabError {
    return new CollabError('TOO_LARGE', updateTooLargeText(bytes, max));
  }
  /** The change itself is fine, but the document is full: any member may hit this, so it is no bad message. */
  static documentFull(max: number): CollabError {
    return new CollabError(
      'TOO_LARGE',
      bilingual(
        `Das Dokument hat seine Höchstgröße von ${megabytes(max, 'de-DE')} MB erreicht; die Änderung wurde nicht gespeichert. Löschen Sie nicht mehr benötigte Inhalte, dann ist wieder Platz.`,
        `The document has reached its maximum size of ${megabytes(max, 'en-GB')} MB; the change was not saved. Delete content that is no longer needed to make room.`,
      ),
      true,
    );
  }
  static rateLimited(): CollabError {
    return new CollabError(
      'RATE_LIMITED',
      bilingual('Zu viele Nachrichten in kurzer Zeit. Bitte einen Moment warten.', 'Too many messages in a short time. Please wait a moment.'),
    );
  }
  static notJoined(): CollabError {
    return new CollabError(
      'NOT_JOINED',
      bilingual('Dieses Dokument ist nicht geöffnet (zuerst doc:join senden).', 'This document is not open (send doc:join first).'),
    );
  }
  static tooManyDocs(max: number): CollabError {
    return new CollabError(
      'TOO_MANY_DOCS',
      bilingual(`Zu viele gleichzeitig geöffnete Dokumente (höchstens ${max}).`, `Too many documents open at once (at most ${max}).`),
    );
  }
  static unavailable(): CollabError {
    return new CollabError(
      'UNAVAILABLE',
      bilingual(
        'Die Änderung konnte gerade nicht gespeichert werden und wird erneut gesendet.',
        'The change could not be saved just now and will be sent again.',
      ),
    );
  }
  static versionNotFound(): CollabError {
    return new CollabError('VERSION_NOT_FOUND', bilingual('Diese Version gibt es nicht.', 'This version does not exist.'));
  }
}
