import { JOB_IDS, OutboxService, SCHEDULE_PERIOD_MS } from '#core';
import { Injectable, Logger } from '@nestjs/common';
import { Interval, Timeout } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * The notices library's schedule (worker only): enqueues a `notices.reescalate` job at start-up and every minute under an
 * id bucketed by the minute, so any number of workers make one job; the work is ReescalationService's.
 */
@Injectable()
export class NoticesSchedule {
  private readonly logger = new Logger(NoticesSchedule.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  @Timeout('notices-startup', 1000)
  onStart(): Promise<void> {
    return this.requestReescalation();
  }

  @Interval('notices-reescalate', SCHEDULE_PERIOD_MS.noticesReescalate)
  async requestReescalation(): Promise<void> {
    try {
      // the real instant, as the outreach schedule's: a test holding the business clock still must not hold the bucket
      await this.outbox.enqueue(this.dataSource.manager, 'notices.reescalate', {}, { jobId: JOB_IDS.noticesReescalate(new Date()) });
    } catch (e) {
      this.logger.warn(`could not enqueue notices.reescalate: ${(e as Error).message}`);
    }
  }
}
