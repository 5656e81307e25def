import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16 point 4 (seeds 001 and 003): the hardship groups (低保, 特困, 重度残疾, 低收入) whose lowest-tier
 * resident pension contribution the government pays. One row per person and campaign: their village, and the
 * three steps of 三个100% — registration (参保登记), payment by the government (代缴) and benefit (待遇领取).
 * A payment needs a registration; amount and date go together.
 */
export class HardshipPeople1764001320000 implements MigrationInterface {
  name = 'HardshipPeople1764001320000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE registry_hardship_person (
        id             bigserial PRIMARY KEY,
        campaign_id    int NOT NULL REFERENCES campaign(id),
        org_unit_id    int NOT NULL REFERENCES org_unit(id),
        org_unit_path  text NOT NULL,
        id_number      text NOT NULL,
        name           text NOT NULL,
        sex            char(1) NOT NULL CHECK (sex IN ('M', 'F')),
        birth_date     date NOT NULL,
        category       text NOT NULL CHECK (category IN ('minimum_living', 'extreme_poverty', 'severe_disability', 'low_income', 'other')),
        registered_on  date,
        paid_on        date,
        paid_amount    numeric(12, 2) CHECK (paid_amount > 0),
        benefit_on     date,
        recorded_by    int NOT NULL REFERENCES app_user(id),
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        UNIQUE (campaign_id, id_number),
        CHECK ((paid_on IS NULL) = (paid_amount IS NULL)),
        CHECK (paid_on IS NULL OR registered_on IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX registry_hardship_person_path ON registry_hardship_person (campaign_id, org_unit_path text_pattern_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE registry_hardship_person`);
  }
}
