import { Clock, OutboxService } from '#core';
import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** progress.reconcile is enqueued once per ten-minute bucket, whatever the number of workers. */
export const RECONCILE_BUCKET_MS = 600000;

/** The job id of the reconcile job of the bucket holding `now`. */
export function reconcileJobId(now: Date): string {
  return `progress-reconcile-${Math.floor(now.getTime() / RECONCILE_BUCKET_MS)}`;
}

/** Progress's timer (worker only: ScheduleModule is not loaded by the api): it only enqueues; the work is in ProgressJobs. */
@Injectable()
export class ProgressSchedule {
  private readonly logger = new Logger(ProgressSchedule.name);
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  @Cron('0 */10 * * * *')
  async tick(): Promise<void> {
    try {
      await this.ds.transaction((m) => this.outbox.enqueue(m, 'progress.reconcile', {}, { jobId: reconcileJobId(this.clock.now()) }));
    } catch (e) {
      this.logger.warn(`progress tick not enqueued: ${(e as Error).message}`);
    }
  }
}
