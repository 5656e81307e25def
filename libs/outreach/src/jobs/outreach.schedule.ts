import { JOB_IDS, JobName, OutboxService, SCHEDULE_PERIOD_MS } from '#core';
import { Injectable, Logger } from '@nestjs/common';
import { Interval, Timeout } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * The worker's timers for reminder rounds (@nestjs/schedule, active in the worker only). They only enqueue,
 * at start-up and then every period, an `outreach.reconcile` (5 s), `outreach.resume` (10 s) or `outreach.plans` (60 s) job under an
 * id bucketed by the period, so any number of workers make one job per period; the work is OutreachJobs'.
 */
@Injectable()
export class OutreachSchedule {
  private readonly logger = new Logger(OutreachSchedule.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  // one decorator per method: @nestjs/schedule keeps one timer type per method (a @Timeout over an @Interval drops it)
  @Timeout('outreach-startup', 1000)
  async onStart(): Promise<void> {
    await this.requestReconcile();
    await this.requestResume();
    await this.requestPlans();
  }

  @Interval('outreach-reconcile', SCHEDULE_PERIOD_MS.outreachReconcile)
  requestReconcile(): Promise<void> {
    return this.enqueue('outreach.reconcile', JOB_IDS.outreachReconcile(tickInstant()));
  }

  @Interval('outreach-resume', SCHEDULE_PERIOD_MS.outreachResume)
  requestResume(): Promise<void> {
    return this.enqueue('outreach.resume', JOB_IDS.outreachResume(tickInstant()));
  }

  /** Planned rounds start on their date; a minute late is on time. At start-up it catches up on the dates it was down for. */
  @Interval('outreach-plans', SCHEDULE_PERIOD_MS.outreachPlans)
  requestPlans(): Promise<void> {
    return this.enqueue('outreach.plans', JOB_IDS.outreachPlans(tickInstant()));
  }

  private async enqueue(name: Extract<JobName, 'outreach.reconcile' | 'outreach.resume' | 'outreach.plans'>, jobId: string): Promise<void> {
    try {
      await this.outbox.enqueue(this.dataSource.manager, name, {}, { jobId });
    } catch (e) {
      this.logger.warn(`could not enqueue ${name}: ${(e as Error).message}`);
    }
  }
}

/**
 * The real instant of a tick, not the business clock's: these passes must run every period whatever the
 * business time (a test holds it still while a round sends), and a held business clock would keep one bucket,
 * so one job, for ever. The passes themselves read the business clock (quiet hours, stale claims).
 */
function tickInstant(): Date {
  return new Date();
}
