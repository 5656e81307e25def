import { Injectable, Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { DomainError } from '../errors/domain-error';
import { handlerPayload } from './job-completion';
import { JOB_QUEUE, JobName, JobPayload } from './jobs';

export type JobHandler<N extends JobName> = (payload: JobPayload<N>, job: Job) => Promise<unknown>;

/** Handlers by job name. Domain services register theirs at module init; the worker checks at start-up that every job has one. */
@Injectable()
export class JobHandlers {
  private readonly logger = new Logger(JobHandlers.name);
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();

  register<N extends JobName>(name: N, handler: JobHandler<N>): void {
    if (this.handlers.has(name)) throw new Error(`job ${name} has two handlers`);
    this.handlers.set(name, handler as unknown as JobHandler<JobName>);
  }

  /** Names of jobs without a handler (the worker refuses to start when any is missing). */
  missing(): JobName[] {
    return (Object.keys(JOB_QUEUE) as JobName[]).filter((n) => !this.handlers.has(n));
  }

  async dispatch(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name as JobName);
    if (!handler) throw new Error(`no handler for job ${job.name}`);
    this.logger.debug(`run ${job.name} ${job.id}`);
    try {
      return await handler(handlerPayload(job.data) as JobPayload<JobName>, job);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      // a refusal of the domain (a record gone, a state that no longer allows it) answers the same on every
      // attempt: the job fails at once instead of running its attempts out, and the reason is logged
      this.logger.warn(`job ${job.name} ${job.id} refused (${e.code}): ${e.message}`);
      throw new UnrecoverableError(`${e.code}: ${e.message}`);
    }
  }
}
