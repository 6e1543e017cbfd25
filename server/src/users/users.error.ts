import { DomainError } from '../common/errors/domain-error.js';
import type { Bilingual } from '../common/http/request-language.js';

const UsersErrorStatus = {
  EMAIL_TAKEN: 409,
  DEPARTMENT_NOT_FOUND: 422,
} as const;
export type UsersErrorCode = keyof typeof UsersErrorStatus;

export class UsersError extends DomainError {
  constructor(code: UsersErrorCode, message: Bilingual) {
    super(code, UsersErrorStatus[code], message);
  }
}
