import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { IndicatorKind, Polarity } from '@lagebild/shared';
import type { DataSource, QueryRunner } from 'typeorm';
import type { StoredIndexComponent } from './composite-index.entity.js';

export interface ComponentIndicator {
  id: string;
  key: string;
  name: string;
  nameEn: string | null;
  kind: IndicatorKind;
  polarity: Polarity;
  retired: boolean;
}

export interface LevelArea {
  id: string;
  key: string;
  name: string;
}

export interface ComponentValue {
  indicatorId: string;
  areaId: string;
  period: string;
  value: number | null;
}

export interface IndexRow {
  id: string;
  key: string;
  name: string;
  description: string;
  nameEn: string | null;
  descriptionEn: string | null;
  level: 'district' | 'neighbourhood';
  topicKey: string;
  isPublic: boolean;
  components: StoredIndexComponent[];
  dynamicsFrom: string | null;
  dynamicsTo: string | null;
  statusThresholds: number[];
  dynamicsThresholds: number[];
  importId: string | null;
  computedAt: Date | null;
}

export interface DerivedIndicator {
  key: string;
  name: string;
  nameEn: string;
  definition: string;
  definitionEn: string;
  unit: string;
  decimals: number;
  source: string;
  sourceEn: string;
  retired: boolean;
}

const INDEX_SELECT = `
  SELECT id, key, name, description, name_en AS "nameEn", description_en AS "descriptionEn", level, topic_key AS "topicKey", is_public AS "isPublic", components,
         dynamics_from AS "dynamicsFrom", dynamics_to AS "dynamicsTo", status_thresholds AS "statusThresholds",
         dynamics_thresholds AS "dynamicsThresholds", import_id AS "importId", computed_at AS "computedAt"
    FROM composite_index`;

@Injectable()
export class IndicesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  get dataSource(): DataSource {
    return this.db;
  }

  list(): Promise<IndexRow[]> {
    return this.db.query(`${INDEX_SELECT} ORDER BY name`);
  }

  async find(id: string): Promise<IndexRow | null> {
    const rows: IndexRow[] = await this.db.query(`${INDEX_SELECT} WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async keyTaken(key: string, derivedKeys: string[], exceptId: string | null): Promise<boolean> {
    const [row] = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM composite_index WHERE key = $1 AND id IS DISTINCT FROM $3)
           OR EXISTS (SELECT 1 FROM indicator WHERE key = ANY($2::text[])
                       AND NOT EXISTS (SELECT 1 FROM composite_index c WHERE c.id = $3)) AS taken`,
      [key, derivedKeys, exceptId],
    );
    return row.taken === true;
  }

  components(keys: string[]): Promise<ComponentIndicator[]> {
    return this.db.query(
      `SELECT id, key, name, name_en AS "nameEn", kind, polarity, retired_at IS NOT NULL AS retired FROM indicator WHERE key = ANY($1::text[])`,
      [keys],
    );
  }

  async topicExists(key: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM topic WHERE key = $1`, [key]);
    return rows.length > 0;
  }

  areas(level: string): Promise<LevelArea[]> {
    return this.db.query(`SELECT id, key, name FROM area WHERE level = $1 ORDER BY name`, [level]);
  }

  values(indicatorIds: string[], areaIds: string[]): Promise<ComponentValue[]> {
    return this.db.query(
      `SELECT indicator_id AS "indicatorId", area_id AS "areaId", period, value FROM indicator_value
        WHERE indicator_id = ANY($1::uuid[]) AND area_id = ANY($2::uuid[]) AND value IS NOT NULL AND NOT is_suppressed`,
      [indicatorIds, areaIds],
    );
  }

  async indicatorIds(runner: QueryRunner, keys: string[]): Promise<Map<string, string>> {
    const rows: { id: string; key: string }[] = await runner.query(`SELECT id, key FROM indicator WHERE key = ANY($1::text[])`, [keys]);
    return new Map(rows.map((r) => [r.key, r.id]));
  }

  /** Creates or updates the derived indicators of an index (kind `index`, never aggregated). */
  async upsertDerived(runner: QueryRunner, indicators: DerivedIndicator[], topicKey: string, isPublic: boolean): Promise<void> {
    for (const i of indicators) {
      await runner.query(
        `INSERT INTO indicator (key, name, name_en, definition, definition_en, unit, topic_id, source, source_en, department_id, polarity,
                                decimals, update_cycle, last_update, kind, is_public, retired_at)
         VALUES ($1, $2, $3, $4, $11, $5, (SELECT id FROM topic WHERE key = $6), $7, $12, NULL, 'higher_is_worse', $8, 'irregular', CURRENT_DATE,
                 'index', $9, CASE WHEN $10::boolean THEN now() END)
         ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, definition = EXCLUDED.definition,
                definition_en = EXCLUDED.definition_en, unit = EXCLUDED.unit, topic_id = EXCLUDED.topic_id, source = EXCLUDED.source,
                source_en = EXCLUDED.source_en, decimals = EXCLUDED.decimals, last_update = CURRENT_DATE, is_public = EXCLUDED.is_public,
                retired_at = CASE WHEN $10::boolean THEN COALESCE(indicator.retired_at, now()) END, updated_at = now()`,
        [i.key, i.name, i.nameEn, i.definition, i.unit, topicKey, i.source, i.decimals, isPublic, i.retired, i.definitionEn, i.sourceEn],
      );
    }
  }

  async saveDefinition(runner: QueryRunner, id: string | null, row: Omit<IndexRow, 'id' | 'computedAt'>, userId: string): Promise<string> {
    const values = [
      row.key,
      row.name,
      row.description,
      row.level,
      row.topicKey,
      row.isPublic,
      JSON.stringify(row.components),
      row.dynamicsFrom,
      row.dynamicsTo,
      row.statusThresholds,
      row.dynamicsThresholds,
      row.importId,
      row.nameEn,
      row.descriptionEn,
    ];
    if (id) {
      await runner.query(
        `UPDATE composite_index SET key = $2, name = $3, description = $4, level = $5, topic_key = $6, is_public = $7, components = $8::jsonb,
                dynamics_from = $9, dynamics_to = $10, status_thresholds = $11::float8[], dynamics_thresholds = $12::float8[], import_id = $13,
                name_en = $14, description_en = $15, computed_at = now(), updated_at = now()
          WHERE id = $1`,
        [id, ...values],
      );
      return id;
    }
    const [created] = await runner.query(
      `INSERT INTO composite_index (key, name, description, level, topic_key, is_public, components, dynamics_from, dynamics_to,
                                   status_thresholds, dynamics_thresholds, import_id, name_en, description_en, computed_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10::float8[], $11::float8[], $12, $13, $14, now(), $15) RETURNING id`,
      [...values, userId],
    );
    return created.id;
  }

  periodsOf(indicatorKey: string): Promise<{ period: string }[]> {
    return this.db.query(
      `SELECT DISTINCT v.period FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id WHERE i.key = $1 ORDER BY v.period`,
      [indicatorKey],
    );
  }
}
