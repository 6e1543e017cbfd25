import { DomainError } from '../common/errors/domain-error.js';
import { bilingual, type Bilingual } from '../common/http/request-language.js';

const IndexErrorStatus = {
  INDEX_NOT_FOUND: 404,
  INDEX_KEY_TAKEN: 409,
  INDEX_NOT_COMPUTABLE: 422,
} as const;
export type IndexErrorCode = keyof typeof IndexErrorStatus;

/** Errors of the index builder, in German and English. */
export class IndexError extends DomainError {
  constructor(code: IndexErrorCode, message: Bilingual) {
    super(code, IndexErrorStatus[code], message);
  }

  static notFound(): IndexError {
    return new IndexError('INDEX_NOT_FOUND', bilingual('Diesen Index gibt es nicht.', 'There is no such index.'));
  }
}
