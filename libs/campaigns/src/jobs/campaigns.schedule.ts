import { Clock, JOB_IDS, OutboxService, SCHEDULE_PERIOD_MS } from '#core';
import { Injectable, Logger } from '@nestjs/common';
import { Interval, Timeout } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** How often the worker's tick asks for a deadlines sweep. */
export const DEADLINES_TICK_MS = SCHEDULE_PERIOD_MS.deadlinesSweep;

/**
 * The campaigns library's schedule (@nestjs/schedule, active in the worker only: the api does not load
 * ScheduleModule). Its timers only enqueue a `deadlines.sweep` job under a per-30-second id, so any number of
 * workers ticking make one job; the work is CampaignsJobs'. The start-up catch-up is such a job too: a worker
 * that was down across reminders or deadlines runs them soon after it starts (late-reminders.ts says what a
 * late one still says).
 */
@Injectable()
export class CampaignsSchedule {
  private readonly logger = new Logger(CampaignsSchedule.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  @Timeout('deadlines-startup', 50)
  onStart(): Promise<void> {
    return this.requestSweep();
  }

  @Interval('deadlines-tick', DEADLINES_TICK_MS)
  onTick(): Promise<void> {
    return this.requestSweep();
  }

  async requestSweep(): Promise<void> {
    try {
      await this.outbox.enqueue(this.dataSource.manager, 'deadlines.sweep', {}, { jobId: JOB_IDS.deadlinesSweep(this.clock.now()) });
    } catch (e) {
      this.logger.warn(`could not enqueue the deadlines sweep: ${(e as Error).message}`);
    }
  }
}
