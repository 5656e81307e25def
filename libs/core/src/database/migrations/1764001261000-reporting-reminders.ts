import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17 point 2: one reminder per campaign, unit and reporting period to the managers of a unit that had not
 * reported by the period's last day. This key, not timing, makes it once: the job inserts ON CONFLICT DO NOTHING
 * and notifies only for the rows it inserted, in the same transaction.
 */
export class ReportingReminders1764001261000 implements MigrationInterface {
  name = 'ReportingReminders1764001261000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reporting_reminder (
        id            bigserial PRIMARY KEY,
        campaign_id   int NOT NULL REFERENCES campaign(id),
        org_unit_id   int NOT NULL REFERENCES org_unit(id),
        period_start  date NOT NULL,
        period_end    date NOT NULL CHECK (period_end >= period_start),
        indicator_ids int[] NOT NULL,
        recipient_ids int[] NOT NULL,
        reminded_at   timestamptz NOT NULL,
        UNIQUE (campaign_id, org_unit_id, period_start)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reporting_reminder`);
  }
}
