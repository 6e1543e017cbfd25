import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { ImportBatchEntity } from '../../imports/entities/import-batch.entity.js';
import { AreaEntity } from './area.entity.js';
import { IndicatorSeriesEntity } from './indicator-series.entity.js';
import { IndicatorEntity } from './indicator.entity.js';

@Entity({ name: 'indicator_value' })
// The period pattern and the series are checked once per statement by triggers, not per row
// by a CHECK constraint and a foreign key (see migration ValueChecksPerStatement). Values are
// found by area through the primary key together with their indicators; there is no index on
// the area alone (see migration DropValueAreaIndex).
export class IndicatorValueEntity {
  @PrimaryColumn({ name: 'indicator_id', type: 'uuid' })
  indicatorId!: string;

  // Integrity through `series`; see IndicatorSeriesEntity.
  @ManyToOne(() => IndicatorEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'indicator_id' })
  indicator?: Relation<IndicatorEntity>;

  @PrimaryColumn({ name: 'area_id', type: 'uuid' })
  areaId!: string;

  @ManyToOne(() => AreaEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'area_id' })
  area?: Relation<AreaEntity>;

  @ManyToOne(() => IndicatorSeriesEntity, { createForeignKeyConstraints: false })
  @JoinColumn([
    { name: 'indicator_id', referencedColumnName: 'indicatorId' },
    { name: 'area_id', referencedColumnName: 'areaId' },
  ])
  series?: Relation<IndicatorSeriesEntity>;

  @PrimaryColumn({ type: 'text' })
  period!: string;

  @Column({ type: 'double precision', nullable: true })
  value!: number | null;

  @Column({ type: 'double precision', nullable: true })
  numerator!: number | null;

  @Column({ type: 'double precision', nullable: true })
  denominator!: number | null;

  /** Suppressed by the data owner before delivery (independent of our threshold). */
  @Column({ name: 'is_suppressed', type: 'boolean', default: false })
  isSuppressed!: boolean;

  @Column({ name: 'is_estimated', type: 'boolean', default: false })
  isEstimated!: boolean;

  @Column({ name: 'is_provisional', type: 'boolean', default: false })
  isProvisional!: boolean;

  /**
   * Provenance: the import (or seed) that delivered this value. Checked per statement by
   * triggers rather than a foreign key, which would look up the batch once per value
   * (see migration ValueReferenceChecksPerSeries).
   */
  @Column({ name: 'import_id', type: 'uuid', nullable: true })
  importId!: string | null;

  @ManyToOne(() => ImportBatchEntity, { nullable: true, createForeignKeyConstraints: false })
  @JoinColumn({ name: 'import_id' })
  import?: Relation<ImportBatchEntity> | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
