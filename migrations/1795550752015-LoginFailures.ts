import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed log-ins move from each instance's memory into the database: with several instances
 * each counted only its own, so an attacker got (instances × limit) guesses per window, and a
 * restart forgot every count. Keys are SHA-256 hashes of the address or the e-mail.
 */
export class LoginFailures1795550752015 implements MigrationInterface {
  name = 'LoginFailures1795550752015';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "login_failure" ("id" BIGSERIAL NOT NULL, "throttle_key" bytea NOT NULL, "failed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_5df78140d5d3f4afc249d879cdf" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_login_failure_time" ON "login_failure"  ("failed_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_login_failure_key_time" ON "login_failure"  ("throttle_key", "failed_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_login_failure_key_time"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_login_failure_time"`);
    await queryRunner.query(`DROP TABLE "login_failure"`);
  }
}
