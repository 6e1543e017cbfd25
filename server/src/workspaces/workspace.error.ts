import { DomainError } from '../common/errors/domain-error.js';
import type { Bilingual } from '../common/http/request-language.js';

const WorkspaceErrorStatus = {
  WORKSPACE_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  NOT_A_MEMBER: 403,
  ROLE_REQUIRED: 403,
  LAST_COORDINATOR: 409,
} as const;
export type WorkspaceErrorCode = keyof typeof WorkspaceErrorStatus;

export class WorkspaceError extends DomainError {
  constructor(code: WorkspaceErrorCode, message: Bilingual) {
    super(code, WorkspaceErrorStatus[code], message);
  }
}
