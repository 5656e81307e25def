import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A task's reward or penalty is paid once: the confirmed settlement that pays a task's line holds it here
 * (PRIMARY KEY task_id), so confirming a second settlement that contains the same line — the task's parent
 * settled on demand too, or the same task at another as-of date — is refused. Confirmed settlements of
 * before are entered oldest first; a line already held by an older one stays with it.
 */
export class SettlementPayoutOnce1764001191000 implements MigrationInterface {
  name = 'SettlementPayoutOnce1764001191000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE settlement_payout (
        task_id       int PRIMARY KEY REFERENCES task(id) ON DELETE CASCADE,
        settlement_id int NOT NULL REFERENCES settlement(id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX settlement_payout_settlement_idx ON settlement_payout (settlement_id)`);
    await q.query(`
      INSERT INTO settlement_payout (task_id, settlement_id)
      SELECT DISTINCT ON (l.task_id) l.task_id, s.id
        FROM settlement s JOIN settlement_line l ON l.settlement_id = s.id
       WHERE s.state = 'confirmed'
       ORDER BY l.task_id, s.confirmed_at, s.id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE settlement_payout`);
  }
}
