import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Writes a user can repeat are stored once (issue 13 point 3). idempotency_key: one row per caller and
 * Idempotency-Key, claimed before the request runs (status NULL) and completed with its answer; kept a
 * day. The answer is json, not jsonb, so that a replay gives the very text of the first answer (jsonb
 * would reorder its keys). reminder_round.last_started_at: a second start within a minute is the same
 * click and answers the running round instead of starting it again.
 */
export class RepeatedWrites1764001100000 implements MigrationInterface {
  name = 'RepeatedWrites1764001100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_key (
        user_id       int NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        key           text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
        method        text NOT NULL,
        path          text NOT NULL,
        request_hash  text NOT NULL,
        status        int,
        response      json,
        created_at    timestamptz NOT NULL,
        completed_at  timestamptz,
        PRIMARY KEY (user_id, key)
      )`);
    await q.query(`CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at)`);
    await q.query(`ALTER TABLE reminder_round ADD COLUMN last_started_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reminder_round DROP COLUMN last_started_at`);
    await q.query(`DROP TABLE idempotency_key`);
  }
}
