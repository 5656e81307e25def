import { Clock, JOB_IDS, JobName, OutboxService, SCHEDULE_PERIOD_MS } from '#core';
import { Injectable, Logger } from '@nestjs/common';
import { Interval, Timeout } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * The registry's timers (@nestjs/schedule, active in the worker only) only enqueue, at start-up and then
 * every period, under a job id bucketed by the period; the work runs in the handlers (import-reconciler.ts,
 * upload-sweeper.ts). Exactly-once rests on the database, not on these timers. One decorator per method:
 * @nestjs/schedule keeps one timer type per method, so a @Timeout over an @Interval silently drops the interval.
 */
@Injectable()
export class RegistrySchedule {
  private readonly logger = new Logger(RegistrySchedule.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  @Timeout('registry-import-reconcile-startup', 500)
  onStartImportReconcile(): Promise<void> {
    return this.requestImportReconcile();
  }

  @Interval('registry-import-reconcile', SCHEDULE_PERIOD_MS.importReconcile)
  requestImportReconcile(): Promise<void> {
    return this.enqueue('registry.import-reconcile', JOB_IDS.registryImportReconcile(this.clock.now()));
  }

  @Timeout('registry-upload-sweep-startup', 1000)
  onStartUploadSweep(): Promise<void> {
    return this.requestUploadSweep();
  }

  @Interval('registry-upload-sweep', SCHEDULE_PERIOD_MS.uploadSweep)
  requestUploadSweep(): Promise<void> {
    return this.enqueue('registry.upload-sweep', JOB_IDS.registryUploadSweep(this.clock.now()));
  }

  private async enqueue(name: Extract<JobName, 'registry.import-reconcile' | 'registry.upload-sweep'>, jobId: string): Promise<void> {
    try {
      await this.outbox.enqueue(this.dataSource.manager, name, {}, { jobId });
    } catch (e) {
      this.logger.warn(`could not enqueue ${name}: ${(e as Error).message}`);
    }
  }
}
