import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryAffected, queryOne, Queryable } from '../database/sql';

/** A key's row as the store reads it. */
export interface IdempotencyKeyRow {
  requestHash: string;
  status: number | null;
  response: unknown;
}

type Db = Queryable | EntityManager;

/** Every statement on idempotency_key (migrations 1764001100000, 1764001194000). */
@Injectable()
export class IdempotencyKeyRepository {
  /**
   * Inserts the key, or takes over its row when that expired (created at or before expiredAt) or lost its request
   * (no answer, last alive at or before staleAt); answers whether this request now holds it.
   */
  async claim(
    db: Db,
    ref: { userId: number; key: string; method: string; path: string; requestHash: string },
    now: Date,
    expiredAt: Date,
    staleAt: Date,
  ): Promise<boolean> {
    const n = await queryAffected(
      db,
      `INSERT INTO idempotency_key (user_id, key, method, path, request_hash, created_at, alive_at) VALUES ($1, $2, $3, $4, $5, $6, $6)
       ON CONFLICT (user_id, key) DO UPDATE
          SET method = EXCLUDED.method, path = EXCLUDED.path, request_hash = EXCLUDED.request_hash, created_at = EXCLUDED.created_at,
              alive_at = EXCLUDED.alive_at, status = NULL, response = NULL, completed_at = NULL
        WHERE idempotency_key.created_at <= $7 OR (idempotency_key.status IS NULL AND idempotency_key.alive_at <= $8)
       RETURNING user_id`,
      [ref.userId, ref.key, ref.method, ref.path, ref.requestHash, now, expiredAt, staleAt],
    );
    return n === 1;
  }

  /** The key's row, or undefined. */
  find(db: Db, userId: number, key: string): Promise<IdempotencyKeyRow | undefined> {
    return queryOne(db, `SELECT request_hash AS "requestHash", status, response FROM idempotency_key WHERE user_id = $1 AND key = $2`, [userId, key]);
  }

  /** Stores the answer of the key's first request. */
  async complete(db: Db, userId: number, key: string, status: number, responseJson: string, at: Date): Promise<void> {
    await db.query(`UPDATE idempotency_key SET status = $3, response = $4::json, completed_at = $5 WHERE user_id = $1 AND key = $2`, [
      userId,
      key,
      status,
      responseJson,
      at,
    ]);
  }

  /** The key's first request is still running: it touches alive_at while it has no answer. */
  async touch(db: Db, userId: number, key: string, at: Date): Promise<void> {
    await db.query(`UPDATE idempotency_key SET alive_at = $3 WHERE user_id = $1 AND key = $2 AND status IS NULL`, [userId, key, at]);
  }

  /** Deletes the key while it has no answer. */
  async release(db: Db, userId: number, key: string): Promise<void> {
    await db.query(`DELETE FROM idempotency_key WHERE user_id = $1 AND key = $2 AND status IS NULL`, [userId, key]);
  }

  /** Deletes the keys created at or before a time; answers how many. */
  deleteCreatedBefore(db: Db, at: Date): Promise<number> {
    return queryAffected(db, `DELETE FROM idempotency_key WHERE created_at <= $1`, [at]);
  }
}
