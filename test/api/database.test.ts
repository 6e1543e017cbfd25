import 'reflect-metadata';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { GLADBECK_INDICATORS, generateGladbeckValues } from '../../seeds/gladbeck/index.js';
import { completeDemoTranslations, isDatabaseEmpty, seedDemo } from '../../seeds/index.js';
import { createDataSource } from '../../server/src/database/data-source.js';
import { runMigrations } from '../../server/src/database/migrator.js';
import { migrations } from '../../migrations/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

const opened: Array<{ db: TestDatabase; ds: DataSource }> = [];
async function open(options: { empty?: boolean } = {}): Promise<DataSource> {
  const db = await createTestDatabase(options);
  const ds = createDataSource({ url: db.url, poolSize: 2 });
  await ds.initialize();
  opened.push({ db, ds });
  return ds;
}
afterAll(async () => {
  for (const { db, ds } of opened) {
    await ds.destroy();
    await db.drop();
  }
});

async function publicTables(ds: DataSource): Promise<string[]> {
  const rows: { table_name: string }[] = await ds.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'typeorm_migrations' ORDER BY 1`,
  );
  return rows.map((r) => r.table_name);
}

/** A fingerprint of every row of every table. */
async function fingerprint(ds: DataSource): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of await publicTables(ds)) {
    const [row] = await ds.query(`SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS hash FROM "${table}" t`);
    result[table] = `${row.n}:${row.hash}`;
  }
  return result;
}

describe('migrations', () => {
  it('run up, down and up again on an empty database, leaving the schema identical', async () => {
    const ds = await open({ empty: true });
    expect(await runMigrations(ds)).toHaveLength(migrations.length);
    const schema = await schemaOf(ds);
    expect(Object.keys(schema)).toEqual(expect.arrayContaining(['app_user', 'area', 'indicator', 'indicator_value', 'membership', 'workspace']));

    for (let i = 0; i < migrations.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(await publicTables(ds)).toEqual([]);

    await runMigrations(ds);
    expect(await schemaOf(ds)).toEqual(schema);
  });

  it('run once when several instances start at the same time', async () => {
    const first = await open({ empty: true });
    const second = createDataSource({ url: opened.at(-1)!.db.url, poolSize: 2 });
    await second.initialize();
    try {
      const [a, b] = await Promise.all([runMigrations(first), runMigrations(second)]);
      expect([a.length, b.length].sort()).toEqual([0, migrations.length]);
      expect(await second.query(`SELECT count(*)::int AS n FROM typeorm_migrations`)).toEqual([{ n: migrations.length }]);
    } finally {
      await second.destroy();
    }
  });

  it('match the entities exactly: generating a migration would produce nothing', async () => {
    const ds = await open({ empty: true });
    await runMigrations(ds);
    const { upQueries } = await ds.driver.createSchemaBuilder().log();
    expect(upQueries.map((q) => q.query)).toEqual([]);
  });
});

describe('seeds', () => {
  it('fill an empty database with the Gladbeck demo', async () => {
    const ds = await open({ empty: true });
    await runMigrations(ds);
    expect(await isDatabaseEmpty(ds)).toBe(true);
    const summary = await seedDemo(ds);
    expect(summary).toEqual({
      departments: 6,
      topics: 8,
      areas: 11,
      indicators: GLADBECK_INDICATORS.length,
      values: generateGladbeckValues().length,
      users: 5,
      memberships: 4,
    });
    expect(summary.indicators).toBeGreaterThanOrEqual(25);
    expect(await isDatabaseEmpty(ds)).toBe(false);
  });

  it('applied a second time change nothing', async () => {
    const ds = await open();
    const before = await fingerprint(ds);
    const summary = await seedDemo(ds);
    expect(Object.values(summary).every((n) => n === 0)).toBe(true);
    expect(await fingerprint(ds)).toEqual(before);
  });

  it('never overwrite what people changed since', async () => {
    const ds = await open();
    await ds.query(`UPDATE indicator SET name = 'Umbenannt' WHERE key = 'sgb2_rate'`);
    await ds.query(`DELETE FROM membership WHERE user_id = (SELECT id FROM app_user WHERE email = 'gast@gladbeck.example')`);
    await seedDemo(ds);
    const [{ name }] = await ds.query(`SELECT name FROM indicator WHERE key = 'sgb2_rate'`);
    expect(name).toBe('Umbenannt');
  });

  it('give a demo seeded before the English texts its English twins, except where people edited the German', async () => {
    const ds = await open();
    interface EnglishTexts {
      key: string;
      definition: string;
      definitionEn: string | null;
      sourceEn: string | null;
      numeratorLabelEn: string | null;
    }
    const englishOf = async (): Promise<EnglishTexts[]> =>
      ds.query(
        `SELECT key, definition, definition_en AS "definitionEn", source_en AS "sourceEn", numerator_label_en AS "numeratorLabelEn"
           FROM indicator WHERE key IN ('sgb2_rate', 'population', 'old_age_dependency_ratio') ORDER BY key`,
      );
    const expected = await englishOf();
    // As a database seeded before the English columns existed, with one definition edited since.
    await ds.query(`UPDATE indicator SET definition_en = NULL, source_en = NULL, numerator_label_en = NULL, denominator_label_en = NULL`);
    await ds.query(`UPDATE department SET name_en = NULL, short_name_en = NULL`);
    await ds.query(`UPDATE area SET geometry_source_en = NULL`);
    await ds.query(`UPDATE indicator SET definition = 'Eigene Definition der Stadt' WHERE key = 'population'`);
    const [{ indicators }] = await ds.query(`SELECT count(*)::int AS indicators FROM indicator`);

    expect(await completeDemoTranslations(ds)).toEqual({ departments: 6, areas: 11, indicators });
    const after = await englishOf();
    expect(after.find((r) => r.key === 'sgb2_rate')).toEqual(expected.find((r) => r.key === 'sgb2_rate'));
    expect(after.find((r) => r.key === 'old_age_dependency_ratio')).toEqual(expected.find((r) => r.key === 'old_age_dependency_ratio'));
    // The edited definition keeps no (stale) English; its source still gets one.
    const population = after.find((r) => r.key === 'population')!;
    expect(population).toMatchObject({ definition: 'Eigene Definition der Stadt', definitionEn: null });
    expect(population.sourceEn).toBe(expected.find((r) => r.key === 'population')!.sourceEn);
    const [{ missing }] = await ds.query(`SELECT count(*)::int AS missing FROM department WHERE name_en IS NULL OR short_name_en IS NULL`);
    expect(missing).toBe(0);
    const [{ note }] = await ds.query(`SELECT geometry_source_en AS note FROM area WHERE key = 'brauck'`);
    expect(note).toMatch(/demo geometry/i);

    // A second run finds nothing left to do.
    expect(await completeDemoTranslations(ds)).toEqual({ departments: 0, areas: 0, indicators: 0 });
  });
});

describe('indicator values', () => {
  // Foreign keys and the period constraint of indicator_value are replaced by cheaper checks
  // per statement (migrations ValueReferenceChecksPerSeries and ValueChecksPerStatement);
  // these pin down that they still guarantee the same.
  const someValue = `SELECT indicator_id, area_id, period FROM indicator_value ORDER BY indicator_id, area_id, period LIMIT 1`;
  const newImport = async (ds: DataSource): Promise<string> =>
    (await ds.query(`INSERT INTO import_batch (kind, file_name, file_hash) VALUES ('values', 'test.csv', 'x') RETURNING id`))[0].id;

  it('belong to an existing indicator and area', async () => {
    const ds = await open();
    const [area] = await ds.query(`SELECT id FROM area LIMIT 1`);
    await expect(
      ds.query(
        `INSERT INTO indicator_value (indicator_id, area_id, period, is_suppressed, is_estimated, is_provisional)
                VALUES (gen_random_uuid(), $1, '2024', false, false, false)`,
        [area.id],
      ),
    ).rejects.toMatchObject({ code: '23503' });
    await expect(ds.query(`INSERT INTO indicator_series (indicator_id, area_id) VALUES (gen_random_uuid(), $1)`, [area.id])).rejects.toMatchObject({
      code: '23503',
    });
  });

  it('fail as a whole statement when one row has no series or a malformed period', async () => {
    const ds = await open();
    const [value] = await ds.query(someValue);
    const insertTwo = (secondIndicator: string, secondPeriod: string) =>
      ds.query(
        `INSERT INTO indicator_value (indicator_id, area_id, period, is_suppressed, is_estimated, is_provisional)
         VALUES ($1, $2, '1998', false, false, false), ($3, $2, $4, false, false, false)`,
        [value.indicator_id, value.area_id, secondIndicator, secondPeriod],
      );
    await expect(insertTwo('00000000-0000-4000-8000-000000000000', '1997')).rejects.toMatchObject({ code: '23503' });
    for (const period of ['1997-13', '97', '1997-Q5', '1997-h1', '1997 ']) {
      await expect(insertTwo(value.indicator_id, period)).rejects.toMatchObject({ code: '23514', constraint: 'CHK_indicator_value_period' });
    }
    await expect(
      ds.query(`UPDATE indicator_value SET period = '2024-7' WHERE (indicator_id, area_id, period) = ($1, $2, $3)`, [
        value.indicator_id,
        value.area_id,
        value.period,
      ]),
    ).rejects.toMatchObject({ code: '23514' });
    expect(await ds.query(`SELECT 1 FROM indicator_value WHERE indicator_id = $1 AND period IN ('1997', '1998')`, [value.indicator_id])).toEqual([]);
    await insertTwo(value.indicator_id, '1997-H2');
    expect(
      await ds.query(`SELECT period FROM indicator_value WHERE indicator_id = $1 AND area_id = $2 AND period < '1999' ORDER BY 1`, [
        value.indicator_id,
        value.area_id,
      ]),
    ).toEqual([{ period: '1997-H2' }, { period: '1998' }]);
  });

  it('go when their indicator, area or series goes', async () => {
    const ds = await open();
    const [value] = await ds.query(someValue);
    await ds.query(`DELETE FROM indicator WHERE id = $1`, [value.indicator_id]);
    expect(await ds.query(`SELECT 1 FROM indicator_value WHERE indicator_id = $1`, [value.indicator_id])).toEqual([]);

    // An area without sub-areas: those would keep their parent.
    const [other] = await ds.query(
      `SELECT area_id FROM indicator_value v WHERE NOT EXISTS (SELECT 1 FROM area c WHERE c.parent_id = v.area_id) LIMIT 1`,
    );
    await ds.query(`DELETE FROM area WHERE id = $1`, [other.area_id]);
    expect(await ds.query(`SELECT 1 FROM indicator_value WHERE area_id = $1`, [other.area_id])).toEqual([]);

    const [third] = await ds.query(someValue);
    const before: { n: number }[] = await ds.query(`SELECT count(*)::int AS n FROM indicator_value WHERE indicator_id = $1`, [third.indicator_id]);
    const [{ n: inSeries }] = await ds.query(`SELECT count(*)::int AS n FROM indicator_value WHERE indicator_id = $1 AND area_id = $2`, [
      third.indicator_id,
      third.area_id,
    ]);
    await ds.query(`DELETE FROM indicator_series WHERE indicator_id = $1 AND area_id = $2`, [third.indicator_id, third.area_id]);
    expect(await ds.query(`SELECT count(*)::int AS n FROM indicator_value WHERE indicator_id = $1`, [third.indicator_id])).toEqual([
      { n: before[0]!.n - inSeries },
    ]);
  });

  it('pin the key of their series', async () => {
    const ds = await open();
    const [value] = await ds.query(someValue);
    const [area] = await ds.query(`SELECT id FROM area WHERE id <> $1 LIMIT 1`, [value.area_id]);
    await expect(
      ds.query(`UPDATE indicator_series SET area_id = $3 WHERE indicator_id = $1 AND area_id = $2`, [value.indicator_id, value.area_id, area.id]),
    ).rejects.toMatchObject({ code: '23503' });
  });

  it('keep their series while being written: deleting it waits, then removes them too', async () => {
    const ds = await open();
    const [value] = await ds.query(someValue);
    const writer = ds.createQueryRunner();
    const deleter = ds.createQueryRunner();
    try {
      await writer.startTransaction();
      await writer.query(
        `INSERT INTO indicator_value (indicator_id, area_id, period, is_suppressed, is_estimated, is_provisional) VALUES ($1, $2, '1996', false, false, false)`,
        [value.indicator_id, value.area_id],
      );
      let deleted = false;
      const deleting = deleter
        .query(`DELETE FROM indicator_series WHERE indicator_id = $1 AND area_id = $2`, [value.indicator_id, value.area_id])
        .then(() => (deleted = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(deleted).toBe(false);
      await writer.commitTransaction();
      await deleting;
      expect(
        await writer.query(`SELECT 1 FROM indicator_value WHERE indicator_id = $1 AND area_id = $2`, [value.indicator_id, value.area_id]),
      ).toEqual([]);
    } finally {
      await writer.release();
      await deleter.release();
    }
  });

  it('point at an existing import, on insert and on update', async () => {
    const ds = await open();
    const [value] = await ds.query(someValue);
    await expect(
      ds.query(`UPDATE indicator_value SET import_id = gen_random_uuid() WHERE (indicator_id, area_id, period) = ($1, $2, $3)`, [
        value.indicator_id,
        value.area_id,
        value.period,
      ]),
    ).rejects.toMatchObject({ code: '23503' });
    await expect(
      ds.query(
        `INSERT INTO indicator_value (indicator_id, area_id, period, is_suppressed, is_estimated, is_provisional, import_id)
         VALUES ($1, $2, '1999', false, false, false, gen_random_uuid())`,
        [value.indicator_id, value.area_id],
      ),
    ).rejects.toMatchObject({ code: '23503' });
    const importId = await newImport(ds);
    await ds.query(
      `INSERT INTO indicator_value (indicator_id, area_id, period, is_suppressed, is_estimated, is_provisional, import_id)
       VALUES ($1, $2, '1999', false, false, false, $3)`,
      [value.indicator_id, value.area_id, importId],
    );
  });

  it('keep their value but lose their provenance when the import is deleted, and pin its id', async () => {
    const ds = await open();
    const [value] = await ds.query(someValue);
    const importId = await newImport(ds);
    await ds.query(`UPDATE indicator_value SET import_id = $4 WHERE (indicator_id, area_id, period) = ($1, $2, $3)`, [
      value.indicator_id,
      value.area_id,
      value.period,
      importId,
    ]);
    await expect(ds.query(`UPDATE import_batch SET id = gen_random_uuid() WHERE id = $1`, [importId])).rejects.toMatchObject({ code: '23503' });
    await ds.query(`DELETE FROM import_batch WHERE id = $1`, [importId]);
    const [after] = await ds.query(`SELECT import_id FROM indicator_value WHERE (indicator_id, area_id, period) = ($1, $2, $3)`, [
      value.indicator_id,
      value.area_id,
      value.period,
    ]);
    expect(after).toEqual({ import_id: null });
  });
});

async function schemaOf(ds: DataSource): Promise<Record<string, string[]>> {
  const columns: { table_name: string; column_name: string; data_type: string; is_nullable: string; column_default: string | null }[] =
    await ds.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name <> 'typeorm_migrations' ORDER BY table_name, ordinal_position`,
    );
  const constraints: { table_name: string; constraint_name: string; constraint_type: string }[] = await ds.query(
    `SELECT table_name, constraint_name, constraint_type FROM information_schema.table_constraints
      WHERE table_schema = 'public' AND constraint_type <> 'CHECK' OR (table_schema = 'public' AND constraint_name LIKE 'CHK_%') ORDER BY 1, 2`,
  );
  const indexes: { tablename: string; indexdef: string }[] = await ds.query(
    `SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2`,
  );
  const triggers: { table: string; name: string; event: string; timing: string }[] = await ds.query(
    `SELECT event_object_table AS table, trigger_name AS name, event_manipulation AS event, action_timing AS timing
       FROM information_schema.triggers WHERE trigger_schema = 'public' ORDER BY 1, 2, 3`,
  );
  const schema: Record<string, string[]> = {};
  const add = (table: string, entry: string) => (schema[table] ??= []).push(entry);
  for (const c of columns) add(c.table_name, `${c.column_name} ${c.data_type} ${c.is_nullable} ${c.column_default ?? ''}`);
  for (const c of constraints) if (c.table_name !== 'typeorm_migrations') add(c.table_name, `${c.constraint_type} ${c.constraint_name}`);
  for (const i of indexes) if (i.tablename !== 'typeorm_migrations') add(i.tablename, i.indexdef);
  for (const t of triggers) add(t.table, `TRIGGER ${t.name} ${t.timing} ${t.event}`);
  return schema;
}
