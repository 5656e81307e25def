import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16 point 2: member departments' uploads matched against the insured roster (参保库).
 * - registry_import_job gets a purpose: 'registry' (the entry import as before), 'roster' (the office's import of the
 *   insurance system's insured people or employers) or 'department' (a department's list, matched against the roster);
 *   data_kind says which list ('person', 'employer', or civil affairs' 'death' records, whose kind is 'person'); the
 *   counts of a match (rows insured, entries closed) and the duty the upload delivers.
 * - registry_roster_person / registry_roster_employer: the roster, one row per campaign and key; a re-import
 *   updates the rows it names and keeps the others (the latest import that named a row is kept on it).
 * - registry_entry_source: provenance, one row per entry and upload that reported it (one entry, several sources).
 * progress_credit takes the source 'roster': an entry the roster closes as enrolled is credited once to its unit.
 * Entries are partitioned tables without per-row foreign keys (migration 1764000300002): sources carry the
 * campaign and the entry id, kept with the entry's own table.
 */
export class DepartmentUploads1764001330000 implements MigrationInterface {
  name = 'DepartmentUploads1764001330000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE registry_import_job
        ADD COLUMN purpose text NOT NULL DEFAULT 'registry' CHECK (purpose IN ('registry','roster','department')),
        ADD COLUMN data_kind text CHECK (data_kind IN ('person','employer','death')),
        ADD COLUMN duty_code text,
        ADD COLUMN rows_insured int NOT NULL DEFAULT 0,
        ADD COLUMN entries_closed int NOT NULL DEFAULT 0,
        ADD CONSTRAINT registry_import_job_data_kind CHECK ((purpose = 'registry') = (data_kind IS NULL)),
        ADD CONSTRAINT registry_import_job_death_person CHECK (data_kind IS DISTINCT FROM 'death' OR kind = 'person')`);
    await q.query(`CREATE INDEX registry_import_job_purpose_idx ON registry_import_job (purpose, campaign_id, org_unit_id, id DESC)`);
    await q.query(`
      CREATE TABLE registry_roster_person (
        campaign_id    int NOT NULL REFERENCES campaign(id),
        id_number      text NOT NULL,
        name           text NOT NULL,
        scheme         text,
        insured_on     date,
        import_job_id  bigint NOT NULL REFERENCES registry_import_job(id),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (campaign_id, id_number)
      )`);
    await q.query(`
      CREATE TABLE registry_roster_employer (
        campaign_id    int NOT NULL REFERENCES campaign(id),
        uscc           text NOT NULL,
        name           text NOT NULL,
        insured_count  int NOT NULL DEFAULT 0 CHECK (insured_count >= 0),
        import_job_id  bigint NOT NULL REFERENCES registry_import_job(id),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (campaign_id, uscc)
      )`);
    await q.query(`
      CREATE TABLE registry_entry_source (
        id             bigserial PRIMARY KEY,
        campaign_id    int NOT NULL,
        kind           text NOT NULL CHECK (kind IN ('person','employer')),
        entry_id       bigint NOT NULL,
        org_unit_id    int NOT NULL REFERENCES org_unit(id),
        import_job_id  bigint NOT NULL REFERENCES registry_import_job(id),
        row_number     int NOT NULL,
        reported_at    timestamptz NOT NULL,
        UNIQUE (kind, entry_id, import_job_id)
      )`);
    await q.query(`CREATE INDEX registry_entry_source_job_idx ON registry_entry_source (import_job_id)`);
    // the roster's enrolments are credited like an inspection's (job progress.credit, source 'roster')
    await q.query(
      `ALTER TABLE progress_credit DROP CONSTRAINT progress_credit_source_check, ADD CONSTRAINT progress_credit_source_check CHECK (source IN ('inspection','roster'))`,
    );
    await q.query(`
      CREATE OR REPLACE VIEW registry_import_v AS
        SELECT id, campaign_id, kind, org_unit_id, created_by, status, file_name, purpose, data_kind FROM registry_import_job`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM progress_credit WHERE source = 'roster'`);
    await q.query(
      `ALTER TABLE progress_credit DROP CONSTRAINT progress_credit_source_check, ADD CONSTRAINT progress_credit_source_check CHECK (source IN ('inspection'))`,
    );
    await q.query(`DROP VIEW registry_import_v`);
    await q.query(`CREATE VIEW registry_import_v AS SELECT id, campaign_id, kind, org_unit_id, created_by, status, file_name FROM registry_import_job`);
    await q.query(`DROP TABLE registry_entry_source, registry_roster_employer, registry_roster_person`);
    await q.query(
      `ALTER TABLE registry_import_job DROP COLUMN purpose, DROP COLUMN data_kind, DROP COLUMN duty_code, DROP COLUMN rows_insured, DROP COLUMN entries_closed`,
    );
  }
}
