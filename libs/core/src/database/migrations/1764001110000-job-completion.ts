import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL knows which outbox job is done (issue 13): the BullMQ id it was relayed under, when it completed,
 * how often the reconciler wrote it again after Redis lost it, and when it gave up (dead). Rows relayed before
 * this migration count as done: nothing tells otherwise, and re-running a year of jobs would help no one.
 * registry_import_job.reruns: how often the reconciler re-ran an import whose job died (a retry starts again at 0).
 */
export class JobCompletion1764001110000 implements MigrationInterface {
  name = 'JobCompletion1764001110000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outbox ADD COLUMN relayed_job_id text, ADD COLUMN done_at timestamptz, ADD COLUMN requeues int NOT NULL DEFAULT 0,
                         ADD COLUMN dead_at timestamptz, ADD COLUMN dead_reason text`);
    await q.query(`UPDATE outbox SET done_at = relayed_at WHERE relayed_at IS NOT NULL`);
    await q.query(`CREATE INDEX outbox_undone_idx ON outbox (id) WHERE done_at IS NULL AND dead_at IS NULL`);
    await q.query(`CREATE INDEX outbox_relayed_job_idx ON outbox (relayed_job_id) WHERE done_at IS NULL AND relayed_job_id IS NOT NULL`);
    await q.query(`ALTER TABLE registry_import_job ADD COLUMN reruns int NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE registry_import_job DROP COLUMN reruns`);
    await q.query(`DROP INDEX outbox_relayed_job_idx`);
    await q.query(`DROP INDEX outbox_undone_idx`);
    await q.query(`ALTER TABLE outbox DROP COLUMN relayed_job_id, DROP COLUMN done_at, DROP COLUMN requeues, DROP COLUMN dead_at, DROP COLUMN dead_reason`);
  }
}
