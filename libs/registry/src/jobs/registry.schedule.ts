import { Clock, JobName, OutboxService } from '#core';
import { Injectable, Logger } from '@nestjs/common';
import { Interval, Timeout } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { IMPORT_RECONCILE_MS, importReconcileJobId, UPLOAD_SWEEP_MS, uploadSweepJobId } from './registry.job-ids';

export { IMPORT_RECONCILE_MS, UPLOAD_SWEEP_MS } from './registry.job-ids';

/**
 * The registry's timers (@nestjs/schedule, active in the worker only) only enqueue, at start-up and then
 * every period, under a job id bucketed by the period; the work runs in the handlers (import-reconciler.ts,
 * upload-sweeper.ts). Exactly-once rests on the database, not on these timers.
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
  @Interval('registry-import-reconcile', IMPORT_RECONCILE_MS)
  requestImportReconcile(): Promise<void> {
    return this.enqueue('registry.import-reconcile', importReconcileJobId(this.clock.now()));
  }

  @Timeout('registry-upload-sweep-startup', 1000)
  @Interval('registry-upload-sweep', UPLOAD_SWEEP_MS)
  requestUploadSweep(): Promise<void> {
    return this.enqueue('registry.upload-sweep', uploadSweepJobId(this.clock.now()));
  }

  private async enqueue(name: Extract<JobName, 'registry.import-reconcile' | 'registry.upload-sweep'>, jobId: string): Promise<void> {
    try {
      await this.outbox.enqueue(this.dataSource.manager, name, {}, { jobId });
    } catch (e) {
      this.logger.warn(`could not enqueue ${name}: ${(e as Error).message}`);
    }
  }
}
