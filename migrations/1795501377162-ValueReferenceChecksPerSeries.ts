import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cheaper integrity checks for `indicator_value`, which bulk imports write 100,000 rows at a
 * time. PostgreSQL checks a foreign key with one look-up per written row, and the three keys
 * of a value (indicator, area, import) cost more than writing the row itself.
 *
 * 1. Indicator and area: values reference their series, `indicator_series` (indicator ×
 *    area), with one composite foreign key; the series references indicator and area with
 *    keys of its own. Every value still belongs to an existing indicator and area, deleting
 *    either still cascades to its values, and each written row costs one check instead of two.
 *    Writers create the series of a batch first (a few hundred rows, not one per value).
 * 2. Import: `import_id` is checked once per statement by triggers instead of per row by a
 *    key. Every import points all its values at the one batch it has just created, so the key
 *    repeated the same look-up for every value. The triggers keep what the key guaranteed:
 *    - inserts and updates: every distinct `import_id` of the statement's rows must exist in
 *      `import_batch`, else the statement fails with a foreign-key violation (SQLSTATE 23503);
 *      the batches found are locked FOR KEY SHARE, as the key locked them, so none can be
 *      deleted before the writing transaction ends;
 *    - deleting a batch sets `import_id` of its values to NULL (the key's ON DELETE SET NULL);
 *      a concurrent writer's lock makes the delete wait until its rows are committed and seen;
 *    - changing the id of a batch that values point at fails (the key's ON UPDATE NO ACTION).
 */
export class ValueReferenceChecksPerSeries1795501377162 implements MigrationInterface {
  name = 'ValueReferenceChecksPerSeries1795501377162';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "indicator_series" ("indicator_id" uuid NOT NULL, "area_id" uuid NOT NULL, CONSTRAINT "PK_b2a3135d3854d19ae20b12dc0e3" PRIMARY KEY ("indicator_id", "area_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_indicator_series_area" ON "indicator_series"  ("area_id") `);
    await queryRunner.query(
      `ALTER TABLE "indicator_series" ADD CONSTRAINT "FK_8b2f85773dcfba9e990308ede6e" FOREIGN KEY ("indicator_id") REFERENCES "indicator"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "indicator_series" ADD CONSTRAINT "FK_b0768a66b9355f6907314360e60" FOREIGN KEY ("area_id") REFERENCES "area"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`INSERT INTO "indicator_series" ("indicator_id", "area_id") SELECT DISTINCT "indicator_id", "area_id" FROM "indicator_value"`);
    await queryRunner.query(`ALTER TABLE "indicator_value" DROP CONSTRAINT "FK_fb4de0d5692458e282e755eb235"`);
    await queryRunner.query(`ALTER TABLE "indicator_value" DROP CONSTRAINT "FK_a2430bcfeb11ed44051210909db"`);
    await queryRunner.query(
      `ALTER TABLE "indicator_value" ADD CONSTRAINT "FK_4a7cc09c9b0453042242a150ff5" FOREIGN KEY ("indicator_id", "area_id") REFERENCES "indicator_series"("indicator_id","area_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await queryRunner.query(`
      CREATE FUNCTION "indicator_value_import_exists"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        ids uuid[];
        found integer;
      BEGIN
        SELECT coalesce(array_agg(import_id), '{}') INTO ids
          FROM (SELECT DISTINCT import_id FROM changed_value WHERE import_id IS NOT NULL) d;
        IF cardinality(ids) = 0 THEN
          RETURN NULL;
        END IF;
        SELECT count(*) INTO found FROM (SELECT 1 FROM "import_batch" WHERE id = ANY (ids) FOR KEY SHARE) b;
        IF found < cardinality(ids) THEN
          RAISE foreign_key_violation USING
            MESSAGE = 'insert or update on table "indicator_value" refers to an import that does not exist',
            TABLE = 'indicator_value';
        END IF;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(
      `CREATE TRIGGER "TRG_indicator_value_import_insert" AFTER INSERT ON "indicator_value"
         REFERENCING NEW TABLE AS changed_value FOR EACH STATEMENT EXECUTE FUNCTION "indicator_value_import_exists"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "TRG_indicator_value_import_update" AFTER UPDATE ON "indicator_value"
         REFERENCING NEW TABLE AS changed_value FOR EACH STATEMENT EXECUTE FUNCTION "indicator_value_import_exists"()`,
    );
    await queryRunner.query(`
      CREATE FUNCTION "import_batch_release_values"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE "indicator_value" SET import_id = NULL WHERE import_id IN (SELECT id FROM removed_batch);
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(
      `CREATE TRIGGER "TRG_import_batch_release_values" AFTER DELETE ON "import_batch"
         REFERENCING OLD TABLE AS removed_batch FOR EACH STATEMENT EXECUTE FUNCTION "import_batch_release_values"()`,
    );
    await queryRunner.query(`
      CREATE FUNCTION "import_batch_keep_referenced_id"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM "indicator_value" WHERE import_id = OLD.id) THEN
          RAISE foreign_key_violation USING
            MESSAGE = 'update on table "import_batch" would change the id of an import that values refer to',
            TABLE = 'import_batch';
        END IF;
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(
      `CREATE TRIGGER "TRG_import_batch_keep_referenced_id" BEFORE UPDATE OF id ON "import_batch"
         FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION "import_batch_keep_referenced_id"()`,
    );
    await queryRunner.query(`ALTER TABLE "indicator_value" DROP CONSTRAINT "FK_d607b975244fe841b32975d97bb"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "indicator_value" ADD CONSTRAINT "FK_d607b975244fe841b32975d97bb" FOREIGN KEY ("import_id") REFERENCES "import_batch"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`DROP TRIGGER "TRG_import_batch_keep_referenced_id" ON "import_batch"`);
    await queryRunner.query(`DROP FUNCTION "import_batch_keep_referenced_id"()`);
    await queryRunner.query(`DROP TRIGGER "TRG_import_batch_release_values" ON "import_batch"`);
    await queryRunner.query(`DROP FUNCTION "import_batch_release_values"()`);
    await queryRunner.query(`DROP TRIGGER "TRG_indicator_value_import_update" ON "indicator_value"`);
    await queryRunner.query(`DROP TRIGGER "TRG_indicator_value_import_insert" ON "indicator_value"`);
    await queryRunner.query(`DROP FUNCTION "indicator_value_import_exists"()`);

    await queryRunner.query(`ALTER TABLE "indicator_value" DROP CONSTRAINT "FK_4a7cc09c9b0453042242a150ff5"`);
    await queryRunner.query(
      `ALTER TABLE "indicator_value" ADD CONSTRAINT "FK_a2430bcfeb11ed44051210909db" FOREIGN KEY ("area_id") REFERENCES "area"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "indicator_value" ADD CONSTRAINT "FK_fb4de0d5692458e282e755eb235" FOREIGN KEY ("indicator_id") REFERENCES "indicator"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "indicator_series" DROP CONSTRAINT "FK_b0768a66b9355f6907314360e60"`);
    await queryRunner.query(`ALTER TABLE "indicator_series" DROP CONSTRAINT "FK_8b2f85773dcfba9e990308ede6e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_indicator_series_area"`);
    await queryRunner.query(`DROP TABLE "indicator_series"`);
  }
}
