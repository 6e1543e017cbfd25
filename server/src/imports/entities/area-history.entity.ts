import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AreaGeometry, AreaLevel } from '@lagebild/shared';

/**
 * An area as it was before a boundary import changed it, so that the import can be rolled
 * back exactly. Rows are only ever added.
 */
@Entity({ name: 'area_history' })
@Index('IDX_area_history_area', ['areaId'])
@Index('IDX_area_history_replaced_by', ['replacedByImportId'])
@Index('IDX_area_history_import', ['importId'])
export class AreaHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'area_id', type: 'uuid' })
  areaId!: string;

  @Column({ type: 'text' })
  key!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  level!: AreaLevel;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  geometry!: AreaGeometry | null;

  @Column({ name: 'display_geometry', type: 'jsonb', nullable: true })
  displayGeometry!: AreaGeometry | null;

  @Column({ type: 'double precision', array: true, nullable: true })
  bbox!: number[] | null;

  @Column({ name: 'centroid_lon', type: 'double precision', nullable: true })
  centroidLon!: number | null;

  @Column({ name: 'centroid_lat', type: 'double precision', nullable: true })
  centroidLat!: number | null;

  @Column({ name: 'geometry_source', type: 'text', nullable: true })
  geometrySource!: string | null;

  @Column({ name: 'geometry_source_en', type: 'text', nullable: true })
  geometrySourceEn!: string | null;

  /** The import that had delivered this state (null for seeded or hand-made areas). */
  @Column({ name: 'import_id', type: 'uuid', nullable: true })
  importId!: string | null;

  /** The import that replaced it; null when a rollback took it away. */
  @Column({ name: 'replaced_by_import_id', type: 'uuid', nullable: true })
  replacedByImportId!: string | null;

  @CreateDateColumn({ name: 'replaced_at', type: 'timestamptz' })
  replacedAt!: Date;
}
