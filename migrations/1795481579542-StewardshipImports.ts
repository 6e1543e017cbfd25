import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StewardshipImports1795481579542 implements MigrationInterface {
  name = 'StewardshipImports1795481579542';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "area_history" ("id" BIGSERIAL NOT NULL, "area_id" uuid NOT NULL, "key" text NOT NULL, "name" text NOT NULL, "level" text NOT NULL, "parent_id" uuid, "geometry" jsonb, "display_geometry" jsonb, "bbox" double precision array, "centroid_lon" double precision, "centroid_lat" double precision, "geometry_source" text, "import_id" uuid, "replaced_by_import_id" uuid, "replaced_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fa364266e9e1fc5a833943df289" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_area_history_import" ON "area_history"  ("import_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_area_history_replaced_by" ON "area_history"  ("replaced_by_import_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_area_history_area" ON "area_history"  ("area_id") `);
    await queryRunner.query(`CREATE TABLE "import_mapping" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "layout" text NOT NULL, "mapping" jsonb NOT NULL, "sheet" text, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_b7ec4f9bc0a6d21af6e8e7dd389" UNIQUE ("name"), CONSTRAINT "CHK_import_mapping_layout" CHECK ("layout" IN ('long', 'wide')), CONSTRAINT "PK_b851a428225ebaa9a5e683f3ebf" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "composite_index" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "key" text NOT NULL, "name" text NOT NULL, "description" text NOT NULL DEFAULT '', "level" text NOT NULL, "topic_key" text NOT NULL, "is_public" boolean NOT NULL DEFAULT false, "components" jsonb NOT NULL, "dynamics_from" text, "dynamics_to" text, "status_thresholds" double precision array NOT NULL, "dynamics_thresholds" double precision array NOT NULL, "import_id" uuid, "computed_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_62981a2b466d2aff50851e3a34f" UNIQUE ("key"), CONSTRAINT "CHK_composite_index_level" CHECK ("level" IN ('district', 'neighbourhood')), CONSTRAINT "PK_fe8d26af40e7d3f876e166980d8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`ALTER TABLE "area" ADD "import_id" uuid`);
    // Composite indices record their computed values as batches of their own kind.
    await queryRunner.query(`ALTER TABLE "import_batch" DROP CONSTRAINT "CHK_import_batch_kind"`);
    await queryRunner.query(`ALTER TABLE "import_batch" ADD CONSTRAINT "CHK_import_batch_kind" CHECK ("kind" IN ('values', 'areas', 'seed', 'index'))`);
    await queryRunner.query(`CREATE INDEX "IDX_import_batch_created_at" ON "import_batch"  ("created_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_indicator_value_history_import" ON "indicator_value_history"  ("import_id") `);
    await queryRunner.query(`ALTER TABLE "area" ADD CONSTRAINT "FK_8918b1d83358e488456cde27ee6" FOREIGN KEY ("import_id") REFERENCES "import_batch"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "import_mapping" ADD CONSTRAINT "FK_178e0c8efa1f2ada84d1e7f96d7" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "composite_index" ADD CONSTRAINT "FK_dbcc182b91de8d826ff91d057e0" FOREIGN KEY ("import_id") REFERENCES "import_batch"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "composite_index" ADD CONSTRAINT "FK_59690fe4c2a0e0407834a7a3afd" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "composite_index" DROP CONSTRAINT "FK_59690fe4c2a0e0407834a7a3afd"`);
    await queryRunner.query(`ALTER TABLE "composite_index" DROP CONSTRAINT "FK_dbcc182b91de8d826ff91d057e0"`);
    await queryRunner.query(`ALTER TABLE "import_mapping" DROP CONSTRAINT "FK_178e0c8efa1f2ada84d1e7f96d7"`);
    await queryRunner.query(`ALTER TABLE "area" DROP CONSTRAINT "FK_8918b1d83358e488456cde27ee6"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_indicator_value_history_import"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_import_batch_created_at"`);
    await queryRunner.query(`ALTER TABLE "area" DROP COLUMN "import_id"`);
    await queryRunner.query(`DELETE FROM "import_batch" WHERE "kind" = 'index'`);
    await queryRunner.query(`ALTER TABLE "import_batch" DROP CONSTRAINT "CHK_import_batch_kind"`);
    await queryRunner.query(`ALTER TABLE "import_batch" ADD CONSTRAINT "CHK_import_batch_kind" CHECK ("kind" IN ('values', 'areas', 'seed'))`);
    await queryRunner.query(`DROP TABLE "composite_index"`);
    await queryRunner.query(`DROP TABLE "import_mapping"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_area_history_area"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_area_history_replaced_by"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_area_history_import"`);
    await queryRunner.query(`DROP TABLE "area_history"`);
  }
}
