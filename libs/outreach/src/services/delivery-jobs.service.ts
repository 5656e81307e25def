import { JOB_IDS, OutboxService } from '#core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SEND_BATCH } from '../outreach.types';

/** Queues deliver jobs in the caller's transaction. */
@Injectable()
export class DeliveryJobs {
  constructor(private readonly outbox: OutboxService) {}

  /** One deliver job per SEND_BATCH messages, written as outbox rows in one statement (per 1 000 jobs). */
  async enqueue(m: EntityManager, ids: number[], tag = ''): Promise<void> {
    const jobs = [];
    for (let i = 0; i < ids.length; i += SEND_BATCH) {
      const chunk = ids.slice(i, i + SEND_BATCH);
      jobs.push({ name: 'notices.deliver' as const, payload: { messageIds: chunk }, opts: tag ? { jobId: JOB_IDS.deliver(chunk[0], chunk.length, tag) } : {} });
    }
    if (jobs.length) await this.outbox.enqueueMany(m, jobs);
  }
}
