import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { IdempotencyKeyRepository } from './idempotency-key.repository';

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

/** Claims, answers and sweeps of idempotency keys (table idempotency_key). Times are the Clock's, so tests can age a key. */
@Injectable()
export class IdempotencyStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly keys: IdempotencyKeyRepository = new IdempotencyKeyRepository(),
  ) {}

  /**
   * Claims the key for this request: true when it is new (or its old row had expired, or lost its request,
   * and is replaced), false when another request holds it. One statement, so concurrent claims of one key
   * give one owner.
   */
  async claim(ref: KeyRef): Promise<boolean> {
    const now = this.clock.now();
    return this.keys.claim(this.dataSource, ref, now, new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS), new Date(now.getTime() - IDEMPOTENCY_PENDING_STALE_MS));
  }

  async find(ref: KeyRef): Promise<StoredKey | undefined> {
    return this.keys.find(this.dataSource, ref.userId, ref.key);
  }

  /** Stores the first request's answer, for every later request under the key. */
  async complete(ref: KeyRef, status: number, response: unknown): Promise<void> {
    await this.keys.complete(this.dataSource, ref.userId, ref.key, status, JSON.stringify(response ?? null), this.clock.now());
  }

  /** The first request is still running (IDEMPOTENCY_HEARTBEAT_MS). */
  async touch(ref: KeyRef): Promise<void> {
    await this.keys.touch(this.dataSource, ref.userId, ref.key, this.clock.now());
  }

  /** The first request failed: nothing was stored, so the key may be used again. */
  async release(ref: KeyRef): Promise<void> {
    await this.keys.release(this.dataSource, ref.userId, ref.key);
  }

  /** Deletes the keys older than a day; returns how many. */
  async sweep(): Promise<number> {
    return this.keys.deleteCreatedBefore(this.dataSource, new Date(this.clock.now().getTime() - IDEMPOTENCY_KEY_TTL_MS));
  }
}
