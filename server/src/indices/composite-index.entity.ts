import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { UserEntity } from '../auth/entities/user.entity.js';
import { ImportBatchEntity } from '../imports/entities/import-batch.entity.js';

export interface StoredIndexComponent {
  indicator: string;
  weight: number;
  direction: 'higher_is_worse' | 'higher_is_better';
}

/**
 * The definition of a composite social index. Its results live as ordinary values of
 * derived indicators (kind `index`), so the atlas shows them like any other indicator.
 */
@Entity({ name: 'composite_index' })
@Check('CHK_composite_index_level', `"level" IN ('district', 'neighbourhood')`)
export class CompositeIndexEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  key!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  /** Optional; English pages fall back to `name`. */
  @Column({ name: 'name_en', type: 'text', nullable: true })
  nameEn!: string | null;

  @Column({ name: 'description_en', type: 'text', nullable: true })
  descriptionEn!: string | null;

  @Column({ type: 'text' })
  level!: 'district' | 'neighbourhood';

  @Column({ name: 'topic_key', type: 'text' })
  topicKey!: string;

  @Column({ name: 'is_public', type: 'boolean', default: false })
  isPublic!: boolean;

  @Column({ type: 'jsonb' })
  components!: StoredIndexComponent[];

  @Column({ name: 'dynamics_from', type: 'text', nullable: true })
  dynamicsFrom!: string | null;

  @Column({ name: 'dynamics_to', type: 'text', nullable: true })
  dynamicsTo!: string | null;

  @Column({ name: 'status_thresholds', type: 'double precision', array: true })
  statusThresholds!: number[];

  @Column({ name: 'dynamics_thresholds', type: 'double precision', array: true })
  dynamicsThresholds!: number[];

  /** The batch that wrote the current values, for provenance and rollback. */
  @Column({ name: 'import_id', type: 'uuid', nullable: true })
  importId!: string | null;

  @ManyToOne(() => ImportBatchEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'import_id' })
  importBatch?: Relation<ImportBatchEntity> | null;

  @Column({ name: 'computed_at', type: 'timestamptz', nullable: true })
  computedAt!: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by' })
  creator?: Relation<UserEntity> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
