import { createParamDecorator, HttpException, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { MAX_UPLOAD_BYTES } from '@lagebild/shared';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { RequestError } from '../common/errors/domain-error.js';
import { bilingual } from '../common/http/request-language.js';
import { ImportError } from './imports.error.js';
import type { UploadedImportFile } from './uploaded-file.js';

interface MulterFile {
  originalname: string;
  size: number;
  buffer: Buffer;
}
type RequestWithUpload = Request & { file?: MulterFile; importFile?: UploadedImportFile };

// Without `dest` multer keeps the file in memory, which the upload limit keeps bounded.
const MulterFileInterceptor = FileInterceptor('file', {
  limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20, fieldSize: 200 * 1024, parts: 25, fieldNameSize: 100 },
});

/**
 * Receives one multipart file (`file`) plus text fields, in memory. Multer's own errors
 * become ImportErrors with messages for people: a file over the limit is answered with 413
 * and the limit in MB, anything malformed with 400. Runs after the auth guard, so an
 * anonymous upload is refused before a byte is parsed.
 */
@Injectable()
export class UploadInterceptor implements NestInterceptor {
  private readonly multer = new MulterFileInterceptor();

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<RequestWithUpload>();
    if (!request.is('multipart/form-data')) {
      throw new RequestError('VALIDATION_FAILED', 'Bitte die Datei als multipart/form-data senden (Feld „file“).');
    }
    let handled: Observable<unknown>;
    try {
      handled = await this.multer.intercept(context, next);
    } catch (error) {
      throw toImportError(error);
    }
    // multer leaves a prototype-less object; the validation pipe expects a plain one.
    request.body = { ...(request.body ?? {}) };
    if (request.file) {
      request.importFile = { originalName: safeFileName(request.file.originalname), size: request.file.size, buffer: request.file.buffer };
    }
    return handled;
  }
}

function toImportError(error: unknown): Error {
  const cause = error instanceof HttpException ? error.cause : error;
  const code = (cause as { code?: string } | undefined)?.code;
  if (code === 'LIMIT_FILE_SIZE') return ImportError.tooLarge(MAX_UPLOAD_BYTES);
  if (code === 'LIMIT_UNEXPECTED_FILE' || code === 'LIMIT_FILE_COUNT')
    return new ImportError(
      'UPLOAD_INVALID',
      bilingual('Bitte genau eine Datei im Feld „file“ senden.', 'Please send exactly one file in the field “file”.'),
    );
  if (typeof code === 'string' && code.startsWith('LIMIT_'))
    return new ImportError('UPLOAD_INVALID', bilingual('Zu viele oder zu große Formularfelder.', 'Too many or too large form fields.'));
  return new ImportError(
    'UPLOAD_INVALID',
    bilingual(
      'Die Übertragung der Datei ist fehlgeschlagen oder unvollständig. Bitte erneut versuchen.',
      'The upload failed or is incomplete. Please try again.',
    ),
  );
}

/** Browsers send names as latin1 bytes of UTF-8; keep what people will recognise, bounded. */
function safeFileName(name: string): string {
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(name, 'latin1'));
  } catch {
    decoded = name;
  }
  // eslint-disable-next-line no-control-regex
  const cleaned = decoded.replace(/[\u0000-\u001f\u007f/\\]/g, '_').trim();
  return (cleaned || 'unbenannt').slice(0, 200);
}

/** The uploaded file of the request, or undefined when none was sent. */
export const ImportFile = createParamDecorator((_data: unknown, context: ExecutionContext): UploadedImportFile | undefined => {
  return context.switchToHttp().getRequest<RequestWithUpload>().importFile;
});
