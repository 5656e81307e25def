import { AppConfig, createRedis } from '#core';
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import type Redis from 'ioredis';

/** A small Redis client for health checks: no offline queue, so a dead Redis fails fast. */
@Injectable()
export class RedisProbe implements OnModuleDestroy {
  private readonly client: Redis;

  constructor(config: AppConfig) {
    this.client = createRedis(config, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 1000 });
    this.client.on('error', () => undefined);
  }

  async ping(): Promise<void> {
    if (this.client.status === 'wait' || this.client.status === 'end') await this.client.connect().catch(() => undefined);
    await Promise.race([this.client.ping(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000))]);
  }

  onModuleDestroy(): void {
    this.client.disconnect();
  }
}
