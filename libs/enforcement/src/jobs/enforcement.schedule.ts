import { Clock, JOB_IDS, OutboxService, SCHEDULE_PERIOD_MS } from '#core';
import { Injectable, Logger } from '@nestjs/common';
import { Interval, Timeout } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * Enforcement's schedule (@nestjs/schedule, active in the worker only). Its timers only enqueue an
 * `enforcement.reconcile` job under a per-minute id, so any number of workers ticking make one job; the
 * work is EnforcementJobs'. The start-up catch-up is such a job too: a worker that was down across a
 * cutoff runs it soon after it starts, dated to the cutoff.
 */
@Injectable()
export class EnforcementSchedule {
  private readonly logger = new Logger(EnforcementSchedule.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  // soon after start, so that the catch-up job has run well before anything else the worker is asked to do
  @Timeout('enforcement-startup', 50)
  onStart(): Promise<void> {
    return this.requestReconcile();
  }

  @Interval('enforcement-tick', SCHEDULE_PERIOD_MS.enforcementReconcile)
  onTick(): Promise<void> {
    return this.requestReconcile();
  }

  async requestReconcile(): Promise<void> {
    try {
      await this.outbox.enqueue(this.dataSource.manager, 'enforcement.reconcile', {}, { jobId: JOB_IDS.enforcementReconcile(this.clock.now()) });
    } catch (e) {
      this.logger.warn(`could not enqueue the enforcement reconcile: ${(e as Error).message}`);
    }
  }
}
