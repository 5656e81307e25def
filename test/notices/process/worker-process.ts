import 'reflect-metadata';
import { Clock } from '#core';
import { Test } from '@nestjs/testing';
import { WorkerModule } from '../../../apps/worker/src/worker.module';

/**
 * A worker process for tests that kill one: the real worker module tree (processors, outbox relay,
 * reconciler) on the environment it is given (DATABASE_URL, QUEUE_PREFIX, SMS_GATEWAY_URL ...), with
 * a clock that runs in real time from WORKER_CLOCK_START, so that it agrees with the test's fake
 * clock (quiet hours, claim staleness) whatever the hour the test runs at. Prints "worker ready".
 */
class StartedClock extends Clock {
  private readonly offset: number;
  constructor(start: Date) {
    super();
    this.offset = start.getTime() - Date.now();
  }
  override now(): Date {
    return new Date(Date.now() + this.offset);
  }
}

async function main(): Promise<void> {
  const start = process.env.WORKER_CLOCK_START;
  const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(Clock)
    .useValue(start ? new StartedClock(new Date(start)) : new Clock())
    .compile();
  moduleRef.useLogger(false);
  moduleRef.enableShutdownHooks();
  await moduleRef.init();
  console.log(`worker ready ${process.pid}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
