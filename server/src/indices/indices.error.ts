import { DomainError } from '../common/errors/domain-error.js';

const IndexErrorStatus = {
  INDEX_NOT_FOUND: 404,
  INDEX_KEY_TAKEN: 409,
  INDEX_NOT_COMPUTABLE: 422,
} as const;
export type IndexErrorCode = keyof typeof IndexErrorStatus;

export class IndexError extends DomainError {
  constructor(code: IndexErrorCode, message: string) {
    super(code, IndexErrorStatus[code], message);
  }
}
