import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { AreaEntity } from './area.entity.js';
import { IndicatorEntity } from './indicator.entity.js';

/**
 * One indicator in one area: the time series that indicator values belong to.
 *
 * Every value belongs to a series, and the series' own keys tie it to an existing indicator
 * and area: deleting either cascades to its series and from there to the values. The values
 * are checked against their series once per statement, by a trigger over the distinct series
 * a statement wrote (see migration ValueChecksPerStatement): a bulk import of 100,000 values
 * touches a few hundred series, and a foreign key would look each up once per value. A series
 * is created by the first write of a value into it and stays when its values are removed.
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
