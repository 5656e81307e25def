import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16 point 3 (seed 004): a land project's farmers are verified within a set number of calendar days after its
 * compensation agreement. The reminders before that day and the overdue notice after it are rows of
 * task_deadline_event like a task's and a duty's (same planner, same reconciler, same exactly-once claim): a row now
 * belongs to a task, a duty or a land project, UNIQUE per owner and key; a deleted project takes its rows with it.
 * registry_land_project_v lets the reconciler (campaigns) read a project's due date and how many farmers are verified.
 */
export class LandVerificationEvents1764001340000 implements MigrationInterface {
  name = 'LandVerificationEvents1764001340000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE task_deadline_event ADD COLUMN land_project_id int REFERENCES land_project(id) ON DELETE CASCADE,
                     DROP CONSTRAINT task_deadline_event_one_owner,
                     ADD CONSTRAINT task_deadline_event_one_owner CHECK (num_nonnulls(task_id, duty_id, land_project_id) = 1)`);
    await q.query(`CREATE UNIQUE INDEX task_deadline_event_land_key ON task_deadline_event (land_project_id, key) WHERE land_project_id IS NOT NULL`);
    await q.query(`
      CREATE VIEW registry_land_project_v AS
        SELECT p.id, p.org_unit_id, p.name, p.agreement_on, p.verify_within_days, (p.agreement_on + p.verify_within_days) AS verify_due_on,
               (SELECT count(*)::int FROM land_farmer f WHERE f.project_id = p.id) AS listed,
               (SELECT count(*)::int FROM land_farmer f WHERE f.project_id = p.id AND f.verified) AS verified
          FROM land_project p`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW registry_land_project_v`);
    await q.query(`DELETE FROM task_deadline_event WHERE land_project_id IS NOT NULL`);
    await q.query(`ALTER TABLE task_deadline_event DROP CONSTRAINT task_deadline_event_one_owner, DROP COLUMN land_project_id,
                     ADD CONSTRAINT task_deadline_event_one_owner CHECK (num_nonnulls(task_id, duty_id) = 1)`);
  }
}
