import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { CollabDocEntity } from './collab-doc.entity.js';

/** The compacted, garbage-collected state of a document; the log holds what came after. */
@Entity({ name: 'doc_snapshot' })
export class DocSnapshotEntity {
  @PrimaryColumn({ name: 'doc_id', type: 'text' })
  docId!: string;

  @OneToOne(() => CollabDocEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'doc_id' })
  doc?: Relation<CollabDocEntity>;

  /** `Y.encodeStateAsUpdate` of a gc'd Y.Doc holding the snapshot and the merged rows. */
  @Column({ type: 'bytea' })
  state!: Buffer;

  @Column({ name: 'state_vector', type: 'bytea' })
  stateVector!: Buffer;

  /** Raised by every compaction, so caches can tell snapshots apart. */
  @Column({ type: 'integer', default: 1 })
  generation!: number;

  /** Log rows folded in so far, over all compactions. */
  @Column({ name: 'merged_updates', type: 'bigint', default: 0 })
  mergedUpdates!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
