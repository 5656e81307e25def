import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Table ownership (issue 18 item 2): the views through which a library reads, set-based, the tables another owns
 * (libs/platform/src/table-owners.ts lists them). Each is a plain projection of one table, no join and no
 * aggregate, so the planner inlines it and the owner's indexes (org_unit.path, the entries' campaign
 * partitions) serve the reader's query as before; row locks taken through them land on the table's rows.
 */
const VIEWS = [
  `CREATE VIEW org_unit_v AS SELECT id, code, name, level, parent_id, path, depth, active, duty FROM org_unit`,
  // no password hash, lockout or session fields
  `CREATE VIEW org_user_v AS SELECT id, username, display_name, phone, org_unit_id, roles, active FROM app_user`,
  `CREATE VIEW campaigns_campaign_v AS SELECT id, org_unit_id, name, starts_on, ends_on, status, settings FROM campaign`,
  `CREATE VIEW registry_person_v AS
     SELECT id, campaign_id, org_unit_id, org_unit_path, id_number, name, sex, birth_date, phone, address, source_group, current_scheme,
            insurance_status, employer_uscc, employer_id, status, cadre_id, assigned_at, visit_count, last_visit_at, last_outcome, created_at, updated_at
       FROM registry_person`,
  `CREATE VIEW registry_employer_v AS
     SELECT id, campaign_id, org_unit_id, org_unit_path, uscc, name, legal_representative, address, industry, staff_count, insured_count,
            uninsured_count, flags, status, cadre_id, assigned_at, visit_count, refusal_count, onsite_visit_count, last_visit_at, last_outcome,
            created_at, updated_at
       FROM registry_employer`,
  `CREATE VIEW registry_visit_v AS
     SELECT id, campaign_id, person_id, employer_id, org_unit_path, visitor_id, visited_at, method, outcome, proof_reference, ineligible_reason, note, created_at
       FROM registry_visit`,
  `CREATE VIEW core_outbox_v AS SELECT id, job_name, payload, run_at, relayed_at, done_at, dead_at FROM outbox`,
];

export class ReaderViews1764001200000 implements MigrationInterface {
  name = 'ReaderViews1764001200000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of VIEWS) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW core_outbox_v, registry_visit_v, registry_employer_v, registry_person_v, campaigns_campaign_v, org_user_v, org_unit_v`);
  }
}
