import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A key's first request says it is alive (alive_at, every few seconds while it runs). A key whose request
 * stopped saying so — its answer was a 503 while PostgreSQL was down, so it could not free the key — is
 * free again within seconds, not after two minutes, and a retry after Retry-After runs.
 */
export class IdempotencyHeartbeat1764001194000 implements MigrationInterface {
  name = 'IdempotencyHeartbeat1764001194000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_key ADD COLUMN alive_at timestamptz`);
    await q.query(`UPDATE idempotency_key SET alive_at = created_at`);
    await q.query(`ALTER TABLE idempotency_key ALTER COLUMN alive_at SET NOT NULL, ALTER COLUMN alive_at SET DEFAULT now()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_key DROP COLUMN alive_at`);
  }
}
