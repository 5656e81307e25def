import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16 point 1: member departments' duties in a campaign (seed 003 annex 2): what data (a catalogue code),
 * how often (once on a date, monthly or quarterly on a day of the month) and the deliveries, one per due date.
 * A duty's reminders and overdue notice are rows of task_deadline_event like a task's (same planner, same
 * reconciler, same exactly-once claim): a row belongs to a task or to a duty, UNIQUE per owner and key.
 * registry_import_v lets a delivery name the upload it was (an upload of the campaign by the department).
 */
export class MemberDuties1764001300000 implements MigrationInterface {
  name = 'MemberDuties1764001300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaign_duty (
        id           serial PRIMARY KEY,
        campaign_id  int NOT NULL REFERENCES campaign(id),
        org_unit_id  int NOT NULL REFERENCES org_unit(id),
        code         text NOT NULL,
        cadence      text NOT NULL CHECK (cadence IN ('once','monthly','quarterly')),
        due_day      int CHECK (due_day BETWEEN 1 AND 31),
        due_on       date,
        since        date NOT NULL,
        note         text,
        created_by   int REFERENCES app_user(id),
        created_at   timestamptz NOT NULL DEFAULT now(),
        CHECK ((cadence = 'once') = (due_on IS NOT NULL) AND (cadence = 'once') = (due_day IS NULL)),
        UNIQUE (campaign_id, org_unit_id, code)
      )`);
    await q.query(`
      CREATE TABLE campaign_duty_delivery (
        id           serial PRIMARY KEY,
        duty_id      int NOT NULL REFERENCES campaign_duty(id),
        due_date     date NOT NULL,
        delivered_on date NOT NULL,
        note         text,
        import_id    bigint,
        created_by   int REFERENCES app_user(id),
        created_at   timestamptz NOT NULL DEFAULT now(),
        UNIQUE (duty_id, due_date)
      )`);
    await q.query(`ALTER TABLE task_deadline_event ALTER COLUMN task_id DROP NOT NULL,
                     ADD COLUMN duty_id int REFERENCES campaign_duty(id),
                     ADD CONSTRAINT task_deadline_event_one_owner CHECK (num_nonnulls(task_id, duty_id) = 1)`);
    await q.query(`CREATE UNIQUE INDEX task_deadline_event_duty_key ON task_deadline_event (duty_id, key) WHERE duty_id IS NOT NULL`);
    await q.query(`CREATE VIEW registry_import_v AS SELECT id, campaign_id, kind, org_unit_id, created_by, status, file_name FROM registry_import_job`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW registry_import_v`);
    await q.query(`DELETE FROM task_deadline_event WHERE duty_id IS NOT NULL`);
    await q.query(`ALTER TABLE task_deadline_event DROP CONSTRAINT task_deadline_event_one_owner, DROP COLUMN duty_id, ALTER COLUMN task_id SET NOT NULL`);
    await q.query(`DROP TABLE campaign_duty_delivery, campaign_duty`);
  }
}
