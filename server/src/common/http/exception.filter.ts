import { Catch, HttpException, HttpStatus, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { ErrorBody } from '@lagebild/shared';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { isDatabaseUnavailable } from '../../database/connection-errors.js';
import { DomainError } from '../errors/domain-error.js';
import { ROOT_LOGGER } from '../logging/logging.module.js';
import { bilingual, languageOf, type Bilingual } from './request-language.js';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

const MESSAGE_BY_STATUS: Record<number, Bilingual> = {
  400: bilingual('Die Anfrage ist fehlerhaft.', 'The request is malformed.'),
  404: bilingual('Nicht gefunden.', 'Not found.'),
  413: bilingual('Die Anfrage ist zu groß.', 'The request is too large.'),
  415: bilingual('Dieses Format wird nicht unterstützt.', 'This format is not supported.'),
};
const MALFORMED_JSON = bilingual('Der Anfragetext ist kein gültiges JSON.', 'The request body is not valid JSON.');
const UNPROCESSABLE = bilingual('Die Anfrage konnte nicht verarbeitet werden.', 'The request could not be processed.');
const NOT_FOUND_AT = (method: string, path: string) => bilingual(`Nicht gefunden: ${method} ${path}`, `Not found: ${method} ${path}`);
const INTERNAL = bilingual('Interner Fehler. Bitte später erneut versuchen.', 'Internal error. Please try again later.');
const DATABASE_UNAVAILABLE = bilingual(
  'Die Datenbank ist gerade nicht erreichbar. Bitte in einigen Sekunden erneut versuchen.',
  'The database cannot be reached right now. Please try again in a few seconds.',
);
/** Seconds a client should wait before retrying while the database is unreachable. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Errors raised by express' body parser before any route runs. */
interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
}

/**
 * The edge where every error becomes `{statusCode, code, message}`. Domain errors carry
 * their own code and message; framework errors get a generic message; anything else is
 * logged with its stack and answered with 500 and no detail.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(@Inject(ROOT_LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const body = this.toBody(exception, request);
    if (response.headersSent) return;
    if (body.statusCode === 429 && exception instanceof DomainError && 'retryAfterSeconds' in exception) {
      response.setHeader('Retry-After', String((exception as { retryAfterSeconds: number }).retryAfterSeconds));
    }
    if (body.code === 'DATABASE_UNAVAILABLE') response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, request: Request): ErrorBody {
    const language = languageOf(request);
    if (exception instanceof DomainError) {
      return {
        statusCode: exception.httpStatus,
        code: exception.code,
        message: exception.messageIn(language),
        ...(exception.fieldErrors ? { errors: exception.fieldErrorsIn(language) } : {}),
      };
    }
    // Nest wraps body-parser failures in an HttpException whose cause carries the parser's type.
    const parserError = ((exception instanceof HttpException ? exception.cause : exception) ?? {}) as BodyParserError;
    if (parserError.type === 'entity.parse.failed') {
      return { statusCode: 400, code: 'MALFORMED_JSON', message: MALFORMED_JSON[language] };
    }
    if (parserError.type === 'entity.too.large') {
      return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: MESSAGE_BY_STATUS[413]![language] };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status >= 500) this.logger.error({ err: exception, path: request.path }, 'request failed');
      const message =
        status === 404 ? NOT_FOUND_AT(request.method, request.originalUrl.split('?')[0]!) : (MESSAGE_BY_STATUS[status] ?? UNPROCESSABLE);
      return { statusCode: status, code: CODE_BY_STATUS[status] ?? 'ERROR', message: message[language] };
    }
    const status = parserError?.status ?? parserError?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return {
        statusCode: status,
        code: CODE_BY_STATUS[status] ?? 'BAD_REQUEST',
        message: (MESSAGE_BY_STATUS[status] ?? MESSAGE_BY_STATUS[400]!)[language],
      };
    }
    if (isDatabaseUnavailable(exception)) {
      // Not a bug in this request: the database restarts or is gone. Its cause is logged where it is known.
      this.logger.warn({ err: exception, method: request.method, path: request.path }, 'database unreachable');
      return { statusCode: HttpStatus.SERVICE_UNAVAILABLE, code: 'DATABASE_UNAVAILABLE', message: DATABASE_UNAVAILABLE[language] };
    }
    this.logger.error({ err: exception, method: request.method, path: request.path }, 'unhandled error');
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'INTERNAL_ERROR', message: INTERNAL[language] };
  }
}
