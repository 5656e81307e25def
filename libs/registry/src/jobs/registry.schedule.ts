import { Clock, JobName, OutboxService } from '#core';
import { Injectable, Logger } from '@nestjs/common';
import { Interval, Timeout } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** How often the worker looks for imports whose job died. */
export const IMPORT_RECONCILE_MS = 30_000;
/** How often the worker deletes the uploads of failed imports past UPLOAD_RETAIN_FAILED_HOURS. */
export const UPLOAD_SWEEP_MS = 10 * 60_000;

/** The job id of a tick: one per period however many workers tick (and the start-up catch-up shares its period's). */
export function importReconcileJobId(now: Date): string {
  return `registry-import-reconcile-${Math.floor(now.getTime() / IMPORT_RECONCILE_MS)}`;
}

export function uploadSweepJobId(now: Date): string {
  return `registry-upload-sweep-${Math.floor(now.getTime() / UPLOAD_SWEEP_MS)}`;
}

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
