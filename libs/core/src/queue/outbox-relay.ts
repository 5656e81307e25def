import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { OUTBOX_ID } from './job-completion';
import { JobIdentity } from './job-identity';
import { TimerLoop } from './timer-loop';
import { QueueName } from './jobs';
import { OutboxRepository, RelayRow } from './outbox.repository';

const BATCH = 500;
const REDIS_TIMEOUT_MS = 5000;

/**
 * Moves committed outbox rows into BullMQ. Rows are claimed with FOR UPDATE SKIP LOCKED so several
 * workers relay in parallel without sending a row twice; a row is marked relayed in the same
 * transaction only after Redis accepted the job, so a Redis outage delays jobs and loses none.
 * The BullMQ jobId is the row's deterministic id (or outbox-<id>; BullMQ refuses ":" in custom ids) after the
 * database's JobIdentity, so a relay that dies between Redis and the commit re-adds a job BullMQ already has
 * and it is ignored, while a restored or re-created database never collides with the jobs of the one before.
 * A row the OutboxReconciler wrote again (Redis lost its job) goes under `<id>-q<n>`: BullMQ may still hold
 * the old id as completed or failed and would drop the repeat. The row's id rides in the job's data (OUTBOX_ID)
 * so that the processor can mark it done (JobCompletion).
 */
@Injectable()
export class OutboxRelay extends TimerLoop {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  /** When a pass last finished without error (Date.now()): the worker's heartbeat in its readiness. */
  lastPassAt: number | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
    private readonly clock: Clock,
    private readonly identity: JobIdentity,
    private readonly rows: OutboxRepository = new OutboxRepository(),
  ) {
    super();
  }

  protected async tick(): Promise<void> {
    let moved = 0;
    try {
      moved = await this.relayOnce();
      this.lastPassAt = Date.now();
    } catch (e) {
      this.logger.warn(`outbox relay paused: ${(e as Error).message}`);
    }
    this.schedule(moved === BATCH ? 0 : 200);
  }

  /** Relays up to one batch; returns how many rows moved. */
  async relayOnce(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const relayed = await this.dataSource.transaction(async (m) => {
        const rows = await this.rows.claimToRelay(m, BATCH);
        if (!rows.length) return null;
        // the ioredis client behind BullMQ's Redis backend (its type names only the calls BullMQ makes)
        const redis = (await this.moduleRef.get<Queue>(getQueueToken(rows[0].queue), { strict: false }).getBackend().client) as unknown as Redis;
        await withTimeout(this.identity.guardAgainstRestore(redis), REDIS_TIMEOUT_MS, 'Redis did not answer in time');
        const now = this.clock.now().getTime();
        const byQueue = new Map<QueueName, RelayRow[]>();
        for (const r of rows) byQueue.set(r.queue, [...(byQueue.get(r.queue) ?? []), r]);
        const jobIds = new Map<string, string>();
        for (const r of rows) jobIds.set(r.id, (await this.identity.jobId(r.job_id, r.id)) + (r.requeues ? `-q${r.requeues}` : ''));
        for (const [name, list] of byQueue) {
          const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
          const jobs = list.map((r) => ({
            name: r.job_name,
            data: { ...r.payload, [OUTBOX_ID]: r.id },
            opts: { jobId: jobIds.get(r.id), delay: r.run_at ? Math.max(0, new Date(r.run_at).getTime() - now) : undefined },
          }));
          const add = queue.addBulk(jobs);
          await withTimeout(add, REDIS_TIMEOUT_MS, 'Redis did not accept the jobs in time');
        }
        await this.rows.markRelayed(
          m,
          rows.map((r) => r.id),
          rows.map((r) => jobIds.get(r.id)!),
        );
        return { count: rows.length, lastId: rows[rows.length - 1].id, redis };
      });
      if (!relayed) return 0;
      // after the commit, so Redis never notes more than PostgreSQL holds as relayed (JobIdentity.guardAgainstRestore)
      await withTimeout(this.identity.noteRelayed(relayed.redis, relayed.lastId), REDIS_TIMEOUT_MS, 'Redis did not answer in time').catch((e: Error) =>
        this.logger.warn(`could not note the relayed outbox ids in Redis: ${e.message}`),
      );
      return relayed.count;
    } finally {
      this.running = false;
    }
  }
}

/** `p`, or an error with `message` after `ms`. */
export function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let t: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, reject) => (t = setTimeout(() => reject(new Error(message)), ms)))]).finally(() => clearTimeout(t));
}
