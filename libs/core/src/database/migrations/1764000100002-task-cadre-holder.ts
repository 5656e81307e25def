import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A unit may split its task over its own responsible cadres (包片/包户干部, seed 000: rewards "各单位或个人"):
 * an allocation line may name a cadre (holder_user_id) who then holds a task for the allocating unit itself.
 * One line and one task per (unit, cadre) instead of per unit.
 */
export class TaskCadreHolder1764000100002 implements MigrationInterface {
  name = 'TaskCadreHolder1764000100002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE allocation_line ADD COLUMN holder_user_id int REFERENCES app_user(id)`);
    await q.query(`ALTER TABLE allocation_line DROP CONSTRAINT allocation_line_allocation_id_child_unit_id_key`);
    await q.query(`CREATE UNIQUE INDEX allocation_line_holder_uq ON allocation_line (allocation_id, child_unit_id, coalesce(holder_user_id, 0))`);
    await q.query(`ALTER TABLE task ADD COLUMN holder_user_id int REFERENCES app_user(id)`);
    await q.query(`DROP INDEX task_parent_holder_uq`);
    await q.query(
      `CREATE UNIQUE INDEX task_parent_holder_uq ON task (parent_task_id, holder_unit_id, coalesce(holder_user_id, 0)) WHERE parent_task_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX task_holder_user_idx ON task (holder_user_id) WHERE holder_user_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX task_holder_user_idx`);
    await q.query(`DROP INDEX task_parent_holder_uq`);
    await q.query(`CREATE UNIQUE INDEX task_parent_holder_uq ON task (parent_task_id, holder_unit_id) WHERE parent_task_id IS NOT NULL`);
    await q.query(`ALTER TABLE task DROP COLUMN holder_user_id`);
    await q.query(`DROP INDEX allocation_line_holder_uq`);
    await q.query(`ALTER TABLE allocation_line ADD UNIQUE (allocation_id, child_unit_id)`);
    await q.query(`ALTER TABLE allocation_line DROP COLUMN holder_user_id`);
  }
}
