import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { JobCompletion } from './job-completion';
import { JobHandlers } from './job-handlers';
import { QueueName } from './jobs';
import { logQueueError } from './queue-error-log';

/** One WorkerHost per queue; each dispatches by job name through the handler map. */
abstract class DispatchingHost extends WorkerHost implements OnApplicationBootstrap {
  @Inject(JobHandlers) private readonly handlers: JobHandlers;
  @Inject(JobCompletion) private readonly completion: JobCompletion;
  onApplicationBootstrap(): void {
    this.worker.on('error', (e: Error) => logQueueError(`worker ${this.worker.name}`, e));
  }
  /** Runs the job's handler, then records in PostgreSQL that it is done (outbox.done_at, see JobCompletion). */
  async process(job: Job): Promise<unknown> {
    const result = await this.handlers.dispatch(job);
    await this.completion.markDone(job);
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
