import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddCollabDocs1795481322330 implements MigrationInterface {
  name = 'AddCollabDocs1795481322330';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "collab_doc" ("id" text NOT NULL, "workspace_id" uuid NOT NULL, "kind" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_collab_doc_kind" CHECK ("kind" IN ('canvas', 'minutes')), CONSTRAINT "PK_4b3eb822131424876ad8830b6a8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_collab_doc_workspace" ON "collab_doc"  ("workspace_id") `);
    await queryRunner.query(`CREATE TABLE "doc_snapshot" ("doc_id" text NOT NULL, "state" bytea NOT NULL, "state_vector" bytea NOT NULL, "generation" integer NOT NULL DEFAULT '1', "merged_updates" bigint NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b38999e67b7c7101ec9d7a060aa" PRIMARY KEY ("doc_id"))`);
    await queryRunner.query(`CREATE TABLE "doc_update" ("seq" BIGSERIAL NOT NULL, "doc_id" text NOT NULL, "update" bytea NOT NULL, "user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_587f7c650dc2ada905ed8a356d3" PRIMARY KEY ("seq"))`);
    await queryRunner.query(`CREATE INDEX "IDX_doc_update_doc_seq" ON "doc_update"  ("doc_id", "seq") `);
    await queryRunner.query(`CREATE TABLE "doc_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "doc_id" text NOT NULL, "name" text NOT NULL, "state" bytea NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_doc_version_name" CHECK (char_length("name") BETWEEN 1 AND 120), CONSTRAINT "PK_9c67b06f8ba5298a95410a7420e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_doc_version_doc" ON "doc_version"  ("doc_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "collab_doc" ADD CONSTRAINT "FK_b347f5915bba59f8ce550aba146" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "doc_snapshot" ADD CONSTRAINT "FK_b38999e67b7c7101ec9d7a060aa" FOREIGN KEY ("doc_id") REFERENCES "collab_doc"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "doc_update" ADD CONSTRAINT "FK_06c19e81355509b7f2da37efe5e" FOREIGN KEY ("doc_id") REFERENCES "collab_doc"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "doc_version" ADD CONSTRAINT "FK_06e7e2c699b7df8122e6ee3fc41" FOREIGN KEY ("doc_id") REFERENCES "collab_doc"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "doc_version" ADD CONSTRAINT "FK_57bffd627a247822890f221521f" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "doc_version" DROP CONSTRAINT "FK_57bffd627a247822890f221521f"`);
    await queryRunner.query(`ALTER TABLE "doc_version" DROP CONSTRAINT "FK_06e7e2c699b7df8122e6ee3fc41"`);
    await queryRunner.query(`ALTER TABLE "doc_update" DROP CONSTRAINT "FK_06c19e81355509b7f2da37efe5e"`);
    await queryRunner.query(`ALTER TABLE "doc_snapshot" DROP CONSTRAINT "FK_b38999e67b7c7101ec9d7a060aa"`);
    await queryRunner.query(`ALTER TABLE "collab_doc" DROP CONSTRAINT "FK_b347f5915bba59f8ce550aba146"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_doc_version_doc"`);
    await queryRunner.query(`DROP TABLE "doc_version"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_doc_update_doc_seq"`);
    await queryRunner.query(`DROP TABLE "doc_update"`);
    await queryRunner.query(`DROP TABLE "doc_snapshot"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_collab_doc_workspace"`);
    await queryRunner.query(`DROP TABLE "collab_doc"`);
  }
}
