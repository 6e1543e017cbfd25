import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { DocKind } from '@lagebild/shared';
import { WorkspaceEntity } from '../../workspaces/entities/workspace.entity.js';

/**
 * One Yjs document (`workspace/<id>/canvas`, `session/<id>/minutes`) and the workspace that owns
 * it: deleting the workspace deletes the document with its log, snapshot and versions.
 */
@Entity({ name: 'collab_doc' })
@Index('IDX_collab_doc_workspace', ['workspaceId'])
@Check('CHK_collab_doc_kind', `"kind" IN ('canvas', 'minutes')`)
export class CollabDocEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: Relation<WorkspaceEntity>;

  @Column({ type: 'text' })
  kind!: DocKind;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
