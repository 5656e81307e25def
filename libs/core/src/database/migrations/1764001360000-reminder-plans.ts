import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20 point 3 (seed 003: lapsed contributors get at least three messages a year): a campaign plans its
 * reminder rounds ahead — explicit dates, or every N months from a first date — for one or more target groups
 * with one channel and template. Each occurrence becomes a round of the plan, made and started by the worker
 * on its date; UNIQUE (plan_id, planned_for, target) decides in PostgreSQL that it is made (and started) once,
 * however many workers tick or catch up after being down. The unit's path is not copied: scope is read through
 * org_unit_v at each request, so a moved unit takes its plans along.
 */
export class ReminderPlans1764001360000 implements MigrationInterface {
  name = 'ReminderPlans1764001360000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reminder_plan (
        id             serial PRIMARY KEY,
        campaign_id    int NOT NULL REFERENCES campaign(id),
        name           text NOT NULL,
        org_unit_id    int NOT NULL REFERENCES org_unit(id),
        targets        text[] NOT NULL CHECK (cardinality(targets) >= 1 AND targets <@ ARRAY['lapsed','will_enrol','not_visited']),
        channel        text NOT NULL CHECK (channel IN ('sms','webhook')),
        template_kind  text,
        dates          date[],
        every_months   int CHECK (every_months BETWEEN 1 AND 12),
        first_on       date,
        until_on       date,
        amount         numeric(12,2),
        deadline_days  int CHECK (deadline_days BETWEEN 1 AND 365),
        office_phone   text,
        active         boolean NOT NULL DEFAULT true,
        created_by     int REFERENCES app_user(id),
        created_at     timestamptz NOT NULL DEFAULT now(),
        created_on     date NOT NULL,
        CHECK ((dates IS NULL) <> (every_months IS NULL)),
        CHECK ((every_months IS NULL) = (first_on IS NULL))
      )`);
    await q.query(`CREATE INDEX reminder_plan_campaign_idx ON reminder_plan (campaign_id)`);
    await q.query(`ALTER TABLE reminder_round ADD COLUMN plan_id int REFERENCES reminder_plan(id)`);
    await q.query(`CREATE UNIQUE INDEX reminder_round_plan_occurrence ON reminder_round (plan_id, planned_for, target) WHERE plan_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX reminder_round_plan_occurrence`);
    await q.query(`ALTER TABLE reminder_round DROP COLUMN plan_id`);
    await q.query(`DROP TABLE reminder_plan`);
  }
}
