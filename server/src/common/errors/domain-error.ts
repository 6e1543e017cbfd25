import { validationTextIn, type FieldError } from '@lagebild/shared';
import { bilingual, type ApiLanguage, type Bilingual } from '../http/request-language.js';

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
    readonly fieldErrors?: FieldProblem[],
  ) {
    super(typeof message === 'string' ? message : message.de);
    this.name = new.target.name;
    this.translations = typeof message === 'string' ? null : message;
  }

  /** The message in a language, where the feature wrote one for it; otherwise the only one. */
  messageIn(language: ApiLanguage): string {
    return this.translations?.[language] ?? this.message;
  }

  /** The field problems in a language, as the API answers them. */
  fieldErrorsIn(language: ApiLanguage): FieldError[] | undefined {
    return this.fieldErrors?.map(({ field, message }) => ({
      field,
      message: typeof message === 'string' ? validationTextIn(message, language) : message[language],
    }));
  }
}

/**
 * A field's problem as the server finds it: in both languages where it wrote them itself, or a
 * validation message (made in both languages, see writeValidationMessagesInBothLanguages).
 */
export interface FieldProblem {
  field: string;
  message: string | Bilingual;
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
  constructor(code: CommonErrorCode, message: string | Bilingual, fieldErrors?: FieldProblem[]) {
    super(code, CommonErrorStatus[code], message, fieldErrors);
  }

  /** 400 naming every field with a problem, in the summary and one by one. */
  static invalid(problems: FieldProblem[]): RequestError {
    const fields = [...new Set(problems.map((p) => p.field))].join(', ');
    return new RequestError('VALIDATION_FAILED', bilingual(`Ungültige Eingabe: ${fields}`, `Invalid input: ${fields}`), problems);
  }

  static unauthenticated(): RequestError {
    return new RequestError('UNAUTHENTICATED', bilingual('Anmeldung erforderlich.', 'Please log in.'));
  }

  static forbidden(message: Bilingual = bilingual('Für diese Aktion fehlt die Berechtigung.', 'You are not allowed to do this.')): RequestError {
    return new RequestError('FORBIDDEN', message);
  }
}
