import { MigrationInterface, QueryRunner } from 'typeorm';

/** Lets the rollup find the few tasks whose latest report is after the dashboard date (only those need a history probe). */
export class ProgressLatestAsOf1764000400001 implements MigrationInterface {
  name = 'ProgressLatestAsOf1764000400001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX progress_latest_as_of_idx ON progress_latest (as_of)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX progress_latest_as_of_idx`);
  }
}
