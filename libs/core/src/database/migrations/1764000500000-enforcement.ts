import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Escalation to inspection: cutoff runs (each district's frozen submission per cutoff, exactly once by a
 * unique key), the key-inspection lists the office compiles, the cases each receiving department opens,
 * and the case history.
 */
export class Enforcement1764000500000 implements MigrationInterface {
  name = 'Enforcement1764000500000';

  async up(q: QueryRunner): Promise<void> {
    // One row per (campaign, district, cutoff): the unique key is what makes a cutoff happen once,
    // whatever the number of workers, restarts or manual triggers.
    await q.query(`
      CREATE TABLE cutoff_run (
        id            bigserial PRIMARY KEY,
        campaign_id   int NOT NULL REFERENCES campaign(id),
        district_id   int NOT NULL REFERENCES org_unit(id),
        district_path text NOT NULL,
        cutoff_date   date NOT NULL,
        cutoff_at     timestamptz NOT NULL,
        trigger       text NOT NULL CHECK (trigger IN ('schedule','manual')),
        triggered_by  int REFERENCES app_user(id),
        ran_at        timestamptz NOT NULL,
        runner        text NOT NULL,
        entry_count   int NOT NULL,
        UNIQUE (campaign_id, district_id, cutoff_at)
      )`);
    await q.query(`CREATE INDEX cutoff_run_campaign_idx ON cutoff_run (campaign_id, cutoff_at)`);
    await q.query(`CREATE INDEX cutoff_run_path_idx ON cutoff_run (district_path text_pattern_ops)`);
    await q.query(`
      CREATE TABLE cutoff_submission_entry (
        id              bigserial PRIMARY KEY,
        cutoff_run_id   bigint NOT NULL REFERENCES cutoff_run(id) ON DELETE CASCADE,
        employer_id     bigint NOT NULL REFERENCES registry_employer(id),
        town_id         int REFERENCES org_unit(id),
        refusal_count   int NOT NULL,
        uninsured_count int NOT NULL,
        last_visit_at   timestamptz,
        cadre_id        int REFERENCES app_user(id),
        UNIQUE (cutoff_run_id, employer_id)
      )`);
    await q.query(`
      CREATE TABLE inspection_list (
        id            serial PRIMARY KEY,
        campaign_id   int NOT NULL REFERENCES campaign(id),
        cutoff_date   date NOT NULL,
        cutoff_at     timestamptz NOT NULL,
        status        text NOT NULL CHECK (status IN ('compiled','dispatched')),
        compiled_at   timestamptz NOT NULL,
        compiled_by   int REFERENCES app_user(id),
        dispatched_at timestamptz,
        dispatched_by int REFERENCES app_user(id),
        UNIQUE (campaign_id, cutoff_at)
      )`);
    await q.query(`
      CREATE TABLE inspection_list_entry (
        id              bigserial PRIMARY KEY,
        list_id         int NOT NULL REFERENCES inspection_list(id) ON DELETE CASCADE,
        employer_id     bigint NOT NULL REFERENCES registry_employer(id),
        cutoff_run_id   bigint NOT NULL REFERENCES cutoff_run(id),
        district_id     int NOT NULL REFERENCES org_unit(id),
        town_id         int REFERENCES org_unit(id),
        uninsured_count int NOT NULL,
        refusal_count   int NOT NULL,
        last_visit_at   timestamptz,
        cadre_id        int REFERENCES app_user(id),
        removed_at      timestamptz,
        removed_by      int REFERENCES app_user(id),
        removal_reason  text,
        UNIQUE (list_id, employer_id),
        CHECK ((removed_at IS NULL) = (removal_reason IS NULL))
      )`);
    await q.query(`
      CREATE TABLE inspection_list_department (
        list_id       int NOT NULL REFERENCES inspection_list(id) ON DELETE CASCADE,
        department_id int NOT NULL REFERENCES org_unit(id),
        PRIMARY KEY (list_id, department_id)
      )`);
    await q.query(`
      CREATE TABLE inspection_case (
        id                        bigserial PRIMARY KEY,
        campaign_id               int NOT NULL REFERENCES campaign(id),
        list_id                   int NOT NULL REFERENCES inspection_list(id),
        list_entry_id             bigint NOT NULL REFERENCES inspection_list_entry(id),
        employer_id               bigint NOT NULL REFERENCES registry_employer(id),
        department_id             int NOT NULL REFERENCES org_unit(id),
        department_path           text NOT NULL,
        status                    text NOT NULL CHECK (status IN ('open','closed')),
        resolution                text CHECK (resolution IN ('rectified','closed')),
        assignee_id               int REFERENCES app_user(id),
        assigned_at               timestamptz,
        opened_at                 timestamptz NOT NULL,
        due_date                  date NOT NULL,
        rectification_deadline    date,
        rectification_overdue_at  timestamptz,
        enrolled_count            int,
        penalty_amount            numeric(14,2),
        referred_to_tax_at        timestamptz,
        closed_at                 timestamptz,
        close_reason              text,
        UNIQUE (list_id, employer_id, department_id),
        CHECK ((status = 'closed') = (closed_at IS NOT NULL))
      )`);
    // No second open case for the same employer in the same department.
    await q.query(`CREATE UNIQUE INDEX inspection_case_one_open ON inspection_case (employer_id, department_id) WHERE status = 'open'`);
    await q.query(`CREATE INDEX inspection_case_assignee_idx ON inspection_case (assignee_id, due_date) WHERE status = 'open'`);
    await q.query(`CREATE INDEX inspection_case_department_idx ON inspection_case (department_id, status)`);
    await q.query(`CREATE INDEX inspection_case_employer_idx ON inspection_case (employer_id, opened_at)`);
    await q.query(
      `CREATE INDEX inspection_case_rectification_idx ON inspection_case (rectification_deadline) WHERE status = 'open' AND rectification_deadline IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE inspection_case_event (
        id              bigserial PRIMARY KEY,
        case_id         bigint NOT NULL REFERENCES inspection_case(id) ON DELETE CASCADE,
        kind            text NOT NULL CHECK (kind IN ('opened','assigned','visited','rectification_ordered','rectified','referred_to_tax','penalised','closed','overdue')),
        at              timestamptz NOT NULL,
        actor_id        int REFERENCES app_user(id),
        assignee_id     int REFERENCES app_user(id),
        findings        text,
        deadline        date,
        enrolled_count  int,
        amount          numeric(14,2),
        reason          text
      )`);
    await q.query(`CREATE INDEX inspection_case_event_case_idx ON inspection_case_event (case_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE inspection_case_event, inspection_case, inspection_list_department, inspection_list_entry, inspection_list, cutoff_submission_entry, cutoff_run`,
    );
  }
}
