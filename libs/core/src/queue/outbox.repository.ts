import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryAffected, queryOne, queryRows, Queryable } from '../database/sql';
import { QueueName } from './jobs';

/** A row to write: its queue, job name, deterministic id ('' for none), payload as JSON text, delay. */
export interface NewOutboxRow {
  queue: QueueName;
  jobName: string;
  jobId: string;
  payload: string;
  runAt: Date | null;
}

/** A row the relay hands to BullMQ. */
export interface RelayRow {
  id: string;
  queue: QueueName;
  job_name: string;
  job_id: string;
  payload: object;
  run_at: Date | null;
  requeues: number;
}

/** A relayed, not done row the reconciler asks BullMQ about; stale: relayed longer ago than the reconciler's wait. */
export interface InFlightRow {
  id: string;
  queue: QueueName;
  job_name: string;
  job_id: string;
  relayed_job_id: string | null;
  requeues: number;
  stale: boolean;
}

/** Every statement on the outbox table. */
@Injectable()
export class OutboxRepository {
  /** Inserts rows in one statement. */
  async insertMany(m: Queryable | EntityManager, rows: NewOutboxRow[]): Promise<void> {
    await m.query(
      `INSERT INTO outbox (queue, job_name, job_id, payload, run_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::timestamptz[])`,
      [rows.map((r) => r.queue), rows.map((r) => r.jobName), rows.map((r) => r.jobId), rows.map((r) => r.payload), rows.map((r) => r.runAt)],
    );
  }

  /** Marks done every row relayed under the BullMQ id, and the job's own row while it waits to be relayed again. */
  async markDone(m: Queryable | EntityManager, bullId: string | undefined, outboxId: unknown): Promise<void> {
    await m.query(`UPDATE outbox SET done_at = now() WHERE done_at IS NULL AND (relayed_job_id = $1 OR (id = $2::bigint AND relayed_job_id IS NULL))`, [
      bullId,
      outboxId,
    ]);
  }

  /** Gives up on the same rows as markDone (the reconciler skips dead rows); answers how many. */
  markDead(m: Queryable | EntityManager, bullId: string | undefined, outboxId: unknown, reason: string): Promise<number> {
    return queryAffected(
      m,
      `UPDATE outbox SET dead_at = now(), dead_reason = $3
        WHERE done_at IS NULL AND dead_at IS NULL AND (relayed_job_id = $1 OR (id = $2::bigint AND relayed_job_id IS NULL))`,
      [bullId, outboxId, reason],
    );
  }

  /** Of the jobs `name` whose id starts with the prefix (LIKE-escaped by the caller), the latest row with its state. */
  latestByPrefix(
    m: Queryable | EntityManager,
    name: string,
    escapedPrefix: string,
  ): Promise<{ id: string; job_id: string; relayed_job_id: string | null; state: 'dead' | 'done' | 'waiting' | 'relayed' } | undefined> {
    return queryOne(
      m,
      `SELECT id::text, job_id, relayed_job_id,
              CASE WHEN dead_at IS NOT NULL THEN 'dead' WHEN done_at IS NOT NULL THEN 'done' WHEN relayed_at IS NULL THEN 'waiting' ELSE 'relayed' END AS state
         FROM outbox WHERE job_id LIKE $1 || '%' AND job_name = $2 ORDER BY id DESC LIMIT 1`,
      [escapedPrefix, name],
    );
  }

  /** The id of the newest row ever relayed (a re-queued, done or dead row counts; by the primary key, backwards), or undefined. */
  async lastEverRelayedId(m: Queryable): Promise<string | undefined> {
    const row = await queryOne<{ last_id: string }>(
      m,
      `SELECT id::text AS last_id FROM outbox WHERE relayed_at IS NOT NULL OR requeues > 0 OR done_at IS NOT NULL OR dead_at IS NOT NULL ORDER BY id DESC LIMIT 1`,
    );
    return row?.last_id;
  }

  /**
   * The jobs written and not yet handed to Redis (metrics, readiness): how many, and the age in seconds of the oldest
   * (0 when none), read through the pending rows' partial index (outbox_pending_idx).
   */
  async waiting(db: Queryable): Promise<{ count: number; oldestSeconds: number }> {
    const row = await queryOne<{ count: number; oldest: number | null }>(
      db,
      `SELECT count(*)::int AS count, EXTRACT(EPOCH FROM now() - min(created_at))::float8 AS oldest
         FROM outbox WHERE relayed_at IS NULL AND done_at IS NULL AND dead_at IS NULL`,
    );
    return { count: row?.count ?? 0, oldestSeconds: Math.max(0, row?.oldest ?? 0) };
  }

  /** Claims up to `limit` rows to relay, oldest first, skipping rows another relay holds. */
  claimToRelay(m: EntityManager, limit: number): Promise<RelayRow[]> {
    return queryRows(
      m,
      `SELECT id, queue, job_name, job_id, payload, run_at, requeues FROM outbox
            WHERE relayed_at IS NULL AND done_at IS NULL AND dead_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  /** Marks rows relayed under their BullMQ ids. */
  async markRelayed(m: EntityManager, ids: string[], bullIds: string[]): Promise<void> {
    await m.query(
      `UPDATE outbox o SET relayed_at = now(), relayed_job_id = v.job_id FROM unnest($1::bigint[], $2::text[]) AS v(id, job_id) WHERE o.id = v.id`,
      [ids, bullIds],
    );
  }

  /** The next batch of relayed, not done, not dead rows after an id. */
  inFlightAfter(m: Queryable, after: string, limit: number, staleSeconds: number): Promise<InFlightRow[]> {
    return queryRows(
      m,
      `SELECT id::text, queue, job_name, job_id, relayed_job_id, requeues, relayed_at < now() - make_interval(secs => $3) AS stale
             FROM outbox WHERE done_at IS NULL AND dead_at IS NULL AND relayed_at IS NOT NULL AND id > $1 ORDER BY id LIMIT $2`,
      [after, limit, staleSeconds],
    );
  }

  /** Marks rows done by id; answers how many were not done yet. */
  markDoneByIds(m: Queryable, ids: string[]): Promise<number> {
    return queryAffected(m, `UPDATE outbox SET done_at = now() WHERE id = ANY($1::bigint[]) AND done_at IS NULL`, [ids]);
  }

  /**
   * Sends rows back to the relay with requeues + 1 (past maxRequeues: dead, with the reason), each only if still
   * relayed under the id read; answers the rows changed.
   */
  requeue(
    m: Queryable,
    ids: string[],
    relayedJobIds: (string | null)[],
    maxRequeues: number,
  ): Promise<{ id: string; job_name: string; job_id: string; dead: boolean }[]> {
    return queryRows(
      m,
      `UPDATE outbox o SET relayed_at = CASE WHEN o.requeues < $3 THEN NULL ELSE o.relayed_at END,
                relayed_job_id = CASE WHEN o.requeues < $3 THEN NULL ELSE o.relayed_job_id END,
                requeues = least(o.requeues + 1, $3),
                dead_at = CASE WHEN o.requeues < $3 THEN NULL ELSE now() END,
                dead_reason = CASE WHEN o.requeues < $3 THEN NULL ELSE '任务多次交给队列后仍未完成，已停止重试 (job lost or failed ' || $3 || ' times after relay)' END
           FROM unnest($1::bigint[], $2::text[]) AS v(id, relayed_job_id)
          WHERE o.id = v.id AND o.done_at IS NULL AND o.dead_at IS NULL AND o.relayed_at IS NOT NULL AND o.relayed_job_id IS NOT DISTINCT FROM v.relayed_job_id
          RETURNING o.id::text, o.job_name, o.job_id, o.dead_at IS NOT NULL AS dead`,
      [ids, relayedJobIds, maxRequeues],
    );
  }
}
