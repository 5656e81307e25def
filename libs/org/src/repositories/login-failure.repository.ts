import { queryOne, queryRows } from '#core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * Where failures are counted: a user's own row, or, for a username that does not exist, a row of
 * unknown_login_failure, so that both lock alike and the answers do not tell which usernames exist.
 * Table and key are these constants, never input.
 */
export type FailureTarget = { table: 'app_user'; key: 'id'; value: number } | { table: 'unknown_login_failure'; key: 'username'; value: string };

/** The window and lock of the lockout rule (rules/lockout). */
export interface LockoutRule {
  windowMinutes: number;
  failures: number;
  lockMinutes: number;
}

/** The failure counters of logins: app_user's failed_logins/failed_since/locked_until and the table unknown_login_failure. */
@Injectable()
export class LoginFailureRepository {
  /** Starts counting for a username that does not exist (once). */
  async rememberUnknown(m: EntityManager, username: string): Promise<void> {
    await m.query(`INSERT INTO unknown_login_failure (username) VALUES ($1) ON CONFLICT DO NOTHING`, [username]);
  }

  /** Forgets up to 100 unknown usernames whose failures no longer count and whose lock has ended. */
  async forgetStaleUnknown(m: EntityManager, now: Date, olderThanMinutes: number): Promise<void> {
    await m.query(
      `DELETE FROM unknown_login_failure WHERE username IN (
         SELECT username FROM unknown_login_failure
          WHERE failed_since <= $1::timestamptz - make_interval(mins => $2) AND (locked_until IS NULL OR locked_until <= $1::timestamptz)
          LIMIT 100)`,
      [now, olderThanMinutes],
    );
  }

  /**
   * Counts one more failure (a new window once the last began too long ago; the failures-th one locks).
   * Answers the lock's end and whether this failure locked, or undefined when the target is locked already.
   */
  countFailure(
    m: EntityManager,
    target: FailureTarget,
    now: Date,
    rule: LockoutRule,
  ): Promise<{ locked_until: Date | null; just_locked: boolean } | undefined> {
    const { table, key } = target;
    return queryOne(
      m,
      `WITH f AS (
         UPDATE ${table} u SET
           failed_logins = CASE WHEN w.fresh THEN 0 ELSE w.n END,
           failed_since  = CASE WHEN w.fresh THEN NULL ELSE w.since END,
           locked_until  = CASE WHEN w.fresh THEN $2::timestamptz + make_interval(mins => $5) ELSE u.locked_until END
         FROM (SELECT ${key} AS k,
                      CASE WHEN failed_since > $2::timestamptz - make_interval(mins => $3) THEN failed_logins + 1 ELSE 1 END AS n,
                      CASE WHEN failed_since > $2::timestamptz - make_interval(mins => $3) THEN failed_since ELSE $2::timestamptz END AS since,
                      (CASE WHEN failed_since > $2::timestamptz - make_interval(mins => $3) THEN failed_logins + 1 ELSE 1 END) >= $4 AS fresh
                 FROM ${table} WHERE ${key} = $1 FOR UPDATE) w
         WHERE u.${key} = w.k AND (u.locked_until IS NULL OR u.locked_until <= $2::timestamptz)
         RETURNING u.locked_until, w.fresh AS just_locked)
       SELECT * FROM f`,
      [target.value, now, rule.windowMinutes, rule.failures, rule.lockMinutes],
    );
  }

  /** The end of the target's lock. */
  async lockedUntil(m: EntityManager, target: FailureTarget): Promise<Date> {
    const [{ locked_until }] = await queryRows<{ locked_until: Date }>(m, `SELECT locked_until FROM ${target.table} WHERE ${target.key} = $1`, [target.value]);
    return locked_until;
  }
}
