import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { QueueName } from './jobs';

const logger = new Logger('Queues');
let lastAt = 0;

/**
 * Logs a queue or worker connection error once a minute at most. Without a listener BullMQ prints every
 * failed reconnect attempt to stderr while Redis is down.
 */
export function logQueueError(source: string, e: Error): void {
  if (Date.now() - lastAt < 60_000) return;
  lastAt = Date.now();
  logger.warn(`${source}: ${e.message}`);
}

/** Listens for the connection errors of every queue of this process. */
@Injectable()
export class QueueErrorLog implements OnModuleInit {
  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    for (const name of Object.values(QueueName)) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      queue.on('error', (e: Error) => logQueueError(`queue ${name}`, e));
    }
  }
}
