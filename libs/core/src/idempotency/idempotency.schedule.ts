import { Injectable, Logger } from '@nestjs/common';
import { Interval, Timeout } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { JOB_IDS, SCHEDULE_PERIOD_MS } from '../queue/jobs';
import { OutboxService } from '../queue/outbox.service';

/** The worker's timers for expired idempotency keys: they only enqueue `system.idempotency-sweep`, one job per hour; IdempotencySweeper does the work. */
@Injectable()
export class IdempotencySchedule {
  private readonly logger = new Logger(IdempotencySchedule.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  // one decorator per method: @nestjs/schedule keeps one timer type per method (a @Timeout over an @Interval drops it)
  @Timeout('idempotency-key-sweep-startup', 1000)
  onStart(): Promise<void> {
    return this.requestSweep();
  }

  @Interval('idempotency-key-sweep', SCHEDULE_PERIOD_MS.idempotencySweep)
  async requestSweep(): Promise<void> {
    try {
      await this.outbox.enqueue(this.dataSource.manager, 'system.idempotency-sweep', {}, { jobId: JOB_IDS.idempotencySweep(this.clock.now()) });
    } catch (e) {
      this.logger.warn(`could not enqueue the idempotency key sweep: ${(e as Error).message}`);
    }
  }
}
