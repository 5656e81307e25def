import { MigrationInterface, QueryRunner } from 'typeorm';

/** Logins: sessions with rotating refresh tokens, lockout counters, forced password change, client address in the audit log. */
export class AuthSessions1764000900000 implements MigrationInterface {
  name = 'AuthSessions1764000900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE app_user
        ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
        ADD COLUMN failed_logins        int NOT NULL DEFAULT 0,
        ADD COLUMN failed_since         timestamptz,
        ADD COLUMN locked_until         timestamptz,
        ADD COLUMN password_changed_at  timestamptz`);
    // One row per login; every access token names its session, the guard checks it on every request.
    await q.query(`
      CREATE TABLE user_session (
        id              uuid PRIMARY KEY,
        user_id         int NOT NULL REFERENCES app_user(id),
        created_at      timestamptz NOT NULL,
        last_seen_at    timestamptz NOT NULL,
        revoked_at      timestamptz,
        revoked_reason  text,
        ip              text
      )`);
    await q.query(`CREATE INDEX user_session_live_idx ON user_session (user_id) WHERE revoked_at IS NULL`);
    // Every refresh token a session was ever given (SHA-256 of the token): a used one presented again is a theft signal.
    await q.query(`
      CREATE TABLE user_refresh_token (
        token_hash  text PRIMARY KEY,
        session_id  uuid NOT NULL REFERENCES user_session(id),
        issued_at   timestamptz NOT NULL,
        used_at     timestamptz
      )`);
    await q.query(`CREATE INDEX user_refresh_token_session_idx ON user_refresh_token (session_id)`);
    await q.query(`ALTER TABLE audit_log ADD COLUMN ip text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log DROP COLUMN ip`);
    await q.query(`DROP TABLE user_refresh_token, user_session`);
    await q.query(`
      ALTER TABLE app_user DROP COLUMN must_change_password, DROP COLUMN failed_logins, DROP COLUMN failed_since,
        DROP COLUMN locked_until, DROP COLUMN password_changed_at`);
  }
}
