import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation, UpdateDateColumn } from 'typeorm';
import type { IndicatorKind, Polarity, UpdateCycle } from '@lagebild/shared';
import { DepartmentEntity } from './department.entity.js';
import { TopicEntity } from './topic.entity.js';

@Entity({ name: 'indicator' })
@Check('CHK_indicator_polarity', `"polarity" IN ('higher_is_better', 'higher_is_worse', 'neutral')`)
@Check('CHK_indicator_kind', `"kind" IN ('count', 'rate', 'index')`)
@Check('CHK_indicator_update_cycle', `"update_cycle" IN ('yearly', 'half-yearly', 'quarterly', 'monthly', 'irregular')`)
@Check('CHK_indicator_decimals', `"decimals" BETWEEN 0 AND 6`)
@Check('CHK_indicator_suppression_threshold', `"suppression_threshold" IS NULL OR "suppression_threshold" >= 0`)
export class IndicatorEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  key!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'name_en', type: 'text', nullable: true })
  nameEn!: string | null;

  @Column({ type: 'text', default: '' })
  definition!: string;

  @Column({ name: 'definition_en', type: 'text', nullable: true })
  definitionEn!: string | null;

  @Column({ type: 'text' })
  unit!: string;

  @Column({ name: 'topic_id', type: 'uuid' })
  topicId!: string;

  @ManyToOne(() => TopicEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'topic_id' })
  topic?: Relation<TopicEntity>;

  @Column({ type: 'text', default: '' })
  source!: string;

  @Column({ name: 'source_en', type: 'text', nullable: true })
  sourceEn!: string | null;

  @Column({ name: 'department_id', type: 'uuid', nullable: true })
  departmentId!: string | null;

  @ManyToOne(() => DepartmentEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'department_id' })
  department?: Relation<DepartmentEntity> | null;

  @Column({ type: 'text' })
  polarity!: Polarity;

  @Column({ type: 'smallint', default: 1 })
  decimals!: number;

  @Column({ name: 'update_cycle', type: 'text', default: 'yearly' })
  updateCycle!: UpdateCycle;

  @Column({ name: 'last_update', type: 'date', nullable: true })
  lastUpdate!: string | null;

  @Column({ type: 'text' })
  kind!: IndicatorKind;

  @Column({ name: 'numerator_label', type: 'text', nullable: true })
  numeratorLabel!: string | null;

  @Column({ name: 'denominator_label', type: 'text', nullable: true })
  denominatorLabel!: string | null;

  @Column({ name: 'numerator_label_en', type: 'text', nullable: true })
  numeratorLabelEn!: string | null;

  @Column({ name: 'denominator_label_en', type: 'text', nullable: true })
  denominatorLabelEn!: string | null;

  /** Rate indicators may name the count indicators that hold their numerator and denominator. */
  @Column({ name: 'numerator_indicator_id', type: 'uuid', nullable: true })
  numeratorIndicatorId!: string | null;

  @ManyToOne(() => IndicatorEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'numerator_indicator_id' })
  numeratorIndicator?: Relation<IndicatorEntity> | null;

  @Column({ name: 'denominator_indicator_id', type: 'uuid', nullable: true })
  denominatorIndicatorId!: string | null;

  @ManyToOne(() => IndicatorEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'denominator_indicator_id' })
  denominatorIndicator?: Relation<IndicatorEntity> | null;

  @Column({ name: 'rate_factor', type: 'double precision', nullable: true })
  rateFactor!: number | null;

  @Column({ name: 'suppression_threshold', type: 'integer', nullable: true })
  suppressionThreshold!: number | null;

  @Column({ name: 'is_public', type: 'boolean', default: false })
  isPublic!: boolean;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
