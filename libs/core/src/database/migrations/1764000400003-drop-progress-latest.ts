import { MigrationInterface, QueryRunner } from 'typeorm';

/** Dashboards read progress_rollup now; nothing reads progress_latest, so it no longer costs every report a write. */
export class DropProgressLatest1764000400003 implements MigrationInterface {
  name = 'DropProgressLatest1764000400003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE progress_latest`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE progress_latest (
        task_id      int PRIMARY KEY REFERENCES task(id),
        report_id    bigint NOT NULL REFERENCES progress_report(id),
        as_of        date NOT NULL,
        actual       numeric NOT NULL,
        denominator  numeric
      )`);
    await q.query(`CREATE INDEX progress_latest_as_of_idx ON progress_latest (as_of)`);
    await q.query(`
      INSERT INTO progress_latest (task_id, report_id, as_of, actual, denominator)
      SELECT DISTINCT ON (task_id) task_id, id, as_of, actual, denominator FROM progress_report ORDER BY task_id, as_of DESC, id DESC`);
  }
}
