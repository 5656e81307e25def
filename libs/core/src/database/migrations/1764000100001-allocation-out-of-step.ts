import { MigrationInterface, QueryRunner } from 'typeorm';

/** An approved split can fall out of step when its parent task's target or deadline changes; the reason is kept until a new version is approved. */
export class AllocationOutOfStep1764000100001 implements MigrationInterface {
  name = 'AllocationOutOfStep1764000100001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE allocation ADD COLUMN out_of_step text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE allocation DROP COLUMN out_of_step`);
  }
}
