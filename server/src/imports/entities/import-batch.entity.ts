import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { UserEntity } from '../../auth/entities/user.entity.js';

/** `index`: values of a composite index, computed in Lagebild rather than uploaded. */
export type ImportKind = 'values' | 'areas' | 'seed' | 'index';
export type ImportStatus = 'committed' | 'rolled_back';

/** One committed import: who delivered which file, and what it changed. */
@Entity({ name: 'import_batch' })
@Index('IDX_import_batch_created_at', ['createdAt'])
@Check('CHK_import_batch_kind', `"kind" IN ('values', 'areas', 'seed', 'index')`)
@Check('CHK_import_batch_status', `"status" IN ('committed', 'rolled_back')`)
export class ImportBatchEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  kind!: ImportKind;

  @Column({ type: 'text', default: 'committed' })
  status!: ImportStatus;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity> | null;

  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  /** sha256 of the uploaded bytes, hex. */
  @Column({ name: 'file_hash', type: 'text' })
  fileHash!: string;

  @Column({ type: 'integer', default: 0 })
  rows!: number;

  @Column({ type: 'integer', default: 0 })
  created!: number;

  @Column({ type: 'integer', default: 0 })
  updated!: number;

  @Column({ type: 'integer', default: 0 })
  unchanged!: number;

  /** Layout, mapping and options as submitted, so a mapping can be reused. */
  @Column({ type: 'jsonb', default: {} })
  options!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'rolled_back_at', type: 'timestamptz', nullable: true })
  rolledBackAt!: Date | null;

  @Column({ name: 'rolled_back_by', type: 'uuid', nullable: true })
  rolledBackBy!: string | null;
}
