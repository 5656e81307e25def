import { MigrationInterface, QueryRunner } from 'typeorm';

/** Registry entries and imports belong to a campaign (the campaign table arrived after the registry schema was written). */
export class RegistryCampaignFk1764000300001 implements MigrationInterface {
  name = 'RegistryCampaignFk1764000300001';

  async up(q: QueryRunner): Promise<void> {
    for (const t of ['registry_import_job', 'registry_employer', 'registry_person', 'registry_visit']) {
      await q.query(`ALTER TABLE ${t} ADD CONSTRAINT ${t}_campaign_fk FOREIGN KEY (campaign_id) REFERENCES campaign(id)`);
    }
    await q.query(`CREATE INDEX registry_person_employer_uscc_idx ON registry_person (campaign_id, employer_uscc) WHERE employer_uscc IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX registry_person_employer_uscc_idx`);
    for (const t of ['registry_import_job', 'registry_employer', 'registry_person', 'registry_visit']) {
      await q.query(`ALTER TABLE ${t} DROP CONSTRAINT ${t}_campaign_fk`);
    }
  }
}
