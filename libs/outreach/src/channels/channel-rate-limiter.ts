import { AppConfig, createRedis } from '#core';
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import type Redis from 'ioredis';

/**
 * Messages per second per channel, across every worker: a counter per channel and wall-clock second
 * in Redis (INCR is atomic), so N workers together stay under the configured rate.
 */
@Injectable()
export class ChannelRateLimiter implements OnModuleDestroy {
  private redis?: Redis;

  constructor(private readonly config: AppConfig) {}

  private client(): Redis {
    if (!this.redis) {
      this.redis = createRedis(this.config, { maxRetriesPerRequest: null, lazyConnect: false });
      this.redis.on('error', () => undefined);
    }
    return this.redis;
  }

  /** Waits until a send on this channel fits in the current second's budget; answers that second (Unix seconds). */
  async acquire(channel: string, perSecond: number): Promise<number> {
    for (;;) {
      const now = Date.now();
      const second = Math.floor(now / 1000);
      const key = `${this.config.QUEUE_PREFIX}:ratelimit:${channel}:${second}`;
      const res = await this.client().multi().incr(key).expire(key, 5).exec();
      const n = Number(res?.[0]?.[1] ?? Infinity);
      if (n <= perSecond) return second;
      await new Promise((r) => setTimeout(r, (second + 1) * 1000 - now + Math.floor(Math.random() * 20)));
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.redis) this.redis.disconnect();
  }
}
