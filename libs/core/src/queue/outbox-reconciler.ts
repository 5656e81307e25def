import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config';
import { JobIdentity } from './job-identity';
import { TimerLoop } from './timer-loop';
import { JobLookup, relayedJobId } from './job-lookup';
import { InFlightRow, OutboxRepository } from './outbox.repository';

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
export class OutboxReconciler extends TimerLoop {
  private readonly logger = new Logger(OutboxReconciler.name);
  private running = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobLookup,
    private readonly identity: JobIdentity,
    private readonly config: AppConfig,
    private readonly outbox: OutboxRepository,
  ) {
    super();
  }

  protected async tick(): Promise<void> {
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
        const rows = await this.outbox.inFlightAfter(this.dataSource, after, BATCH, FAILED_REQUEUE_AFTER_SECONDS);
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
    return this.outbox.markDoneByIds(
      this.dataSource,
      rows.map((r) => r.id),
    );
  }

  /** Sends the rows back to the relay (or, past MAX_REQUEUES, marks them dead), each only if still relayed as read. */
  private async requeue(rows: InFlightRow[]): Promise<{ requeued: number; dead: number }> {
    if (!rows.length) return { requeued: 0, dead: 0 };
    const changed = await this.outbox.requeue(
      this.dataSource,
      rows.map((r) => r.id),
      rows.map((r) => r.relayed_job_id),
      MAX_REQUEUES,
    );
    const dead = changed.filter((c) => c.dead);
    for (const d of dead)
      this.logger.error(`job ${d.job_name} (outbox ${d.id}${d.job_id ? `, ${d.job_id}` : ''}) is dead: lost or failed ${MAX_REQUEUES} times after relay`);
    if (changed.length > dead.length) this.logger.warn(`wrote ${changed.length - dead.length} job(s) again that Redis lost or gave up on`);
    return { requeued: changed.length - dead.length, dead: dead.length };
  }
}
