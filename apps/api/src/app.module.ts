import { AllExceptionsFilter, IdempotencyInterceptor } from '#core';
import { AuthGuard } from '#org';
import { PlatformModule } from '#platform';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { QueueBoardController } from './queue-board';
import { RedisProbe } from './redis-probe';

/** The HTTP side: every domain module's controllers, the auth guard, the Idempotency-Key interceptor and the one error filter. */
@Module({
  imports: [PlatformModule],
  controllers: [HealthController, MetricsController, QueueBoardController],
  providers: [
    RedisProbe,
    { provide: APP_GUARD, useExisting: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
  ],
})
export class AppModule {}
