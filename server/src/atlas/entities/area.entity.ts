import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import type { AreaGeometry, AreaLevel } from '@lagebild/shared';
import { ImportBatchEntity } from '../../imports/entities/import-batch.entity.js';

@Entity({ name: 'area' })
@Check('CHK_area_level', `"level" IN ('city', 'district', 'neighbourhood')`)
export class AreaEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  key!: string;

  @Column({ type: 'text' })
  name!: string;

  @Index('IDX_area_level')
  @Column({ type: 'text' })
  level!: AreaLevel;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => AreaEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'parent_id' })
  parent?: Relation<AreaEntity> | null;

  /** The geometry as delivered (WGS84 after reprojection). */
  @Column({ type: 'jsonb', nullable: true })
  geometry!: AreaGeometry | null;

  /** A simplified copy for maps, so detailed official boundaries stay fast to draw. */
  @Column({ name: 'display_geometry', type: 'jsonb', nullable: true })
  displayGeometry!: AreaGeometry | null;

  /** [minLon, minLat, maxLon, maxLat] */
  @Column({ type: 'double precision', array: true, nullable: true })
  bbox!: number[] | null;

  @Column({ name: 'centroid_lon', type: 'double precision', nullable: true })
  centroidLon!: number | null;

  @Column({ name: 'centroid_lat', type: 'double precision', nullable: true })
  centroidLat!: number | null;

  /** Where the boundary comes from, e.g. an import or "approximate demo geometry". */
  @Column({ name: 'geometry_source', type: 'text', nullable: true })
  geometrySource!: string | null;

  @Column({ name: 'geometry_source_en', type: 'text', nullable: true })
  geometrySourceEn!: string | null;

  /** Provenance: the boundary import that delivered the current state (null for seeded areas). */
  @Column({ name: 'import_id', type: 'uuid', nullable: true })
  importId!: string | null;

  @ManyToOne(() => ImportBatchEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'import_id' })
  importBatch?: Relation<ImportBatchEntity> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
