import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogRepository } from './audit/audit-log.repository';
import { AuditService } from './audit/audit.service';
import { Clock } from './clock/clock';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { LoggingModule } from './config/logging.module';
import { typeormOptions } from './database/typeorm-options';
import { IdempotencyKeyRepository } from './idempotency/idempotency-key.repository';
import { IdempotencyStore } from './idempotency/idempotency-store';
import { QueueModule } from './queue/queue.module';
import { ClusterMetrics } from './metrics/cluster-metrics';
import { UploadFileRepository } from './uploads/upload-file.repository';
import { UploadStore } from './uploads/upload-store';

/** Config, database, clock, audit, idempotency keys, uploads and queues: what every app (api, worker, tests) boots first. */
@Global()
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => typeormOptions(config.DATABASE_URL),
    }),
    QueueModule,
  ],
  providers: [Clock, AuditLogRepository, AuditService, IdempotencyKeyRepository, IdempotencyStore, UploadFileRepository, UploadStore, ClusterMetrics],
  exports: [Clock, AuditLogRepository, AuditService, IdempotencyStore, UploadStore, ClusterMetrics, QueueModule],
})
export class CoreModule {}
