import { IdempotencySchedule, IdempotencySweeper, JobHandlers, OutboxReconciler, OutboxRelay, PROCESSORS } from '#core';
import { PlatformModule } from '#platform';
import { Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { WorkerHealthServer } from './health-server';

/** Refuses to run with a job that nobody handles. */
class HandlerCheck implements OnApplicationBootstrap {
  constructor(private readonly handlers: JobHandlers) {}
  onApplicationBootstrap(): void {
    const missing = this.handlers.missing();
    if (missing.length) throw new Error(`jobs without a handler: ${missing.join(', ')}`);
    new Logger('Worker').log('every job has its handler');
  }
}

/** The worker: the same domain modules, plus queue processors, the outbox relay and reconciler, schedules, and a health port (WORKER_HEALTH_PORT). */
@Module({
  imports: [PlatformModule, ScheduleModule.forRoot()],
  providers: [
    ...PROCESSORS,
    OutboxRelay,
    OutboxReconciler,
    IdempotencySweeper,
    IdempotencySchedule,
    WorkerHealthServer,
    { provide: HandlerCheck, useFactory: (h: JobHandlers) => new HandlerCheck(h), inject: [JobHandlers] },
  ],
})
export class WorkerModule {}
