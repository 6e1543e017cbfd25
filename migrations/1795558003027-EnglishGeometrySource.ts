import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The English twin of an area's geometry source (the line under every map and in every
 * export), kept in the history too, so rolling back a boundary import restores both.
 */
export class EnglishGeometrySource1795558003027 implements MigrationInterface {
  name = 'EnglishGeometrySource1795558003027';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "area" ADD "geometry_source_en" text`);
    await queryRunner.query(`ALTER TABLE "area_history" ADD "geometry_source_en" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "area_history" DROP COLUMN "geometry_source_en"`);
    await queryRunner.query(`ALTER TABLE "area" DROP COLUMN "geometry_source_en"`);
  }
}
