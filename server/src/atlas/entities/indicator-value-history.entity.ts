import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A value as it was before an import replaced it. Rows are never updated, so the history
 * of a cell can be read back and a rollback can restore exactly what was there.
 */
@Entity({ name: 'indicator_value_history' })
@Index('IDX_indicator_value_history_cell', ['indicatorId', 'areaId', 'period'])
@Index('IDX_indicator_value_history_replaced_by', ['replacedByImportId'])
@Index('IDX_indicator_value_history_import', ['importId'])
export class IndicatorValueHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'indicator_id', type: 'uuid' })
  indicatorId!: string;

  @Column({ name: 'area_id', type: 'uuid' })
  areaId!: string;

  @Column({ type: 'text' })
  period!: string;

  @Column({ type: 'double precision', nullable: true })
  value!: number | null;

  @Column({ type: 'double precision', nullable: true })
  numerator!: number | null;

  @Column({ type: 'double precision', nullable: true })
  denominator!: number | null;

  @Column({ name: 'is_suppressed', type: 'boolean' })
  isSuppressed!: boolean;

  @Column({ name: 'is_estimated', type: 'boolean' })
  isEstimated!: boolean;

  @Column({ name: 'is_provisional', type: 'boolean' })
  isProvisional!: boolean;

  /** The import that had delivered the replaced value. */
  @Column({ name: 'import_id', type: 'uuid', nullable: true })
  importId!: string | null;

  /** The import that replaced it; null when the value was replaced outside an import. */
  @Column({ name: 'replaced_by_import_id', type: 'uuid', nullable: true })
  replacedByImportId!: string | null;

  @CreateDateColumn({ name: 'replaced_at', type: 'timestamptz' })
  replacedAt!: Date;
}
