import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CatalogueIndicator, IndicatorKind } from '@lagebild/shared';
import type { DataSource } from 'typeorm';

export interface StoredIndicator {
  id: string;
  key: string;
  name: string;
  kind: IndicatorKind;
  departmentId: string | null;
  valueCount: number;
  numeratorLabel: string | null;
  denominatorLabel: string | null;
  numeratorIndicator: string | null;
  denominatorIndicator: string | null;
  rateFactor: number | null;
}

/** Columns of `indicator` as written by the catalogue (keys are API field names). */
export interface IndicatorColumns {
  name?: string;
  name_en?: string | null;
  definition?: string;
  definition_en?: string | null;
  unit?: string;
  topic_id?: string;
  source?: string;
  source_en?: string | null;
  department_id?: string | null;
  polarity?: string;
  decimals?: number;
  update_cycle?: string;
  last_update?: string | null;
  kind?: IndicatorKind;
  numerator_label?: string | null;
  denominator_label?: string | null;
  numerator_label_en?: string | null;
  denominator_label_en?: string | null;
  numerator_indicator_id?: string | null;
  denominator_indicator_id?: string | null;
  rate_factor?: number | null;
  suppression_threshold?: number | null;
  is_public?: boolean;
  retired_at?: 'now' | null;
}

const CATALOGUE_SELECT = `
  SELECT i.id, i.key, i.name, i.name_en AS "nameEn", i.definition, i.definition_en AS "definitionEn", i.unit,
         t.key AS topic, t.name_de AS "topicName", i.source, i.source_en AS "sourceEn",
         d.code AS department, d.name AS "departmentName", d.name_en AS "departmentNameEn", i.department_id AS "departmentId",
         i.polarity, i.decimals, i.update_cycle AS "updateCycle",
         to_char(i.last_update, 'YYYY-MM-DD') AS "lastUpdate",
         i.kind, i.numerator_label AS "numeratorLabel", i.denominator_label AS "denominatorLabel",
         i.numerator_label_en AS "numeratorLabelEn", i.denominator_label_en AS "denominatorLabelEn",
         i.rate_factor AS "rateFactor", i.suppression_threshold AS "suppressionThreshold",
         i.is_public AS public, i.retired_at IS NOT NULL AS retired,
         n.key AS "numeratorIndicator", dn.key AS "denominatorIndicator",
         COALESCE(v.periods, '{}') AS periods, COALESCE(v.count, 0)::int AS "valueCount"
    FROM indicator i
    JOIN topic t ON t.id = i.topic_id
    LEFT JOIN department d ON d.id = i.department_id
    LEFT JOIN indicator n ON n.id = i.numerator_indicator_id
    LEFT JOIN indicator dn ON dn.id = i.denominator_indicator_id
    LEFT JOIN LATERAL (SELECT array_agg(DISTINCT period ORDER BY period) AS periods, count(*) AS count
                         FROM indicator_value WHERE indicator_id = i.id) v ON true`;

export type CatalogueRow = Omit<CatalogueIndicator, 'editable'> & { id: string; departmentId: string | null };

@Injectable()
export class CatalogueRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  list(): Promise<CatalogueRow[]> {
    return this.db.query(`${CATALOGUE_SELECT} ORDER BY t.sort_order, i.name`);
  }

  async get(key: string): Promise<CatalogueRow | null> {
    const rows: CatalogueRow[] = await this.db.query(`${CATALOGUE_SELECT} WHERE i.key = $1`, [key]);
    return rows[0] ?? null;
  }

  async find(key: string): Promise<StoredIndicator | null> {
    const rows: StoredIndicator[] = await this.db.query(
      `SELECT i.id, i.key, i.name, i.kind, i.department_id AS "departmentId",
              (SELECT count(*)::int FROM indicator_value WHERE indicator_id = i.id) AS "valueCount",
              i.numerator_label AS "numeratorLabel", i.denominator_label AS "denominatorLabel",
              n.key AS "numeratorIndicator", dn.key AS "denominatorIndicator", i.rate_factor AS "rateFactor"
         FROM indicator i
         LEFT JOIN indicator n ON n.id = i.numerator_indicator_id
         LEFT JOIN indicator dn ON dn.id = i.denominator_indicator_id
        WHERE i.key = $1`,
      [key],
    );
    return rows[0] ?? null;
  }

  async topicId(key: string): Promise<string | null> {
    const [row] = await this.db.query(`SELECT id FROM topic WHERE key = $1`, [key]);
    return row?.id ?? null;
  }

  async departmentId(code: string): Promise<string | null> {
    const [row] = await this.db.query(`SELECT id FROM department WHERE code = $1`, [code]);
    return row?.id ?? null;
  }

  async indicatorRef(key: string): Promise<{ id: string; kind: IndicatorKind } | null> {
    const [row] = await this.db.query(`SELECT id, kind FROM indicator WHERE key = $1`, [key]);
    return row ?? null;
  }

  /** Inserts unless the key is taken; returns false when it is. */
  async insert(key: string, columns: IndicatorColumns): Promise<boolean> {
    const names = Object.keys(columns) as (keyof IndicatorColumns)[];
    const values = names.map((n) => columns[n]);
    const rows = await this.db.query(
      `INSERT INTO indicator (key, ${names.join(', ')}) VALUES ($1, ${names.map((_, i) => `$${i + 2}`).join(', ')})
       ON CONFLICT (key) DO NOTHING RETURNING id`,
      [key, ...values],
    );
    return rows.length > 0;
  }

  async update(id: string, columns: IndicatorColumns): Promise<void> {
    const sets: string[] = [];
    const values: unknown[] = [id];
    for (const [name, value] of Object.entries(columns)) {
      if (name === 'retired_at' && value === 'now') sets.push('retired_at = COALESCE(retired_at, now())');
      else {
        values.push(value);
        sets.push(`${name} = $${values.length}`);
      }
    }
    if (sets.length === 0) return;
    await this.db.query(`UPDATE indicator SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, values);
  }
}
