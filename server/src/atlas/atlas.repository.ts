import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AreaGeometry, AreaLevel, DepartmentSummary, IndicatorKind, Polarity, TopicSummary, UpdateCycle } from '@lagebild/shared';
import type { DataSource } from 'typeorm';

export interface IndicatorRow {
  id: string;
  key: string;
  name: string;
  nameEn: string | null;
  definition: string;
  definitionEn: string | null;
  unit: string;
  topic: string;
  topicName: string;
  source: string;
  sourceEn: string | null;
  department: string | null;
  departmentName: string | null;
  departmentNameEn: string | null;
  polarity: Polarity;
  decimals: number;
  updateCycle: UpdateCycle;
  lastUpdate: string | null;
  kind: IndicatorKind;
  numeratorLabel: string | null;
  denominatorLabel: string | null;
  numeratorLabelEn: string | null;
  denominatorLabelEn: string | null;
  rateFactor: number | null;
  /** The indicator's own threshold, or else that of its numerator indicator. */
  suppressionThreshold: number | null;
  public: boolean;
  retired: boolean;
  periods: string[];
}

export interface AreaRow {
  id: string;
  key: string;
  name: string;
  level: AreaLevel;
  parentKey: string | null;
  bbox: [number, number, number, number] | null;
  centroid: [number, number] | null;
  geometrySource: string | null;
  geometrySourceEn: string | null;
  geometry: AreaGeometry | null;
}

export interface ValueRow {
  indicatorId: string;
  areaKey: string;
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  isSuppressed: boolean;
  isEstimated: boolean;
  isProvisional: boolean;
}

const INDICATOR_SELECT = `
  SELECT i.id, i.key, i.name, i.name_en AS "nameEn", i.definition, i.definition_en AS "definitionEn", i.unit,
         t.key AS topic, t.name_de AS "topicName", i.source, i.source_en AS "sourceEn",
         d.code AS department, d.name AS "departmentName", d.name_en AS "departmentNameEn",
         i.polarity, i.decimals, i.update_cycle AS "updateCycle",
         to_char(i.last_update, 'YYYY-MM-DD') AS "lastUpdate",
         i.kind, i.numerator_label AS "numeratorLabel", i.denominator_label AS "denominatorLabel",
         i.numerator_label_en AS "numeratorLabelEn", i.denominator_label_en AS "denominatorLabelEn",
         i.rate_factor AS "rateFactor",
         COALESCE(i.suppression_threshold, n.suppression_threshold) AS "suppressionThreshold",
         i.is_public AS public, i.retired_at IS NOT NULL AS retired,
         COALESCE((SELECT array_agg(DISTINCT v.period ORDER BY v.period) FROM indicator_value v WHERE v.indicator_id = i.id), '{}') AS periods
    FROM indicator i
    JOIN topic t ON t.id = i.topic_id
    LEFT JOIN department d ON d.id = i.department_id
    LEFT JOIN indicator n ON n.id = i.numerator_indicator_id`;

@Injectable()
export class AtlasRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  listIndicators(filter: { includeNonPublic: boolean; includeRetired: boolean }): Promise<IndicatorRow[]> {
    return this.db.query(
      `${INDICATOR_SELECT}
        WHERE ($1::boolean OR i.is_public) AND ($2::boolean OR i.retired_at IS NULL)
        ORDER BY t.sort_order, i.name`,
      [filter.includeNonPublic, filter.includeRetired],
    );
  }

  async findIndicator(key: string): Promise<IndicatorRow | null> {
    const rows: IndicatorRow[] = await this.db.query(`${INDICATOR_SELECT} WHERE i.key = $1`, [key]);
    return rows[0] ?? null;
  }

  listTopics(): Promise<TopicSummary[]> {
    return this.db.query(`SELECT key, name_de AS name, name_en AS "nameEn" FROM topic ORDER BY sort_order, key`);
  }

  listDepartments(): Promise<DepartmentSummary[]> {
    return this.db.query(
      `SELECT code, name, short_name AS "shortName", name_en AS "nameEn", short_name_en AS "shortNameEn" FROM department ORDER BY code`,
    );
  }

  listAreas(filter: { level?: AreaLevel; geometry: 'display' | 'full' | 'none'; key?: string }): Promise<AreaRow[]> {
    const geometry =
      filter.geometry === 'none' ? 'NULL::jsonb' : filter.geometry === 'full' ? 'a.geometry' : 'COALESCE(a.display_geometry, a.geometry)';
    return this.db.query(
      `SELECT a.id, a.key, a.name, a.level, p.key AS "parentKey", a.bbox,
              CASE WHEN a.centroid_lon IS NULL THEN NULL ELSE ARRAY[a.centroid_lon, a.centroid_lat] END AS centroid,
              a.geometry_source AS "geometrySource", a.geometry_source_en AS "geometrySourceEn", ${geometry} AS geometry
         FROM area a LEFT JOIN area p ON p.id = a.parent_id
        WHERE ($1::text IS NULL OR a.level = $1) AND ($2::text IS NULL OR a.key = $2)
        ORDER BY CASE a.level WHEN 'city' THEN 0 WHEN 'district' THEN 1 ELSE 2 END, a.name`,
      [filter.level ?? null, filter.key ?? null],
    );
  }

  /** Values of the given indicators for the given areas (all periods when none is given). */
  values(filter: { indicatorIds: string[]; areaKeys?: string[]; period?: string }): Promise<ValueRow[]> {
    return this.db.query(
      `SELECT v.indicator_id AS "indicatorId", a.key AS "areaKey", v.period, v.value, v.numerator, v.denominator,
              v.is_suppressed AS "isSuppressed", v.is_estimated AS "isEstimated", v.is_provisional AS "isProvisional"
         FROM indicator_value v JOIN area a ON a.id = v.area_id
        WHERE v.indicator_id = ANY($1::uuid[])
          AND ($2::text[] IS NULL OR a.key = ANY($2::text[]))
          AND ($3::text IS NULL OR v.period = $3)`,
      [filter.indicatorIds, filter.areaKeys ?? null, filter.period ?? null],
    );
  }
}
