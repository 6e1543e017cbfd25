import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import type { ImportLayout, ValueMapping } from '@lagebild/shared';
import { UserEntity } from '../../auth/entities/user.entity.js';

/** A column mapping saved under a name, so next year's file from the same office maps in one click. */
@Entity({ name: 'import_mapping' })
@Check('CHK_import_mapping_layout', `"layout" IN ('long', 'wide')`)
export class SavedMappingEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  name!: string;

  @Column({ type: 'text' })
  layout!: ImportLayout;

  @Column({ type: 'jsonb' })
  mapping!: ValueMapping;

  @Column({ type: 'text', nullable: true })
  sheet!: string | null;

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
