import { queryAffected, queryOne } from '#core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { USER_COLUMNS, UserRow } from './app-user.repository';

/** A refresh token's session and user, as a refresh needs them. */
export type RefreshRow = UserRow & { used_at: Date | null; session_id: string; revoked_at: Date | null; last_seen_at: Date };

/** Every statement on user_session and user_refresh_token. */
@Injectable()
export class UserSessionRepository {
  /** Inserts a session seen last at its start. */
  async insertSession(m: EntityManager, id: string, userId: number, at: Date, ip: string | null): Promise<void> {
    await m.query(`INSERT INTO user_session (id, user_id, created_at, last_seen_at, ip) VALUES ($1, $2, $3, $3, $4)`, [id, userId, at, ip]);
  }

  /** Inserts a refresh token (its SHA-256) of a session. */
  async insertRefreshToken(m: EntityManager, tokenHash: string, sessionId: string, at: Date): Promise<void> {
    await m.query(`INSERT INTO user_refresh_token (token_hash, session_id, issued_at) VALUES ($1, $2, $3)`, [tokenHash, sessionId, at]);
  }

  /** Revokes every live session of a user; answers how many. */
  revokeAll(m: EntityManager, userId: number, at: Date, reason: string): Promise<number> {
    return queryAffected(m, `UPDATE user_session SET revoked_at = $2, revoked_reason = $3 WHERE user_id = $1 AND revoked_at IS NULL`, [userId, at, reason]);
  }

  /** Revokes one session unless it is revoked already. */
  async revoke(m: EntityManager, sessionId: string, at: Date, reason: string): Promise<void> {
    await m.query(`UPDATE user_session SET revoked_at = $2, revoked_reason = $3 WHERE id = $1 AND revoked_at IS NULL`, [sessionId, at, reason]);
  }

  /** The refresh token's session and user, token and session locked, or undefined for an unknown token. */
  refreshRowForUpdate(m: EntityManager, tokenHash: string): Promise<RefreshRow | undefined> {
    return queryOne(
      m,
      `SELECT ${USER_COLUMNS}, t.used_at, s.id AS session_id, s.revoked_at, s.last_seen_at
           FROM user_refresh_token t JOIN user_session s ON s.id = t.session_id
           JOIN app_user u ON u.id = s.user_id JOIN org_unit o ON o.id = u.org_unit_id
          WHERE t.token_hash = $1 FOR UPDATE OF t, s`,
      [tokenHash],
    );
  }

  /** Spends a refresh token and records the session's activity. */
  async spend(m: EntityManager, tokenHash: string, sessionId: string, at: Date): Promise<void> {
    await m.query(`UPDATE user_refresh_token SET used_at = $2 WHERE token_hash = $1`, [tokenHash, at]);
    await m.query(`UPDATE user_session SET last_seen_at = $2 WHERE id = $1`, [sessionId, at]);
  }

  /** Touches a live, not idle session of the user and answers the user, in one statement; undefined when the session is over. */
  touchAndLoadUser(m: EntityManager, userId: number, sessionId: string, at: Date, idleCutoff: Date): Promise<UserRow | undefined> {
    return queryOne(
      m,
      `WITH s AS (
         UPDATE user_session SET last_seen_at = $3
          WHERE id = $2 AND user_id = $1 AND revoked_at IS NULL AND last_seen_at > $4
          RETURNING user_id)
       SELECT ${USER_COLUMNS} FROM s JOIN app_user u ON u.id = s.user_id JOIN org_unit o ON o.id = u.org_unit_id`,
      [userId, sessionId, at, idleCutoff],
    );
  }
}
