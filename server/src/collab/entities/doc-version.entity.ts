import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { UserEntity } from '../../auth/entities/user.entity.js';
import { CollabDocEntity } from './collab-doc.entity.js';

/**
 * A named version: a full copy of the document state at one moment (e.g. the end of a session).
 * Restoring one appends a new update to the log; history is never rewritten.
 */
@Entity({ name: 'doc_version' })
@Index('IDX_doc_version_doc', ['docId', 'createdAt'])
@Check('CHK_doc_version_name', `char_length("name") BETWEEN 1 AND 120`)
export class DocVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'doc_id', type: 'text' })
  docId!: string;

  @ManyToOne(() => CollabDocEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'doc_id' })
  doc?: Relation<CollabDocEntity>;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'bytea' })
  state!: Buffer;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  creator?: Relation<UserEntity>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
