import { DomainError } from '../common/errors/domain-error.js';

const CatalogueErrorStatus = {
  INDICATOR_NOT_FOUND: 404,
  INDICATOR_KEY_TAKEN: 409,
  KIND_LOCKED: 409,
} as const;
export type CatalogueErrorCode = keyof typeof CatalogueErrorStatus;

export class CatalogueError extends DomainError {
  constructor(code: CatalogueErrorCode, message: string) {
    super(code, CatalogueErrorStatus[code], message);
  }
}
