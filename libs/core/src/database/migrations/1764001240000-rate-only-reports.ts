import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A ratio indicator's report may carry only a rate (issue 17 point 6: the clerk knows "98.5 %" but not the
 * insured and the eligible). progress_report.rate_only marks it; rate holds the percentage as written
 * (98.5 for 98.5 %, the unit ratio targets are stored in). Such a report stores actual 0 and no denominator,
 * so the rollup triggers, unchanged, count nothing for it: a parent's rate is the sum of the known
 * numerators over the sum of the known denominators, and no denominator is ever made up.
 * The partial index finds the few tasks with a rate-only report (the dashboard shows their own rate).
 */
export class RateOnlyReports1764001240000 implements MigrationInterface {
  name = 'RateOnlyReports1764001240000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE progress_report ADD COLUMN rate_only boolean NOT NULL DEFAULT false, ADD COLUMN rate numeric`);
    await q.query(`
      ALTER TABLE progress_report ADD CONSTRAINT progress_report_rate_only_check
        CHECK (rate_only = (rate IS NOT NULL) AND (NOT rate_only OR (actual = 0 AND denominator IS NULL AND rate BETWEEN 0 AND 100)))`);
    await q.query(`CREATE INDEX progress_report_rate_only_idx ON progress_report (task_id) WHERE rate_only`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX progress_report_rate_only_idx`);
    await q.query(`ALTER TABLE progress_report DROP CONSTRAINT progress_report_rate_only_check, DROP COLUMN rate, DROP COLUMN rate_only`);
  }
}
