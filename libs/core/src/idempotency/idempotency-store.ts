import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';

/** How long a key is kept: a key sent again after a day is a new request. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3600_000;

/**
 * A key's first request touches alive_at this often while it runs; a key without an answer whose request
 * has not done so for IDEMPOTENCY_PENDING_STALE_MS lost it (its process died, or it answered 503 while the
 * database was down and could not free the key): the next request under it runs.
 */
export const IDEMPOTENCY_HEARTBEAT_MS = 5_000;
export const IDEMPOTENCY_PENDING_STALE_MS = 20_000;

/** Without a key: the same write by the same user again within this time is a double click, answered with the first one's result. */
export const REPEAT_WINDOW_MS = 60_000;

/** One caller's key and the request it was first sent with. */
export interface KeyRef {
  userId: number;
  key: string;
  method: string;
  path: string;
  requestHash: string;
}

/** A key's row: status NULL while its first request still runs. */
export interface StoredKey {
  requestHash: string;
  status: number | null;
  response: unknown;
}

/** The idempotency_key table (migration 1764001100000). Times are the Clock's, so tests can age a key. */
@Injectable()
export class IdempotencyStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Claims the key for this request: true when it is new (or its old row had expired, or lost its request,
   * and is replaced), false when another request holds it. One statement, so concurrent claims of one key
   * give one owner.
   */
  async claim(ref: KeyRef): Promise<boolean> {
    const now = this.clock.now();
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_key (user_id, key, method, path, request_hash, created_at, alive_at) VALUES ($1, $2, $3, $4, $5, $6, $6)
       ON CONFLICT (user_id, key) DO UPDATE
          SET method = EXCLUDED.method, path = EXCLUDED.path, request_hash = EXCLUDED.request_hash, created_at = EXCLUDED.created_at,
              alive_at = EXCLUDED.alive_at, status = NULL, response = NULL, completed_at = NULL
        WHERE idempotency_key.created_at <= $7 OR (idempotency_key.status IS NULL AND idempotency_key.alive_at <= $8)
       RETURNING user_id`,
      [
        ref.userId,
        ref.key,
        ref.method,
        ref.path,
        ref.requestHash,
        now,
        new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS),
        new Date(now.getTime() - IDEMPOTENCY_PENDING_STALE_MS),
      ],
    );
    return rows.length === 1;
  }

  async find(ref: KeyRef): Promise<StoredKey | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT request_hash AS "requestHash", status, response FROM idempotency_key WHERE user_id = $1 AND key = $2`,
      [ref.userId, ref.key],
    );
    return row;
  }

  /** Stores the first request's answer, for every later request under the key. */
  async complete(ref: KeyRef, status: number, response: unknown): Promise<void> {
    await this.dataSource.query(`UPDATE idempotency_key SET status = $3, response = $4::json, completed_at = $5 WHERE user_id = $1 AND key = $2`, [
      ref.userId,
      ref.key,
      status,
      JSON.stringify(response ?? null),
      this.clock.now(),
    ]);
  }

  /** The first request is still running (IDEMPOTENCY_HEARTBEAT_MS). */
  async touch(ref: KeyRef): Promise<void> {
    await this.dataSource.query(`UPDATE idempotency_key SET alive_at = $3 WHERE user_id = $1 AND key = $2 AND status IS NULL`, [
      ref.userId,
      ref.key,
      this.clock.now(),
    ]);
  }

  /** The first request failed: nothing was stored, so the key may be used again. */
  async release(ref: KeyRef): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_key WHERE user_id = $1 AND key = $2 AND status IS NULL`, [ref.userId, ref.key]);
  }

  /** Deletes the keys older than a day; returns how many. */
  async sweep(): Promise<number> {
    const [, n] = await this.dataSource.query(`DELETE FROM idempotency_key WHERE created_at <= $1`, [
      new Date(this.clock.now().getTime() - IDEMPOTENCY_KEY_TTL_MS),
    ]);
    return n;
  }
}
