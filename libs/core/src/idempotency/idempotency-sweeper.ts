import { Injectable, Logger } from '@nestjs/common';
import { Interval, Timeout } from '@nestjs/schedule';
import { IdempotencyStore } from './idempotency-store';

/** How often the worker deletes idempotency keys older than a day. */
export const IDEMPOTENCY_SWEEP_MS = 60 * 60_000;

/** The worker's sweep of expired idempotency keys (an expired key is already treated as new; this keeps the table small). */
@Injectable()
export class IdempotencySweeper {
  private readonly logger = new Logger(IdempotencySweeper.name);

  constructor(private readonly store: IdempotencyStore) {}

  @Timeout('idempotency-key-sweep-startup', 1000)
  @Interval('idempotency-key-sweep', IDEMPOTENCY_SWEEP_MS)
  async sweep(): Promise<number> {
    try {
      const removed = await this.store.sweep();
      if (removed) this.logger.log(`deleted ${removed} idempotency key(s) older than a day`);
      return removed;
    } catch (e) {
      this.logger.warn(`idempotency key sweep failed: ${(e as Error).message}`);
      return 0;
    }
  }
}
