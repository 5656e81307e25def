import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { JobCompletion } from './job-completion';
import { JobHandlers } from './job-handlers';
import { InstallationRepository } from './installation.repository';
import { JobIdentity } from './job-identity';
import { JobLookup } from './job-lookup';
import { QueueName } from './jobs';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';
import { QueueErrorLog } from './queue-error-log';
import { redisConnection } from './redis-connection';

const QUEUES = Object.values(QueueName).map((name) => ({
  name,
  defaultJobOptions: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: { age: 24 * 3600, count: 10000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  },
}));

/** BullMQ connection and queues, the outbox writer and the handler registry; shared by api and worker. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ connection: redisConnection(config), prefix: config.QUEUE_PREFIX }),
    }),
    BullModule.registerQueue(...QUEUES),
  ],
  providers: [InstallationRepository, OutboxRepository, OutboxService, JobHandlers, JobIdentity, JobLookup, JobCompletion, QueueErrorLog],
  exports: [OutboxRepository, OutboxService, JobHandlers, JobIdentity, JobLookup, JobCompletion, BullModule],
})
export class QueueModule {}
