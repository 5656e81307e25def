import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { JobHandlers } from '../queue/job-handlers';
import { IdempotencyStore } from './idempotency-store';

/**
 * The handler of the `system.idempotency-sweep` job (IdempotencySchedule enqueues it): deletes idempotency keys
 * older than a day. An expired key is already treated as new; this keeps the table small. Idempotent.
 */
@Injectable()
export class IdempotencySweeper implements OnModuleInit {
  private readonly logger = new Logger(IdempotencySweeper.name);

  constructor(
    private readonly store: IdempotencyStore,
    private readonly handlers: JobHandlers,
  ) {}

  onModuleInit(): void {
    this.handlers.register('system.idempotency-sweep', () => this.sweep());
  }

  async sweep(): Promise<number> {
    const removed = await this.store.sweep();
    if (removed) this.logger.log(`deleted ${removed} idempotency key(s) older than a day`);
    return removed;
  }
}
