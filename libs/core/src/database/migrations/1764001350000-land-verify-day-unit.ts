import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20 point 1: a land project's verification period is counted in natural days (seed 004: 自然日, the default)
 * or in working days by the working calendar.
 */
export class LandVerifyDayUnit1764001350000 implements MigrationInterface {
  name = 'LandVerifyDayUnit1764001350000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE land_project ADD COLUMN verify_day_unit text NOT NULL DEFAULT 'natural' CHECK (verify_day_unit IN ('natural', 'working'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE land_project DROP COLUMN verify_day_unit`);
  }
}
