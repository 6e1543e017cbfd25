import { DomainError } from '../common/errors/domain-error.js';
import type { Bilingual } from '../common/http/request-language.js';

const CatalogueErrorStatus = {
  INDICATOR_NOT_FOUND: 404,
  INDICATOR_KEY_TAKEN: 409,
  KIND_LOCKED: 409,
} as const;
export type CatalogueErrorCode = keyof typeof CatalogueErrorStatus;

/** Errors of catalogue editing, in German and English. */
export class CatalogueError extends DomainError {
  constructor(code: CatalogueErrorCode, message: Bilingual) {
    super(code, CatalogueErrorStatus[code], message);
  }
}
