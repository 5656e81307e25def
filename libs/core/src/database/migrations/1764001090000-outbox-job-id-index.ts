import { MigrationInterface, QueryRunner } from 'typeorm';

/** A retry asks whether the latest job of an id prefix will still run (JobLookup): an index on the ids it searches by prefix. */
export class OutboxJobIdIndex1764001090000 implements MigrationInterface {
  name = 'OutboxJobIdIndex1764001090000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX outbox_job_id_idx ON outbox (job_id text_pattern_ops, id) WHERE job_id <> ''`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX outbox_job_id_idx`);
  }
}
