import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The expansion registry (扩面对象实名库): people and employers of a campaign, their visits, assignment
 * history and import jobs. campaign_id gets its foreign key in a later migration (campaign table is
 * another library's). Each entry carries its unit's path so scoping is one range scan.
 */
export class Registry1764000300000 implements MigrationInterface {
  name = 'Registry1764000300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE registry_import_job (
        id            bigserial PRIMARY KEY,
        campaign_id   int NOT NULL,
        kind          text NOT NULL CHECK (kind IN ('person','employer')),
        org_unit_id   int NOT NULL REFERENCES org_unit(id),
        org_unit_path text NOT NULL,
        file_name     text NOT NULL,
        file_path     text NOT NULL,
        file_format   text NOT NULL CHECK (file_format IN ('csv','xlsx')),
        status        text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','done','failed')),
        attempts      int NOT NULL DEFAULT 0,
        rows_read     int NOT NULL DEFAULT 0,
        rows_good     int NOT NULL DEFAULT 0,
        rows_bad      int NOT NULL DEFAULT 0,
        inserted      int NOT NULL DEFAULT 0,
        updated       int NOT NULL DEFAULT 0,
        error         text,
        created_by    int REFERENCES app_user(id),
        created_at    timestamptz NOT NULL DEFAULT now(),
        started_at    timestamptz,
        finished_at   timestamptz
      )`);
    await q.query(`CREATE INDEX registry_import_job_path_idx ON registry_import_job (org_unit_path text_pattern_ops)`);
    await q.query(`
      CREATE TABLE registry_import_error (
        id            bigserial PRIMARY KEY,
        import_job_id bigint NOT NULL REFERENCES registry_import_job(id) ON DELETE CASCADE,
        row_number    int NOT NULL,
        column_name   text NOT NULL,
        reason        text NOT NULL
      )`);
    await q.query(`CREATE INDEX registry_import_error_job_idx ON registry_import_error (import_job_id, row_number)`);

    await q.query(`
      CREATE TABLE registry_employer (
        id                    bigserial PRIMARY KEY,
        campaign_id           int NOT NULL,
        org_unit_id           int NOT NULL REFERENCES org_unit(id),
        org_unit_path         text NOT NULL,
        uscc                  text NOT NULL,
        name                  text NOT NULL,
        legal_representative  text,
        address               text,
        industry              text,
        staff_count           int NOT NULL DEFAULT 0,
        insured_count         int NOT NULL DEFAULT 0,
        uninsured_count       int NOT NULL DEFAULT 0,
        flags                 text[] NOT NULL DEFAULT '{}',
        status                text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','enrolled','will_enrol','refused','insured_elsewhere','unreachable','moved_away','not_eligible','deceased')),
        cadre_id              int REFERENCES app_user(id),
        assigned_at           timestamptz,
        visit_count           int NOT NULL DEFAULT 0,
        refusal_count         int NOT NULL DEFAULT 0,
        onsite_visit_count    int NOT NULL DEFAULT 0,
        last_visit_at         timestamptz,
        last_outcome          text,
        import_job_id         bigint,
        created_at            timestamptz NOT NULL DEFAULT now(),
        updated_at            timestamptz NOT NULL DEFAULT now(),
        UNIQUE (campaign_id, uscc)
      )`);
    await q.query(`CREATE INDEX registry_employer_path_idx ON registry_employer (org_unit_path text_pattern_ops)`);
    await q.query(`CREATE INDEX registry_employer_cadre_idx ON registry_employer (cadre_id)`);
    // Escalation reads "employers with N+ refusals" and "50+ uninsured" directly.
    await q.query(`CREATE INDEX registry_employer_refusal_idx ON registry_employer (campaign_id, refusal_count) WHERE refusal_count > 0`);
    await q.query(`CREATE INDEX registry_employer_uninsured_idx ON registry_employer (campaign_id, uninsured_count)`);

    await q.query(`
      CREATE TABLE registry_person (
        id               bigserial PRIMARY KEY,
        campaign_id      int NOT NULL,
        org_unit_id      int NOT NULL REFERENCES org_unit(id),
        org_unit_path    text NOT NULL,
        id_number        text NOT NULL,
        name             text NOT NULL,
        sex              char(1) NOT NULL CHECK (sex IN ('M','F')),
        birth_date       date NOT NULL,
        phone            text,
        address          text,
        source_group     text NOT NULL,
        current_scheme   text,
        insurance_status text,
        employer_uscc    text,
        employer_id      bigint REFERENCES registry_employer(id),
        status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','enrolled','will_enrol','refused','insured_elsewhere','unreachable','moved_away','not_eligible','deceased')),
        cadre_id         int REFERENCES app_user(id),
        assigned_at      timestamptz,
        visit_count      int NOT NULL DEFAULT 0,
        last_visit_at    timestamptz,
        last_outcome     text,
        import_job_id    bigint,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        UNIQUE (campaign_id, id_number)
      )`);
    await q.query(`CREATE INDEX registry_person_path_idx ON registry_person (org_unit_path text_pattern_ops)`);
    await q.query(`CREATE INDEX registry_person_cadre_idx ON registry_person (cadre_id)`);
    await q.query(`CREATE INDEX registry_person_employer_idx ON registry_person (employer_id) WHERE employer_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE registry_visit (
        id                 bigserial PRIMARY KEY,
        campaign_id        int NOT NULL,
        person_id          bigint REFERENCES registry_person(id),
        employer_id        bigint REFERENCES registry_employer(id),
        org_unit_path      text NOT NULL,
        visitor_id         int REFERENCES app_user(id),
        visited_at         timestamptz NOT NULL,
        method             text NOT NULL CHECK (method IN ('door_to_door','phone','wechat')),
        outcome            text NOT NULL CHECK (outcome IN ('enrolled','will_enrol','refused','insured_elsewhere','unreachable','moved_away','not_eligible','deceased')),
        proof_reference    text,
        ineligible_reason  text,
        note               text,
        created_at         timestamptz NOT NULL DEFAULT now(),
        CHECK ((person_id IS NULL) <> (employer_id IS NULL)),
        CHECK (outcome <> 'insured_elsewhere' OR proof_reference IS NOT NULL),
        CHECK (outcome <> 'not_eligible' OR ineligible_reason IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX registry_visit_person_idx ON registry_visit (person_id, visited_at) WHERE person_id IS NOT NULL`);
    await q.query(`CREATE INDEX registry_visit_employer_idx ON registry_visit (employer_id, outcome, visited_at) WHERE employer_id IS NOT NULL`);
    await q.query(`CREATE INDEX registry_visit_path_idx ON registry_visit (org_unit_path text_pattern_ops)`);

    await q.query(`
      CREATE TABLE registry_assignment (
        id            bigserial PRIMARY KEY,
        person_id     bigint REFERENCES registry_person(id),
        employer_id   bigint REFERENCES registry_employer(id),
        from_cadre_id int REFERENCES app_user(id),
        to_cadre_id   int REFERENCES app_user(id),
        mode          text NOT NULL CHECK (mode IN ('single','filter','even')),
        assigned_by   int REFERENCES app_user(id),
        assigned_at   timestamptz NOT NULL,
        CHECK ((person_id IS NULL) <> (employer_id IS NULL))
      )`);
    await q.query(`CREATE INDEX registry_assignment_person_idx ON registry_assignment (person_id, assigned_at) WHERE person_id IS NOT NULL`);
    await q.query(`CREATE INDEX registry_assignment_employer_idx ON registry_assignment (employer_id, assigned_at) WHERE employer_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE registry_assignment, registry_visit, registry_person, registry_employer, registry_import_error, registry_import_job`);
  }
}
