import { MigrationInterface, QueryRunner } from 'typeorm';

/** Campaigns, indicators, allocations (versioned, with an approval trail), tasks and the deadline events that drive reminders and overdue. */
export class Campaigns1764000100000 implements MigrationInterface {
  name = 'Campaigns1764000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaign (
        id           serial PRIMARY KEY,
        org_unit_id  int NOT NULL REFERENCES org_unit(id),
        name         text NOT NULL,
        starts_on    date NOT NULL,
        ends_on      date NOT NULL,
        status       text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','active','closed')),
        settings     jsonb NOT NULL DEFAULT '{}'::jsonb,
        office_name  text,
        created_by   int REFERENCES app_user(id),
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_on >= starts_on)
      )`);
    await q.query(`CREATE INDEX campaign_org_unit_idx ON campaign (org_unit_id)`);
    await q.query(`
      CREATE TABLE campaign_phase (
        id           serial PRIMARY KEY,
        campaign_id  int NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
        name         text NOT NULL,
        starts_on    date NOT NULL,
        ends_on      date NOT NULL,
        ordinal      int NOT NULL,
        CHECK (ends_on >= starts_on)
      )`);
    await q.query(`CREATE INDEX campaign_phase_campaign_idx ON campaign_phase (campaign_id)`);
    await q.query(`
      CREATE TABLE campaign_milestone (
        id           serial PRIMARY KEY,
        campaign_id  int NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
        due_on       date NOT NULL,
        percent      numeric(5,2) NOT NULL CHECK (percent > 0 AND percent <= 100),
        UNIQUE (campaign_id, due_on)
      )`);
    // Leadership group (领导小组) and office (办公室) of one campaign: role head/deputy/member in the group, director/member in the office.
    await q.query(`
      CREATE TABLE campaign_member (
        id           serial PRIMARY KEY,
        campaign_id  int NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
        user_id      int NOT NULL REFERENCES app_user(id),
        body         text NOT NULL DEFAULT 'leadership' CHECK (body IN ('leadership','office')),
        role         text NOT NULL CHECK (role IN ('head','deputy','member','director')),
        title        text,
        UNIQUE (campaign_id, body, user_id)
      )`);
    await q.query(`CREATE INDEX campaign_member_user_idx ON campaign_member (user_id)`);
    await q.query(`
      CREATE TABLE indicator (
        id                 serial PRIMARY KEY,
        campaign_id        int NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
        code               text NOT NULL,
        name               text NOT NULL,
        unit               text NOT NULL CHECK (unit IN ('person','yuan','percent')),
        kind               text NOT NULL CHECK (kind IN ('count','amount','ratio')),
        insurance_type     text NOT NULL CHECK (insurance_type IN ('employee_pension','resident_pension','medical','work_injury','unemployment','land_expropriated_farmers','other')),
        numerator_label    text,
        denominator_label  text,
        top_target         numeric(18,2),
        UNIQUE (campaign_id, code)
      )`);
    await q.query(`
      CREATE TABLE task (
        id                  serial PRIMARY KEY,
        campaign_id         int NOT NULL REFERENCES campaign(id),
        indicator_id        int NOT NULL REFERENCES indicator(id),
        holder_unit_id      int NOT NULL REFERENCES org_unit(id),
        parent_task_id      int REFERENCES task(id),
        target              numeric(18,2) NOT NULL,
        deadline            date NOT NULL,
        deadline_version    int NOT NULL DEFAULT 1,
        status              text NOT NULL DEFAULT 'open' CHECK (status IN ('open','completed','overdue')),
        allocation_id       int,
        allocation_line_id  int,
        allocation_version  int,
        completed_at        timestamptz,
        overdue_at          timestamptz,
        withdrawn_at        timestamptz,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now()
      )`);
    // One task per child per parent target (versions update it in place); one top-level task per indicator.
    await q.query(`CREATE UNIQUE INDEX task_parent_holder_uq ON task (parent_task_id, holder_unit_id) WHERE parent_task_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX task_top_uq ON task (indicator_id) WHERE parent_task_id IS NULL`);
    await q.query(`CREATE INDEX task_holder_idx ON task (holder_unit_id)`);
    await q.query(`CREATE INDEX task_campaign_idx ON task (campaign_id, indicator_id)`);
    await q.query(`
      CREATE TABLE allocation (
        id                  serial PRIMARY KEY,
        campaign_id         int NOT NULL REFERENCES campaign(id),
        indicator_id        int NOT NULL REFERENCES indicator(id),
        parent_task_id      int NOT NULL REFERENCES task(id),
        allocating_unit_id  int NOT NULL REFERENCES org_unit(id),
        version             int NOT NULL,
        status              text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','approved','rejected','superseded')),
        previous_id         int REFERENCES allocation(id),
        reject_reason       text,
        created_by          int REFERENCES app_user(id),
        created_at          timestamptz NOT NULL DEFAULT now(),
        submitted_by        int REFERENCES app_user(id),
        submitted_at        timestamptz,
        decided_by          int REFERENCES app_user(id),
        decided_at          timestamptz,
        decision_comment    text,
        updated_at          timestamptz NOT NULL DEFAULT now(),
        UNIQUE (parent_task_id, version)
      )`);
    // One allocation per parent target: at most one version being worked on and at most one approved.
    await q.query(`CREATE UNIQUE INDEX allocation_open_uq ON allocation (parent_task_id) WHERE status IN ('draft','submitted','rejected')`);
    await q.query(`CREATE UNIQUE INDEX allocation_approved_uq ON allocation (parent_task_id) WHERE status = 'approved'`);
    await q.query(`CREATE INDEX allocation_unit_idx ON allocation (allocating_unit_id)`);
    await q.query(`
      CREATE TABLE allocation_line (
        id             serial PRIMARY KEY,
        allocation_id  int NOT NULL REFERENCES allocation(id) ON DELETE CASCADE,
        child_unit_id  int NOT NULL REFERENCES org_unit(id),
        target         numeric(18,2) NOT NULL,
        deadline       date,
        UNIQUE (allocation_id, child_unit_id)
      )`);
    await q.query(`ALTER TABLE task ADD FOREIGN KEY (allocation_id) REFERENCES allocation(id)`);
    await q.query(`ALTER TABLE task ADD FOREIGN KEY (allocation_line_id) REFERENCES allocation_line(id)`);
    // Who did what to an allocation, when, with which comment (append-only history).
    await q.query(`
      CREATE TABLE allocation_step (
        id             serial PRIMARY KEY,
        allocation_id  int NOT NULL REFERENCES allocation(id) ON DELETE CASCADE,
        action         text NOT NULL CHECK (action IN ('create','update','submit','approve','reject')),
        actor_id       int REFERENCES app_user(id),
        at             timestamptz NOT NULL,
        comment        text
      )`);
    await q.query(`CREATE INDEX allocation_step_allocation_idx ON allocation_step (allocation_id, id)`);
    // One row per thing that must happen once for a task: a reminder or the overdue transition. The row, not a
    // Redis job, decides: UNIQUE(task_id, key) and done_at make each happen once whoever runs it.
    await q.query(`
      CREATE TABLE task_deadline_event (
        id                bigserial PRIMARY KEY,
        task_id           int NOT NULL REFERENCES task(id),
        kind              text NOT NULL CHECK (kind IN ('reminder','overdue')),
        key               text NOT NULL,
        target_date       date NOT NULL,
        offset_days       int NOT NULL DEFAULT 0,
        due_at            timestamptz NOT NULL,
        deadline_version  int NOT NULL,
        cancelled_at      timestamptz,
        done_at           timestamptz,
        done_by           text,
        UNIQUE (task_id, key)
      )`);
    await q.query(`CREATE INDEX task_deadline_event_due_idx ON task_deadline_event (due_at) WHERE done_at IS NULL AND cancelled_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE task_deadline_event, allocation_step`);
    await q.query(`ALTER TABLE task DROP COLUMN allocation_id, DROP COLUMN allocation_line_id`);
    await q.query(`DROP TABLE allocation_line, allocation, task, indicator, campaign_member, campaign_milestone, campaign_phase, campaign`);
  }
}
