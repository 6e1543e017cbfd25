import { DomainError } from '../common/errors/domain-error.js';

const UsersErrorStatus = {
  EMAIL_TAKEN: 409,
  DEPARTMENT_NOT_FOUND: 422,
} as const;
export type UsersErrorCode = keyof typeof UsersErrorStatus;

export class UsersError extends DomainError {
  constructor(code: UsersErrorCode, message: string) {
    super(code, UsersErrorStatus[code], message);
  }
}
