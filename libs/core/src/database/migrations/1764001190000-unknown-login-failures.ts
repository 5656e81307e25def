import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed logins for usernames that do not exist are counted and locked like real ones: before, five
 * wrong passwords locked a real account (429) but never an unknown one (401 for ever), which told anyone
 * which usernames exist. Rows are kept only while they matter (see AuthService).
 */
export class UnknownLoginFailures1764001190000 implements MigrationInterface {
  name = 'UnknownLoginFailures1764001190000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE unknown_login_failure (
        username      text PRIMARY KEY,
        failed_logins int NOT NULL DEFAULT 0,
        failed_since  timestamptz,
        locked_until  timestamptz
      )`);
    await q.query(`CREATE INDEX unknown_login_failure_since_idx ON unknown_login_failure (failed_since)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE unknown_login_failure`);
  }
}
