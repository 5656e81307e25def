import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A visit keeps the Idempotency-Key it was posted under (client_key), one per visitor: a phone that lost the
 * answer and resends after the idempotency key's day has passed (idempotency_key rows live 24 h) gets the visit
 * already stored, not a second one. Exactly-once no longer depends on how long the key store keeps its rows.
 */
export class VisitClientKey1764001210000 implements MigrationInterface {
  name = 'VisitClientKey1764001210000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE registry_visit ADD COLUMN client_key text`);
    await q.query(`CREATE UNIQUE INDEX registry_visit_client_key_uq ON registry_visit (visitor_id, client_key) WHERE client_key IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX registry_visit_client_key_uq`);
    await q.query(`ALTER TABLE registry_visit DROP COLUMN client_key`);
  }
}
