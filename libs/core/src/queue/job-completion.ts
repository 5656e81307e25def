import { Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { OutboxRepository } from './outbox.repository';

/** The key under which the relay puts a job's outbox row id into its BullMQ data (handlers never see it). */
export const OUTBOX_ID = '_outboxId';

/** A job's data as its handler sees it: without the outbox row id. */
export function handlerPayload(data: Record<string, unknown>): Record<string, unknown> {
  if (!data || !(OUTBOX_ID in data)) return data;
  const { [OUTBOX_ID]: _, ...payload } = data;
  return payload;
}

function outboxIdOf(job: Job): unknown {
  return (job.data as Record<string, unknown>)?.[OUTBOX_ID] ?? null;
}

/**
 * Records in PostgreSQL that an outbox job is done (outbox.done_at), right after its handler succeeded.
 * Every row relayed under the job's BullMQ id is done (rows with one deterministic id share one job), and
 * so is the job's own row while it waits to be relayed again (the job Redis was thought to have lost ran
 * after all). Should this write fail, the job fails and BullMQ runs it again: every handler is idempotent.
 * A handler whose effect is one transaction calls markDone(job, m) in it, so the effect and its "done"
 * commit together; the processor's own call after the handler then changes nothing.
 */
@Injectable()
export class JobCompletion {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rows: OutboxRepository = new OutboxRepository(),
  ) {}

  async markDone(job: Job | undefined, m: EntityManager = this.dataSource.manager): Promise<void> {
    if (!job) return; // the handler was called directly, not as a queue job
    await this.rows.markDone(m, job.id, outboxIdOf(job));
  }

  /**
   * Records that an outbox job will never succeed (its handler refused it with a DomainError): the rows markDone
   * would mark get outbox.dead_at and the reason, so the OutboxReconciler does not write the job again.
   */
  async markDead(job: Job, reason: string): Promise<void> {
    await this.rows.markDead(this.dataSource.manager, job.id, outboxIdOf(job), reason.slice(0, 1000));
  }
}
