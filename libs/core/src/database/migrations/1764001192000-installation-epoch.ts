import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row: the epoch that job ids carry beside the database's cluster, oid and timeline (JobIdentity). A
 * database restored in place (pg_restore --clean, a volume restored from a snapshot) keeps all three,
 * and this row too; the relay notices that its outbox sequence went back below what Redis saw and draws
 * a new epoch, so the restored database's jobs do not collide with those the old one already ran.
 */
export class InstallationEpoch1764001192000 implements MigrationInterface {
  name = 'InstallationEpoch1764001192000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE installation (
        one   boolean PRIMARY KEY DEFAULT true CHECK (one),
        epoch uuid NOT NULL DEFAULT gen_random_uuid()
      )`);
    await q.query(`INSERT INTO installation DEFAULT VALUES`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE installation`);
  }
}
