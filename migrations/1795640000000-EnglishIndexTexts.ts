import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * English name and description of a composite index. Optional: without them, the derived
 * indicators' English names and definitions use the German ones (the steward's own words).
 */
export class EnglishIndexTexts1795640000000 implements MigrationInterface {
  name = 'EnglishIndexTexts1795640000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "composite_index" ADD "name_en" text, ADD "description_en" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "composite_index" DROP COLUMN "description_en", DROP COLUMN "name_en"`);
  }
}
