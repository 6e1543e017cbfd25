import type { MigrationInterface, QueryRunner } from 'typeorm';

const PERIOD_PATTERN = `'^[0-9]{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$'`;

/**
 * The last per-row checks of `indicator_value` become per-statement checks, as the import
 * reference already did (migration ValueReferenceChecksPerSeries). Writing 100,000 values
 * took 0.95 s, of which the series key's look-ups were about 0.4 s and the period pattern
 * about 0.07 s: a bulk import touches a few hundred series and periods, and checked each of
 * them once per value.
 *
 * One trigger function, after every INSERT and UPDATE statement, checks the distinct series
 * and periods of the rows it wrote:
 * - every series must exist in `indicator_series`, else SQLSTATE 23503 (foreign-key
 *   violation), as the key raised; the series found are locked FOR KEY SHARE, as the key
 *   locked them, so none can be deleted before the writing transaction ends;
 * - every period must match the pattern, else SQLSTATE 23514 (check violation), as the
 *   constraint raised.
 * Deleting series removes their values (the key's ON DELETE CASCADE): an indicator or area
 * deleted cascades to its series and from there to the values. Changing the key of a
 * series that values belong to fails (the key's ON UPDATE NO ACTION).
 */
export class ValueChecksPerStatement1795523321169 implements MigrationInterface {
  name = 'ValueChecksPerStatement1795523321169';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION "indicator_value_check_written"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        indicator_ids uuid[];
        area_ids uuid[];
        locked integer;
        bad_period text;
      BEGIN
        SELECT period INTO bad_period
          FROM (SELECT DISTINCT period FROM changed_value) p
         WHERE period !~ ${PERIOD_PATTERN}
         LIMIT 1;
        IF FOUND THEN
          RAISE check_violation USING
            MESSAGE = format('period %L of table "indicator_value" is not a year, half-year, quarter or month', bad_period),
            TABLE = 'indicator_value', CONSTRAINT = 'CHK_indicator_value_period';
        END IF;
        SELECT array_agg(indicator_id), array_agg(area_id) INTO indicator_ids, area_ids
          FROM (SELECT DISTINCT indicator_id, area_id FROM changed_value) d;
        IF indicator_ids IS NULL THEN
          RETURN NULL;
        END IF;
        SELECT count(*) INTO locked
          FROM (SELECT 1 FROM "indicator_series" s
                  JOIN unnest(indicator_ids, area_ids) AS w(indicator_id, area_id) USING (indicator_id, area_id)
                   FOR KEY SHARE OF s) l;
        IF locked < cardinality(indicator_ids) THEN
          RAISE foreign_key_violation USING
            MESSAGE = 'insert or update on table "indicator_value" refers to a series (indicator × area) that does not exist',
            TABLE = 'indicator_value';
        END IF;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`ALTER TABLE "indicator_value" DROP CONSTRAINT "FK_4a7cc09c9b0453042242a150ff5"`);
    await queryRunner.query(`ALTER TABLE "indicator_value" DROP CONSTRAINT "CHK_indicator_value_period"`);
    await queryRunner.query(
      `CREATE TRIGGER "TRG_indicator_value_check_insert" AFTER INSERT ON "indicator_value"
         REFERENCING NEW TABLE AS changed_value FOR EACH STATEMENT EXECUTE FUNCTION "indicator_value_check_written"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "TRG_indicator_value_check_update" AFTER UPDATE ON "indicator_value"
         REFERENCING NEW TABLE AS changed_value FOR EACH STATEMENT EXECUTE FUNCTION "indicator_value_check_written"()`,
    );
    await queryRunner.query(`
      CREATE FUNCTION "indicator_series_remove_values"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM "indicator_value" v USING removed_series r WHERE v.indicator_id = r.indicator_id AND v.area_id = r.area_id;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(
      `CREATE TRIGGER "TRG_indicator_series_remove_values" AFTER DELETE ON "indicator_series"
         REFERENCING OLD TABLE AS removed_series FOR EACH STATEMENT EXECUTE FUNCTION "indicator_series_remove_values"()`,
    );
    await queryRunner.query(`
      CREATE FUNCTION "indicator_series_keep_referenced_key"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM "indicator_value" WHERE indicator_id = OLD.indicator_id AND area_id = OLD.area_id) THEN
          RAISE foreign_key_violation USING
            MESSAGE = 'update on table "indicator_series" would change the key of a series that values belong to',
            TABLE = 'indicator_series';
        END IF;
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(
      `CREATE TRIGGER "TRG_indicator_series_keep_referenced_key" BEFORE UPDATE OF indicator_id, area_id ON "indicator_series"
         FOR EACH ROW WHEN ((OLD.indicator_id, OLD.area_id) IS DISTINCT FROM (NEW.indicator_id, NEW.area_id))
         EXECUTE FUNCTION "indicator_series_keep_referenced_key"()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "TRG_indicator_series_keep_referenced_key" ON "indicator_series"`);
    await queryRunner.query(`DROP FUNCTION "indicator_series_keep_referenced_key"()`);
    await queryRunner.query(`DROP TRIGGER "TRG_indicator_series_remove_values" ON "indicator_series"`);
    await queryRunner.query(`DROP FUNCTION "indicator_series_remove_values"()`);
    await queryRunner.query(`DROP TRIGGER "TRG_indicator_value_check_update" ON "indicator_value"`);
    await queryRunner.query(`DROP TRIGGER "TRG_indicator_value_check_insert" ON "indicator_value"`);
    await queryRunner.query(`DROP FUNCTION "indicator_value_check_written"()`);
    await queryRunner.query(`ALTER TABLE "indicator_value" ADD CONSTRAINT "CHK_indicator_value_period" CHECK ("period" ~ ${PERIOD_PATTERN})`);
    await queryRunner.query(
      `ALTER TABLE "indicator_value" ADD CONSTRAINT "FK_4a7cc09c9b0453042242a150ff5" FOREIGN KEY ("indicator_id", "area_id") REFERENCES "indicator_series"("indicator_id","area_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }
}
