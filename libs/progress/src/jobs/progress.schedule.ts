import { Clock, OutboxService } from '#core';
import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { reconcileJobId } from './progress.job-ids';

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
