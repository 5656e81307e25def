import { AppConfig, createRedis } from '#core';
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import type Redis from 'ioredis';

/**
 * Takes up to ARGV[2] sends from the second's budget of ARGV[1] (the counter KEYS[1]); answers how many
 * it took (0 when the second is spent). Atomic in Redis, so N workers together never exceed the rate.
 */
const TAKE = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local room = tonumber(ARGV[1]) - used
if room <= 0 then return 0 end
local take = math.min(room, tonumber(ARGV[2]))
redis.call('INCRBY', KEYS[1], take)
redis.call('EXPIRE', KEYS[1], 5)
return take`;

/** Sends granted by one acquire: `granted` of them, all in the wall-clock second `second` (Unix seconds). */
export interface RateGrant {
  second: number;
  granted: number;
}

/**
 * Messages per second per channel, across every worker: a counter per channel and wall-clock second
 * in Redis, so N workers together stay under the configured rate. A caller takes several sends at once
 * (one Redis call for a whole batch's worth), never more than the second has left.
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

  /** Waits until at least one send on this channel fits in the current second's budget; grants between 1 and `want`. */
  async acquire(channel: string, perSecond: number, want = 1): Promise<RateGrant> {
    for (;;) {
      const now = Date.now();
      const second = Math.floor(now / 1000);
      const key = `${this.config.QUEUE_PREFIX}:ratelimit:${channel}:${second}`;
      const granted = Number(await this.client().eval(TAKE, 1, key, perSecond, Math.max(1, Math.floor(want))));
      if (granted > 0) return { second, granted };
      await new Promise((r) => setTimeout(r, (second + 1) * 1000 - now + Math.floor(Math.random() * 20)));
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.redis) this.redis.disconnect();
  }
}
