import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { PasswordHasher } from '../server/src/auth/password-hasher.js';
import { returnedRows } from '../server/src/database/transaction.js';
import { DEMO_PASSWORD, DEMO_USERS, DEMO_WORKSPACE } from './demo.js';
import {
  DEMO_GEOMETRY_NOTE,
  DEMO_GEOMETRY_NOTE_EN,
  GLADBECK_DEPARTMENTS,
  GLADBECK_INDICATORS,
  GLADBECK_TOPICS,
  buildGladbeckAreas,
  generateGladbeckValues,
  seedId,
} from './gladbeck/index.js';

export { DEMO_PASSWORD, DEMO_USERS, DEMO_WORKSPACE } from './demo.js';
export { seedId } from './gladbeck/index.js';

export const SEED_IMPORT_ID = seedId('import:gladbeck-demo');

export interface SeedSummary {
  departments: number;
  topics: number;
  areas: number;
  indicators: number;
  values: number;
  users: number;
  memberships: number;
}

/** An empty database gets the demo at start-up; one with users or areas is left alone. */
export async function isDatabaseEmpty(db: DataSource): Promise<boolean> {
  const [row] = await db.query(`SELECT NOT EXISTS (SELECT 1 FROM app_user) AND NOT EXISTS (SELECT 1 FROM area) AS empty`);
  return row.empty === true;
}

/**
 * Inserts the Gladbeck demo. Idempotent: every row has a fixed id or natural key and is
 * inserted with ON CONFLICT DO NOTHING, so a second run changes nothing and never
 * overwrites what people have edited since. Counts are the rows actually inserted.
 */
export async function seedDemo(db: DataSource, hasher = new PasswordHasher()): Promise<SeedSummary> {
  // Hash outside the transaction: argon2 is slow on purpose and needs no lock.
  const existing: { email: string }[] = await db.query(`SELECT email FROM app_user WHERE email = ANY($1::text[])`, [
    Object.values(DEMO_USERS).map((u) => u.email),
  ]);
  const missing = Object.values(DEMO_USERS).filter((u) => !existing.some((e) => e.email === u.email));
  const passwordHash = missing.length ? await hasher.hash(DEMO_PASSWORD) : '';

  return db.transaction(async (tx) => {
    const summary: SeedSummary = { departments: 0, topics: 0, areas: 0, indicators: 0, values: 0, users: 0, memberships: 0 };
    summary.departments = await insertDepartments(tx);
    summary.topics = await insertTopics(tx);
    summary.areas = await insertAreas(tx);
    await tx.query(
      `INSERT INTO import_batch (id, kind, status, file_name, file_hash, rows, created, options)
       VALUES ($1, 'seed', 'committed', 'seeds/gladbeck', $2, 0, 0, '{"note":"Gladbeck-Demo"}'::jsonb)
       ON CONFLICT (id) DO NOTHING`,
      [SEED_IMPORT_ID, createHash('sha256').update(JSON.stringify(GLADBECK_INDICATORS)).digest('hex')],
    );
    summary.indicators = await insertIndicators(tx);
    summary.values = await insertValues(tx);
    await tx.query(`UPDATE import_batch SET rows = $2, created = $2 WHERE id = $1 AND rows = 0`, [SEED_IMPORT_ID, summary.values]);
    await tx.query(`INSERT INTO workspace (id, name, description) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`, [
      DEMO_WORKSPACE.id,
      DEMO_WORKSPACE.name,
      DEMO_WORKSPACE.description,
    ]);
    for (const user of missing) {
      const result = await tx.query(
        `INSERT INTO app_user (id, email, display_name, password_hash, is_admin, department_id)
         VALUES ($1, $2, $3, $4, $5, (SELECT id FROM department WHERE code = $6))
         ON CONFLICT DO NOTHING RETURNING id`,
        [user.id, user.email, user.displayName, passwordHash, user.isAdmin, user.departmentCode],
      );
      summary.users += result.length;
    }
    for (const user of Object.values(DEMO_USERS)) {
      if (!user.role) continue;
      const result = await tx.query(
        `INSERT INTO membership (workspace_id, user_id, role) SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM app_user WHERE id = $2)
         ON CONFLICT DO NOTHING RETURNING user_id`,
        [DEMO_WORKSPACE.id, user.id, user.role],
      );
      summary.memberships += result.length;
    }
    return summary;
  });
}

/**
 * Gives a demo seeded before the catalogue had English texts its English twins. Only empty
 * English fields are filled, and only where the German text is still the one the seed wrote:
 * a text someone has edited since keeps its missing translation for its author to add.
 * Returns how many rows gained a text; running it again finds nothing to do.
 */
export async function completeDemoTranslations(db: DataSource): Promise<{ departments: number; areas: number; indicators: number }> {
  /** The seed has an English twin for `column`, the row has none, and its German text is the seed's. */
  const fillable = (table: string, column: string) =>
    `(${table}.${column}_en IS NULL AND x.${column}_en IS NOT NULL AND ${table}.${column} IS NOT DISTINCT FROM x.${column})`;
  const fill = (table: string, columns: readonly string[]) => ({
    set: columns.map((c) => `${c}_en = CASE WHEN ${fillable(table, c)} THEN x.${c}_en ELSE ${table}.${c}_en END`).join(', '),
    where: columns.map((c) => fillable(table, c)).join(' OR '),
  });
  const updated = async (tx: EntityManager, sql: string, parameters: unknown[]) => returnedRows(await tx.query(sql, parameters)).length;

  return db.transaction(async (tx) => {
    const department = fill('department', ['name', 'short_name']);
    const departments = await updated(
      tx,
      `UPDATE department SET ${department.set}
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) AS x(id, name, name_en, short_name, short_name_en)
        WHERE department.id = x.id AND (${department.where})
       RETURNING department.id`,
      [
        GLADBECK_DEPARTMENTS.map((d) => seedId(`department:${d.code}`)),
        ...columns(GLADBECK_DEPARTMENTS, ['name', 'nameEn', 'shortName', 'shortNameEn']),
      ],
    );
    const area = fill('area', ['geometry_source']);
    const areas = await updated(
      tx,
      `UPDATE area SET ${area.set}
         FROM (SELECT $2::text AS geometry_source, $3::text AS geometry_source_en) x
        WHERE area.id = ANY($1::uuid[]) AND (${area.where})
       RETURNING area.id`,
      [buildGladbeckAreas().map((a) => seedId(`area:${a.key}`)), DEMO_GEOMETRY_NOTE, DEMO_GEOMETRY_NOTE_EN],
    );
    const list = GLADBECK_INDICATORS;
    const indicator = fill('indicator', ['definition', 'source', 'numerator_label', 'denominator_label']);
    const indicators = await updated(
      tx,
      `UPDATE indicator SET ${indicator.set}
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
              AS x(id, definition, definition_en, source, source_en, numerator_label, numerator_label_en, denominator_label, denominator_label_en)
        WHERE indicator.id = x.id AND (${indicator.where})
       RETURNING indicator.id`,
      [
        list.map((i) => seedId(`indicator:${i.key}`)),
        ...columns(list, ['definition', 'definitionEn', 'source', 'sourceEn']),
        list.map((i) => i.numeratorLabel ?? null),
        list.map((i) => i.numeratorLabelEn ?? null),
        list.map((i) => i.denominatorLabel ?? null),
        list.map((i) => i.denominatorLabelEn ?? null),
      ],
    );
    return { departments, areas, indicators };
  });
}

async function insertDepartments(tx: EntityManager): Promise<number> {
  const rows = await tx.query(
    `INSERT INTO department (id, code, name, short_name, name_en, short_name_en)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      GLADBECK_DEPARTMENTS.map((d) => seedId(`department:${d.code}`)),
      ...columns(GLADBECK_DEPARTMENTS, ['code', 'name', 'shortName', 'nameEn', 'shortNameEn']),
    ],
  );
  return rows.length;
}

async function insertTopics(tx: EntityManager): Promise<number> {
  const rows = await tx.query(
    `INSERT INTO topic (id, key, name_de, name_en, sort_order)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[])
     ON CONFLICT DO NOTHING RETURNING id`,
    [GLADBECK_TOPICS.map((t) => seedId(`topic:${t.key}`)), ...columns(GLADBECK_TOPICS, ['key', 'nameDe', 'nameEn', 'sortOrder'])],
  );
  return rows.length;
}

async function insertAreas(tx: EntityManager): Promise<number> {
  let inserted = 0;
  // Parents first, so children can reference them by key.
  for (const area of buildGladbeckAreas().sort((a, b) => (a.parentKey === null ? -1 : 0) - (b.parentKey === null ? -1 : 0))) {
    const rows = await tx.query(
      `INSERT INTO area (id, key, name, level, parent_id, geometry, display_geometry, bbox, centroid_lon, centroid_lat, geometry_source, geometry_source_en)
       VALUES ($1, $2, $3, $4, (SELECT id FROM area WHERE key = $5), $6::jsonb, $6::jsonb, $7::float8[], $8, $9, $10, $11)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        seedId(`area:${area.key}`),
        area.key,
        area.name,
        area.level,
        area.parentKey,
        JSON.stringify(area.geometry),
        area.bbox,
        area.centroid[0],
        area.centroid[1],
        DEMO_GEOMETRY_NOTE,
        DEMO_GEOMETRY_NOTE_EN,
      ],
    );
    inserted += rows.length;
  }
  return inserted;
}

async function insertIndicators(tx: EntityManager): Promise<number> {
  const list = GLADBECK_INDICATORS;
  const rows = await tx.query(
    `INSERT INTO indicator (id, key, name, name_en, definition, definition_en, unit, topic_id, source, source_en, department_id, polarity,
                            decimals, update_cycle, last_update, kind, numerator_label, denominator_label, numerator_label_en,
                            denominator_label_en, rate_factor, suppression_threshold, is_public)
     SELECT x.id, x.key, x.name, x.name_en, x.definition, x.definition_en, x.unit, t.id, x.source, x.source_en, d.id, x.polarity,
            x.decimals, x.update_cycle, x.last_update, x.kind, x.numerator_label, x.denominator_label, x.numerator_label_en,
            x.denominator_label_en, x.rate_factor, x.suppression_threshold, x.is_public
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                   $11::text[], $12::text[], $13::int[], $14::text[], $15::date[], $16::text[], $17::text[], $18::text[], $19::text[],
                   $20::text[], $21::float8[], $22::int[], $23::bool[])
            AS x(id, key, name, name_en, definition, definition_en, unit, topic_key, source, source_en, department_code, polarity,
                 decimals, update_cycle, last_update, kind, numerator_label, denominator_label, numerator_label_en,
                 denominator_label_en, rate_factor, suppression_threshold, is_public)
       JOIN topic t ON t.key = x.topic_key
       LEFT JOIN department d ON d.code = x.department_code
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      list.map((i) => seedId(`indicator:${i.key}`)),
      ...columns(list, [
        'key',
        'name',
        'nameEn',
        'definition',
        'definitionEn',
        'unit',
        'topicKey',
        'source',
        'sourceEn',
        'departmentCode',
        'polarity',
        'decimals',
        'updateCycle',
        'lastUpdate',
        'kind',
      ]),
      list.map((i) => i.numeratorLabel ?? null),
      list.map((i) => i.denominatorLabel ?? null),
      list.map((i) => i.numeratorLabelEn ?? null),
      list.map((i) => i.denominatorLabelEn ?? null),
      ...columns(list, ['rateFactor', 'suppressionThreshold', 'isPublic']),
    ],
  );
  return rows.length;
}

async function insertValues(tx: EntityManager): Promise<number> {
  const values = generateGladbeckValues();
  // Values reference their series (indicator × area), so those come first.
  await tx.query(
    `INSERT INTO indicator_series (indicator_id, area_id)
     SELECT DISTINCT i.id, a.id
       FROM unnest($1::text[], $2::text[]) AS x(indicator_key, area_key)
       JOIN indicator i ON i.key = x.indicator_key
       JOIN area a ON a.key = x.area_key
     ON CONFLICT DO NOTHING`,
    columns(values, ['indicatorKey', 'areaKey']),
  );
  const rows = await tx.query(
    `INSERT INTO indicator_value (indicator_id, area_id, period, value, numerator, denominator, is_estimated, is_provisional, import_id)
     SELECT i.id, a.id, x.period, x.value, x.numerator, x.denominator, x.estimated, x.provisional, $9
       FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::float8[], $7::bool[], $8::bool[])
            AS x(indicator_key, area_key, period, value, numerator, denominator, estimated, provisional)
       JOIN indicator i ON i.key = x.indicator_key
       JOIN area a ON a.key = x.area_key
     ON CONFLICT DO NOTHING RETURNING 1`,
    [
      ...columns(values, ['indicatorKey', 'areaKey', 'period', 'value', 'numerator', 'denominator']),
      values.map((v) => v.estimated ?? false),
      values.map((v) => v.provisional ?? false),
      SEED_IMPORT_ID,
    ],
  );
  return rows.length;
}

function columns<T, K extends keyof T>(rows: readonly T[], keys: readonly K[]): unknown[][] {
  return keys.map((key) => rows.map((row) => row[key] ?? null));
}
