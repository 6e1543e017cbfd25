import { Injectable } from '@nestjs/common';
import type { WorkspaceRole } from '@lagebild/shared';
import { Subject } from 'rxjs';

export interface MembershipChange {
  workspaceId: string;
  userId: string;
  /** The new role, or null when the membership was revoked. */
  role: WorkspaceRole | null;
}

/** In-process notifications, so live connections can follow a revoked or changed role at once. */
@Injectable()
export class MembershipEvents {
  readonly changes = new Subject<MembershipChange>();

  emit(change: MembershipChange): void {
    this.changes.next(change);
  }
}
