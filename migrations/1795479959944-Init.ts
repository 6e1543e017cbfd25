import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795479959944 implements MigrationInterface {
  name = 'Init1795479959944';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "area" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "key" text NOT NULL, "name" text NOT NULL, "level" text NOT NULL, "parent_id" uuid, "geometry" jsonb, "display_geometry" jsonb, "bbox" double precision array, "centroid_lon" double precision, "centroid_lat" double precision, "geometry_source" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_ceb2dfd342dd71ed96bf081af96" UNIQUE ("key"), CONSTRAINT "CHK_area_level" CHECK ("level" IN ('city', 'district', 'neighbourhood')), CONSTRAINT "PK_39d5e4de490139d6535d75f42ff" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_area_level" ON "area"  ("level") `);
    await queryRunner.query(`CREATE TABLE "department" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "name" text NOT NULL, "short_name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_62690f4fe31da9eb824d909285f" UNIQUE ("code"), CONSTRAINT "PK_9a2213262c1593bffb581e382f5" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "indicator_value_history" ("id" BIGSERIAL NOT NULL, "indicator_id" uuid NOT NULL, "area_id" uuid NOT NULL, "period" text NOT NULL, "value" double precision, "numerator" double precision, "denominator" double precision, "is_suppressed" boolean NOT NULL, "is_estimated" boolean NOT NULL, "is_provisional" boolean NOT NULL, "import_id" uuid, "replaced_by_import_id" uuid, "replaced_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_314d20ebd5bb1e0540b0e19cd9d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_indicator_value_history_replaced_by" ON "indicator_value_history"  ("replaced_by_import_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_indicator_value_history_cell" ON "indicator_value_history"  ("indicator_id", "area_id", "period") `);
    await queryRunner.query(`CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "display_name" text NOT NULL, "password_hash" text NOT NULL, "is_admin" boolean NOT NULL DEFAULT false, "department_id" uuid, "disabled_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_3fa909d0e37c531ebc237703391" UNIQUE ("email"), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "import_batch" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "status" text NOT NULL DEFAULT 'committed', "user_id" uuid, "file_name" text NOT NULL, "file_hash" text NOT NULL, "rows" integer NOT NULL DEFAULT '0', "created" integer NOT NULL DEFAULT '0', "updated" integer NOT NULL DEFAULT '0', "unchanged" integer NOT NULL DEFAULT '0', "options" jsonb NOT NULL DEFAULT '{}'::jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "rolled_back_at" TIMESTAMP WITH TIME ZONE, "rolled_back_by" uuid, CONSTRAINT "CHK_import_batch_status" CHECK ("status" IN ('committed', 'rolled_back')), CONSTRAINT "CHK_import_batch_kind" CHECK ("kind" IN ('values', 'areas', 'seed')), CONSTRAINT "PK_f408daa3bbc77ffc37eca041312" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "topic" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "key" text NOT NULL, "name_de" text NOT NULL, "name_en" text NOT NULL, "sort_order" integer NOT NULL DEFAULT '0', CONSTRAINT "UQ_4ac1a37c122e88622beccfc65b8" UNIQUE ("key"), CONSTRAINT "PK_33aa4ecb4e4f20aa0157ea7ef61" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "indicator" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "key" text NOT NULL, "name" text NOT NULL, "name_en" text, "definition" text NOT NULL DEFAULT '', "unit" text NOT NULL, "topic_id" uuid NOT NULL, "source" text NOT NULL DEFAULT '', "department_id" uuid, "polarity" text NOT NULL, "decimals" smallint NOT NULL DEFAULT '1', "update_cycle" text NOT NULL DEFAULT 'yearly', "last_update" date, "kind" text NOT NULL, "numerator_label" text, "denominator_label" text, "numerator_indicator_id" uuid, "denominator_indicator_id" uuid, "rate_factor" double precision, "suppression_threshold" integer, "is_public" boolean NOT NULL DEFAULT false, "retired_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_93bc95304fbdada4412719dea1e" UNIQUE ("key"), CONSTRAINT "CHK_indicator_suppression_threshold" CHECK ("suppression_threshold" IS NULL OR "suppression_threshold" >= 0), CONSTRAINT "CHK_indicator_decimals" CHECK ("decimals" BETWEEN 0 AND 6), CONSTRAINT "CHK_indicator_update_cycle" CHECK ("update_cycle" IN ('yearly', 'half-yearly', 'quarterly', 'monthly', 'irregular')), CONSTRAINT "CHK_indicator_kind" CHECK ("kind" IN ('count', 'rate', 'index')), CONSTRAINT "CHK_indicator_polarity" CHECK ("polarity" IN ('higher_is_better', 'higher_is_worse', 'neutral')), CONSTRAINT "PK_4693fe4c2cb912a71e05c589e7e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "indicator_value" ("indicator_id" uuid NOT NULL, "area_id" uuid NOT NULL, "period" text NOT NULL, "value" double precision, "numerator" double precision, "denominator" double precision, "is_suppressed" boolean NOT NULL DEFAULT false, "is_estimated" boolean NOT NULL DEFAULT false, "is_provisional" boolean NOT NULL DEFAULT false, "import_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_indicator_value_period" CHECK ("period" ~ '^[0-9]{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$'), CONSTRAINT "PK_416d10d6ac312b0e0e07fe71813" PRIMARY KEY ("indicator_id", "area_id", "period"))`);
    await queryRunner.query(`CREATE INDEX "IDX_indicator_value_area" ON "indicator_value"  ("area_id") `);
    await queryRunner.query(`CREATE TABLE "auth_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_used_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_dcf5c3ee6b3682ac4e724dc9496" UNIQUE ("token_hash"), CONSTRAINT "PK_19354ed146424a728c1112a8cbf" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_auth_session_user" ON "auth_session"  ("user_id") `);
    await queryRunner.query(`CREATE TABLE "workspace" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "description" text NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ca86b6f9b3be5fe26d307d09b49" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "membership" ("workspace_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_membership_role" CHECK ("role" IN ('coordinator', 'editor', 'commenter', 'viewer')), CONSTRAINT "PK_c812b1092cf66d72ddac549a6b4" PRIMARY KEY ("workspace_id", "user_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_membership_user" ON "membership"  ("user_id") `);
    await queryRunner.query(`ALTER TABLE "area" ADD CONSTRAINT "FK_e0ff3ff7bd13b1432682edae8b7" FOREIGN KEY ("parent_id") REFERENCES "area"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "app_user" ADD CONSTRAINT "FK_7bbda4c333c1da023d2f2ae7320" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "import_batch" ADD CONSTRAINT "FK_8ac98d5dc63628e7e9f25c04426" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "indicator" ADD CONSTRAINT "FK_690c1e1363e024cfd68c9ef047e" FOREIGN KEY ("topic_id") REFERENCES "topic"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "indicator" ADD CONSTRAINT "FK_b59e8d33b82d0141a210010292e" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "indicator" ADD CONSTRAINT "FK_04130c8fe4041e786d11b9e9409" FOREIGN KEY ("numerator_indicator_id") REFERENCES "indicator"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "indicator" ADD CONSTRAINT "FK_a8b90cbf5e024d7b84890ae0ee5" FOREIGN KEY ("denominator_indicator_id") REFERENCES "indicator"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "indicator_value" ADD CONSTRAINT "FK_fb4de0d5692458e282e755eb235" FOREIGN KEY ("indicator_id") REFERENCES "indicator"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "indicator_value" ADD CONSTRAINT "FK_a2430bcfeb11ed44051210909db" FOREIGN KEY ("area_id") REFERENCES "area"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "indicator_value" ADD CONSTRAINT "FK_d607b975244fe841b32975d97bb" FOREIGN KEY ("import_id") REFERENCES "import_batch"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "auth_session" ADD CONSTRAINT "FK_b8783d517fab10672700a39cb49" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "membership" ADD CONSTRAINT "FK_2d427c9fcee4242d77174a9fccd" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "membership" ADD CONSTRAINT "FK_e9c72e8d29784031c96f5c6af8d" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "membership" DROP CONSTRAINT "FK_e9c72e8d29784031c96f5c6af8d"`);
    await queryRunner.query(`ALTER TABLE "membership" DROP CONSTRAINT "FK_2d427c9fcee4242d77174a9fccd"`);
    await queryRunner.query(`ALTER TABLE "auth_session" DROP CONSTRAINT "FK_b8783d517fab10672700a39cb49"`);
    await queryRunner.query(`ALTER TABLE "indicator_value" DROP CONSTRAINT "FK_d607b975244fe841b32975d97bb"`);
    await queryRunner.query(`ALTER TABLE "indicator_value" DROP CONSTRAINT "FK_a2430bcfeb11ed44051210909db"`);
    await queryRunner.query(`ALTER TABLE "indicator_value" DROP CONSTRAINT "FK_fb4de0d5692458e282e755eb235"`);
    await queryRunner.query(`ALTER TABLE "indicator" DROP CONSTRAINT "FK_a8b90cbf5e024d7b84890ae0ee5"`);
    await queryRunner.query(`ALTER TABLE "indicator" DROP CONSTRAINT "FK_04130c8fe4041e786d11b9e9409"`);
    await queryRunner.query(`ALTER TABLE "indicator" DROP CONSTRAINT "FK_b59e8d33b82d0141a210010292e"`);
    await queryRunner.query(`ALTER TABLE "indicator" DROP CONSTRAINT "FK_690c1e1363e024cfd68c9ef047e"`);
    await queryRunner.query(`ALTER TABLE "import_batch" DROP CONSTRAINT "FK_8ac98d5dc63628e7e9f25c04426"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "FK_7bbda4c333c1da023d2f2ae7320"`);
    await queryRunner.query(`ALTER TABLE "area" DROP CONSTRAINT "FK_e0ff3ff7bd13b1432682edae8b7"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_membership_user"`);
    await queryRunner.query(`DROP TABLE "membership"`);
    await queryRunner.query(`DROP TABLE "workspace"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_auth_session_user"`);
    await queryRunner.query(`DROP TABLE "auth_session"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_indicator_value_area"`);
    await queryRunner.query(`DROP TABLE "indicator_value"`);
    await queryRunner.query(`DROP TABLE "indicator"`);
    await queryRunner.query(`DROP TABLE "topic"`);
    await queryRunner.query(`DROP TABLE "import_batch"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_indicator_value_history_cell"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_indicator_value_history_replaced_by"`);
    await queryRunner.query(`DROP TABLE "indicator_value_history"`);
    await queryRunner.query(`DROP TABLE "department"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_area_level"`);
    await queryRunner.query(`DROP TABLE "area"`);
  }
}
