import { StandardSchemaValidationPipe } from '@nestjs/common';
import type { FieldError } from '@lagebild/shared';
import { RequestError } from '../errors/domain-error.js';

interface Issue {
  message: string;
  path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>;
}

export function issuesToFieldErrors(issues: readonly Issue[]): FieldError[] {
  return issues.map((issue) => ({
    field: (issue.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p)).join('.') || '(body)',
    message: issue.message,
  }));
}

/**
 * Validates every `@Body({schema})`, `@Query({schema})` and `@Param(..., {schema})` with
 * the zod schemas from @lagebild/shared, and answers 400 with the list of fields.
 */
export function createValidationPipe(): StandardSchemaValidationPipe {
  return new StandardSchemaValidationPipe({
    exceptionFactory: (issues) => RequestError.invalid(issuesToFieldErrors(issues)),
  });
}
