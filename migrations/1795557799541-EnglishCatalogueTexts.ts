import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * English texts for what the catalogue shows besides the name: definition, source, the
 * numerator and denominator labels, and the department's names. All optional: where one is
 * missing, English pages show the German text (marked as German for screen readers).
 */
export class EnglishCatalogueTexts1795557799541 implements MigrationInterface {
  name = 'EnglishCatalogueTexts1795557799541';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "indicator" ADD "definition_en" text, ADD "source_en" text, ADD "numerator_label_en" text, ADD "denominator_label_en" text`,
    );
    await queryRunner.query(`ALTER TABLE "department" ADD "name_en" text, ADD "short_name_en" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "department" DROP COLUMN "short_name_en", DROP COLUMN "name_en"`);
    await queryRunner.query(
      `ALTER TABLE "indicator" DROP COLUMN "denominator_label_en", DROP COLUMN "numerator_label_en", DROP COLUMN "source_en", DROP COLUMN "definition_en"`,
    );
  }
}
