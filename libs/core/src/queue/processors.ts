import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { METRICS } from '../metrics/metrics';
import { JobCompletion } from './job-completion';
import { JobHandlers } from './job-handlers';
import { QueueName } from './jobs';
import { logQueueError } from './queue-error-log';

const logger = new Logger('Processors');

/** One WorkerHost per queue; each dispatches by job name through the handler map. */
abstract class DispatchingHost extends WorkerHost implements OnApplicationBootstrap {
  @Inject(JobHandlers) private readonly handlers: JobHandlers;
  @Inject(JobCompletion) private readonly completion: JobCompletion;
  onApplicationBootstrap(): void {
    this.worker.on('error', (e: Error) => logQueueError(`worker ${this.worker.name}`, e));
  }
  /**
   * Runs the job's handler, then records in PostgreSQL that it is done (outbox.done_at, see JobCompletion).
   * A job the handler refused (a DomainError, thrown on as UnrecoverableError: BullMQ does not retry it) is
   * recorded dead (outbox.dead_at), so the OutboxReconciler does not write it again either.
   */
  async process(job: Job): Promise<unknown> {
    let result: unknown;
    try {
      result = await this.handlers.dispatch(job);
    } catch (e) {
      METRICS.jobs.inc({ queue: job.queueName, job: job.name, outcome: e instanceof UnrecoverableError ? 'dead' : 'failed' });
      if (e instanceof UnrecoverableError) {
        await this.completion.markDead(job, e.message).catch((err: Error) => logger.warn(`could not record job ${job.name} ${job.id} dead: ${err.message}`));
      }
      throw e;
    }
    await this.completion.markDone(job);
    METRICS.jobs.inc({ queue: job.queueName, job: job.name, outcome: 'done' });
    return result;
  }
}

@Processor(QueueName.System)
export class SystemProcessor extends DispatchingHost {}
@Processor(QueueName.Notices, { concurrency: 8 })
export class NoticesProcessor extends DispatchingHost {}
@Processor(QueueName.Deadlines, { concurrency: 4 })
export class DeadlinesProcessor extends DispatchingHost {}
@Processor(QueueName.Imports, { concurrency: 1, lockDuration: 120000 })
export class ImportsProcessor extends DispatchingHost {}
@Processor(QueueName.Bulletins)
export class BulletinsProcessor extends DispatchingHost {}
@Processor(QueueName.Escalation)
export class EscalationProcessor extends DispatchingHost {}

export const PROCESSORS = [SystemProcessor, NoticesProcessor, DeadlinesProcessor, ImportsProcessor, BulletinsProcessor, EscalationProcessor];
