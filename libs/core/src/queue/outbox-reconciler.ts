import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config';
import { JobIdentity } from './job-identity';
import { JobLookup, relayedJobId } from './job-lookup';
import { QueueName } from './jobs';

interface InFlightRow {
  id: string;
  queue: QueueName;
  job_name: string;
  job_id: string;
  relayed_job_id: string | null;
  requeues: number;
  stale: boolean;
}

const BATCH = 500;
/** A job BullMQ gave up on (failed after its attempts) is written again once it was relayed this long ago. */
export const FAILED_REQUEUE_AFTER_SECONDS = 120;
/** After this many re-writes a job is dead: logged as an error and left with outbox.dead_at and its reason. */
export const MAX_REQUEUES = 5;

/**
 * The worker's reconciler of jobs handed to Redis (relayed) but not done in PostgreSQL (outbox.done_at):
 * at start-up and every JOB_RECONCILE_SECONDS. For each
 * such row it asks BullMQ for the job's state:
 * - waiting, delayed or active: left alone (a delayed job is never run early);
 * - completed: done (a row whose deterministic id BullMQ already held as completed);
 * - unknown (Redis lost its data: FLUSHALL, a restart without persistence): written again at once;
 * - failed: written again once relayed FAILED_REQUEUE_AFTER_SECONDS ago.
 * "Written again" = the row goes back to the relay with requeues + 1, under a new BullMQ id (OutboxRelay),
 * keeping its run_at; after MAX_REQUEUES it is dead. Every job is idempotent, so a job run twice is harmless.
 * Safe on every replica: each update is conditional on the row still being as read.
 */
@Injectable()
export class OutboxReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxReconciler.name);
  private timer?: NodeJS.Timeout;
  private running = false;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobLookup,
    private readonly identity: JobIdentity,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), ms);
  }

  private async tick(): Promise<void> {
    try {
      await this.reconcileOnce();
    } catch (e) {
      this.logger.warn(`job reconcile paused: ${(e as Error).message}`);
    }
    this.schedule(this.config.JOB_RECONCILE_SECONDS * 1000);
  }

  /** One pass over every relayed, not done row; answers how many were found done, written again and given up on. */
  async reconcileOnce(): Promise<{ done: number; requeued: number; dead: number }> {
    const totals = { done: 0, requeued: 0, dead: 0 };
    if (this.running) return totals;
    this.running = true;
    try {
      for (let after = '0'; ;) {
        const rows: InFlightRow[] = await this.dataSource.query(
          `SELECT id::text, queue, job_name, job_id, relayed_job_id, requeues, relayed_at < now() - make_interval(secs => $3) AS stale
             FROM outbox WHERE done_at IS NULL AND dead_at IS NULL AND relayed_at IS NOT NULL AND id > $1 ORDER BY id LIMIT $2`,
          [after, BATCH, FAILED_REQUEUE_AFTER_SECONDS],
        );
        if (!rows.length) return totals;
        after = rows[rows.length - 1].id;
        const states = await Promise.all(rows.map((r) => this.stateOf(r)));
        const done = rows.filter((_, i) => states[i] === 'completed');
        const lost = rows.filter((r, i) => states[i] === 'unknown' || (states[i] === 'failed' && r.stale));
        totals.done += await this.markDone(done);
        const { requeued, dead } = await this.requeue(lost);
        totals.requeued += requeued;
        totals.dead += dead;
      }
    } finally {
      this.running = false;
    }
  }

  /**
   * The job's state in BullMQ ('unknown': not there, or not this database's). A job not finished is read from its hash alone (getJobState scans the waiting
   * and active lists, slow behind a long backlog): it will still run, whichever of waiting, active or delayed.
   */
  private async stateOf(r: InFlightRow): Promise<string> {
    const queue = this.jobs.queue(r.queue);
    const id = await relayedJobId(this.identity, r);
    // relayed by the database this one was restored from: what BullMQ holds under that id is the other one's job
    if (!id.startsWith(`${await this.identity.current()}-`)) return 'unknown';
    const job = await queue.getJob(id);
    if (!job) return 'unknown';
    return job.finishedOn ? queue.getJobState(id) : 'waiting';
  }

  private async markDone(rows: InFlightRow[]): Promise<number> {
    if (!rows.length) return 0;
    const [, n] = await this.dataSource.query(`UPDATE outbox SET done_at = now() WHERE id = ANY($1::bigint[]) AND done_at IS NULL`, [rows.map((r) => r.id)]);
    return n;
  }

  /** Sends the rows back to the relay (or, past MAX_REQUEUES, marks them dead), each only if still relayed as read. */
  private async requeue(rows: InFlightRow[]): Promise<{ requeued: number; dead: number }> {
    if (!rows.length) return { requeued: 0, dead: 0 };
    const changed: { id: string; job_name: string; job_id: string; dead: boolean }[] = (
      await this.dataSource.query(
        `UPDATE outbox o SET relayed_at = CASE WHEN o.requeues < $3 THEN NULL ELSE o.relayed_at END,
                relayed_job_id = CASE WHEN o.requeues < $3 THEN NULL ELSE o.relayed_job_id END,
                requeues = least(o.requeues + 1, $3),
                dead_at = CASE WHEN o.requeues < $3 THEN NULL ELSE now() END,
                dead_reason = CASE WHEN o.requeues < $3 THEN NULL ELSE '任务多次交给队列后仍未完成，已停止重试 (job lost or failed ' || $3 || ' times after relay)' END
           FROM unnest($1::bigint[], $2::text[]) AS v(id, relayed_job_id)
          WHERE o.id = v.id AND o.done_at IS NULL AND o.dead_at IS NULL AND o.relayed_at IS NOT NULL AND o.relayed_job_id IS NOT DISTINCT FROM v.relayed_job_id
          RETURNING o.id::text, o.job_name, o.job_id, o.dead_at IS NOT NULL AS dead`,
        [rows.map((r) => r.id), rows.map((r) => r.relayed_job_id), MAX_REQUEUES],
      )
    )[0];
    const dead = changed.filter((c) => c.dead);
    for (const d of dead)
      this.logger.error(`job ${d.job_name} (outbox ${d.id}${d.job_id ? `, ${d.job_id}` : ''}) is dead: lost or failed ${MAX_REQUEUES} times after relay`);
    if (changed.length > dead.length) this.logger.warn(`wrote ${changed.length - dead.length} job(s) again that Redis lost or gave up on`);
    return { requeued: changed.length - dead.length, dead: dead.length };
  }
}
