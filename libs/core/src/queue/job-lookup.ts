import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { EntityManager } from 'typeorm';
import { JobIdentity } from './job-identity';
import { JOB_QUEUE, JobName } from './jobs';

const WILL_RUN = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/**
 * Whether a job written to the outbox will still run: its row is not yet relayed, or BullMQ holds it
 * waiting, delayed or active. A row relayed to a Redis that has since lost its data (FLUSHALL, a restart
 * without persistence) or a job BullMQ gave up on is not pending: a retry may write it again.
 */
@Injectable()
export class JobLookup {
  private readonly logger = new Logger(JobLookup.name);

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly identity: JobIdentity,
  ) {}

  /** Of the jobs `name` whose id starts with `jobIdPrefix`, whether the latest written will still run. */
  async isPending(m: EntityManager, name: JobName, jobIdPrefix: string): Promise<boolean> {
    const [row] = await m.query(
      `SELECT job_id, relayed_at IS NULL AS waiting FROM outbox WHERE job_id LIKE $1 || '%' AND job_name = $2 ORDER BY id DESC LIMIT 1`,
      [jobIdPrefix.replace(/[\\%_]/g, '\\$&'), name],
    );
    if (!row) return false;
    if (row.waiting) return true;
    try {
      const queue = this.moduleRef.get<Queue>(getQueueToken(JOB_QUEUE[name]), { strict: false });
      const job = await queue.getJob(await this.identity.jobId(row.job_id, ''));
      return !!job && WILL_RUN.has(await job.getState());
    } catch (e) {
      // Redis unreachable: writing the job again is safe (every job is idempotent), refusing would leave it stuck
      this.logger.warn(`could not look up job ${row.job_id} in Redis: ${(e as Error).message}`);
      return false;
    }
  }
}
