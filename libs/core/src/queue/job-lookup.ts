import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { EntityManager } from 'typeorm';
import { JobIdentity } from './job-identity';
import { JOB_QUEUE, JobName, QueueName } from './jobs';
import { OutboxRepository } from './outbox.repository';

export const WILL_RUN = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/** What PostgreSQL knows of an outbox job: not yet relayed, handed to Redis, done, or given up on (dead). */
export type OutboxJobState = 'none' | 'waiting' | 'relayed' | 'done' | 'dead';

/** The BullMQ id of a relayed row: the one it was relayed under, or (a row relayed before that was noted) its first. */
export async function relayedJobId(identity: JobIdentity, row: { id: string; job_id: string; relayed_job_id: string | null }): Promise<string> {
  return row.relayed_job_id ?? (await identity.jobId(row.job_id, row.id));
}

/**
 * Whether a job written to the outbox will still run: its row is not yet relayed, or BullMQ holds it
 * waiting, delayed or active. A row relayed to a Redis that has since lost its data (FLUSHALL, a restart
 * without persistence) or a job BullMQ gave up on is not pending: a retry may write it again (and the
 * OutboxReconciler writes it again by itself). A done or dead row is not pending.
 */
@Injectable()
export class JobLookup {
  private readonly logger = new Logger(JobLookup.name);

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly identity: JobIdentity,
    private readonly rows: OutboxRepository = new OutboxRepository(),
  ) {}

  /** Of the jobs `name` whose id starts with `jobIdPrefix`, what PostgreSQL knows of the latest written. */
  async latest(m: EntityManager, name: JobName, jobIdPrefix: string): Promise<{ state: OutboxJobState; bullId: string | null }> {
    const row = await this.rows.latestByPrefix(m, name, jobIdPrefix.replace(/[\\%_]/g, '\\$&'));
    if (!row) return { state: 'none', bullId: null };
    return { state: row.state, bullId: row.state === 'relayed' ? await relayedJobId(this.identity, row) : null };
  }

  /** Of the jobs `name` whose id starts with `jobIdPrefix`, whether the latest written will still run. */
  async isPending(m: EntityManager, name: JobName, jobIdPrefix: string): Promise<boolean> {
    const { state, bullId } = await this.latest(m, name, jobIdPrefix);
    if (state !== 'relayed') return state === 'waiting';
    try {
      return WILL_RUN.has(await this.queue(JOB_QUEUE[name]).getJobState(bullId!));
    } catch (e) {
      // Redis unreachable: writing the job again is safe (every job is idempotent), refusing would leave it stuck
      this.logger.warn(`could not look up job ${bullId} in Redis: ${(e as Error).message}`);
      return false;
    }
  }

  /** The BullMQ queue named `name`. */
  queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }
}
