import { Clock, JOB_IDS, OutboxService, SCHEDULE_PERIOD_MS } from '#core';
import { Injectable, Logger } from '@nestjs/common';
import { Interval, Timeout } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * Progress's timers (worker only: ScheduleModule is not loaded by the api) only enqueue a progress.reconcile
 * job under a ten-minute id, at start-up (a worker that was down catches up on the bulletins and settlements
 * it missed) and every ten minutes; the work is ProgressJobs'.
 */
@Injectable()
export class ProgressSchedule {
  private readonly logger = new Logger(ProgressSchedule.name);
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  // one decorator per method: @nestjs/schedule keeps one timer type per method (a @Timeout over an @Interval drops it)
  @Timeout('progress-reconcile-startup', 1000)
  onStart(): Promise<void> {
    return this.tick();
  }

  @Interval('progress-reconcile', SCHEDULE_PERIOD_MS.progressReconcile)
  async tick(): Promise<void> {
    try {
      await this.outbox.enqueue(this.ds.manager, 'progress.reconcile', {}, { jobId: JOB_IDS.progressReconcile(this.clock.now()) });
    } catch (e) {
      this.logger.warn(`progress tick not enqueued: ${(e as Error).message}`);
    }
  }
}
