import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JOB_QUEUE, JobName, JobPayload } from './jobs';
import { OutboxRepository } from './outbox.repository';

export interface EnqueueOptions {
  /** Deterministic id where a job must happen once, e.g. `overdue-<taskId>-<deadline>` (no ':' - BullMQ refuses it). */
  jobId?: string;
  /** Run no earlier than this instant (a delayed job). */
  runAt?: Date;
}

/**
 * The only way to add a job. The job is written as an outbox row in the caller's transaction, so a
 * job caused by a database change exists exactly when the change committed, even if Redis is down;
 * the worker's OutboxRelay moves it to BullMQ afterwards.
 */
@Injectable()
export class OutboxService {
  constructor(private readonly rows: OutboxRepository = new OutboxRepository()) {}

  async enqueue<N extends JobName>(manager: EntityManager, name: N, payload: JobPayload<N>, opts: EnqueueOptions = {}): Promise<void> {
    await this.enqueueMany(manager, [{ name, payload, opts }]);
  }

  async enqueueMany<N extends JobName>(manager: EntityManager, jobs: { name: N; payload: JobPayload<N>; opts?: EnqueueOptions }[]): Promise<void> {
    for (let i = 0; i < jobs.length; i += 1000) {
      const chunk = jobs.slice(i, i + 1000);
      await this.rows.insertMany(
        manager,
        chunk.map((j) => ({
          queue: JOB_QUEUE[j.name],
          jobName: j.name,
          jobId: j.opts?.jobId ?? '',
          payload: JSON.stringify(j.payload),
          runAt: j.opts?.runAt ?? null,
        })),
      );
    }
  }
}
