import { z } from './zod.js';

export const WORKSPACE_ROLES = ['coordinator', 'editor', 'commenter', 'viewer'] as const;
export const WorkspaceRoleSchema = z.enum(WORKSPACE_ROLES);
export type WorkspaceRole = z.infer<typeof WorkspaceRoleSchema>;

export const WorkspaceSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  role: WorkspaceRoleSchema,
});
export type WorkspaceSummary = z.infer<typeof WorkspaceSummarySchema>;

export const MemberSchema = z.object({
  userId: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: WorkspaceRoleSchema,
});
export type Member = z.infer<typeof MemberSchema>;

export const PutMemberRequestSchema = z.strictObject({
  role: WorkspaceRoleSchema,
});
export type PutMemberRequest = z.infer<typeof PutMemberRequestSchema>;

/** Roles that may change shared state (canvas, planning entities). */
export function canWrite(role: WorkspaceRole): boolean {
  return role === 'coordinator' || role === 'editor';
}

/**
 * Roles that may see values below an indicator's suppression threshold.
 * Stewards (coordinators and editors) work with raw figures; commenters, viewers
 * and the public only ever receive suppressed values.
 */
export function hasRawDataRight(roles: readonly WorkspaceRole[]): boolean {
  return roles.some(canWrite);
}
