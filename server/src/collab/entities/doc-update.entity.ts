import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CollabDocEntity } from './collab-doc.entity.js';

/**
 * The append-only log of a document: every stored Yjs update (v1 encoding), written before the
 * sender's ack. Compaction folds rows into `doc_snapshot` and deletes exactly the rows it merged.
 */
@Entity({ name: 'doc_update' })
@Index('IDX_doc_update_doc_seq', ['docId', 'seq'])
export class DocUpdateEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  seq!: string;

  @Column({ name: 'doc_id', type: 'text' })
  docId!: string;

  @ManyToOne(() => CollabDocEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'doc_id' })
  doc?: Relation<CollabDocEntity>;

  @Column({ type: 'bytea' })
  update!: Buffer;

  /** Who sent it (audit); no foreign key, because the log outlives accounts. */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
