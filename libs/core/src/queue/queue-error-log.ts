import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { QueueName } from './jobs';

/** Logs queue connection errors once a minute at most, instead of BullMQ's unhandled 'error' events on every retry. */
@Injectable()
export class QueueErrorLog implements OnModuleInit {
  private readonly logger = new Logger('Queues');
  private lastAt = 0;

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    for (const name of Object.values(QueueName)) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      queue.on('error', (e: Error) => {
        if (Date.now() - this.lastAt < 60_000) return;
        this.lastAt = Date.now();
        this.logger.warn(`queue ${name}: ${e.message}`);
      });
    }
  }
}
