import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogRepository } from './audit/audit-log.repository';
import { AuditService } from './audit/audit.service';
import { loadWorkingCalendar } from './calendar/calendar-data';
import { WorkingCalendar } from './calendar/working-calendar';
import { Clock } from './clock/clock';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { LoggingModule } from './config/logging.module';
import { ReplicaReads } from './database/replica-reads';
import { typeormOptions } from './database/typeorm-options';
import { IdempotencyKeyRepository } from './idempotency/idempotency-key.repository';
import { IdempotencyStore } from './idempotency/idempotency-store';
import { QueueModule } from './queue/queue.module';
import { ClusterMetrics } from './metrics/cluster-metrics';
import { UploadFileRepository } from './uploads/upload-file.repository';
import { UploadStore } from './uploads/upload-store';

/** Config, database (and its read replicas), clock, audit, idempotency keys, uploads and queues: what every app (api, worker, tests) boots first. */
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
  providers: [
    Clock,
    // read once at start-up: chinese-days and CALENDAR_FILE (a bad file stops start-up with one line)
    { provide: WorkingCalendar, inject: [AppConfig], useFactory: (config: AppConfig) => loadWorkingCalendar(config.CALENDAR_FILE) },
    AuditLogRepository,
    AuditService,
    IdempotencyKeyRepository,
    IdempotencyStore,
    ReplicaReads,
    UploadFileRepository,
    UploadStore,
    ClusterMetrics,
  ],
  exports: [Clock, WorkingCalendar, AuditLogRepository, AuditService, IdempotencyStore, QueueModule, ReplicaReads, UploadStore, ClusterMetrics],
})
export class CoreModule {}
