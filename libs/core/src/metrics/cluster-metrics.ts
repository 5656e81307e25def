import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config';
import { QueueName } from '../queue/jobs';
import { withTimeout } from '../queue/outbox-relay';
import { OutboxRepository } from '../queue/outbox.repository';
import { METRICS, metricsRegistry } from './metrics';

/** How long a scrape or a readiness check waits for PostgreSQL or Redis before it calls them down. */
export const CHECK_TIMEOUT_MS = 2000;

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized'] as const;

/** What a readiness check found: each dependency up or down, and the outbox's backlog. */
export interface ReadinessReport {
  postgres: 'up' | 'down';
  redis: 'up' | 'down';
  /** Outbox rows not yet handed to Redis and the age of the oldest (seconds); null when PostgreSQL is down. */
  outbox: { waiting: number; lagSeconds: number } | null;
}

/**
 * The installation's queue and outbox figures, read at each scrape and readiness check (api and worker alike):
 * BullMQ's job counts per queue from Redis, the outbox backlog from PostgreSQL; each bounded by CHECK_TIMEOUT_MS.
 */
@Injectable()
export class ClusterMetrics {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
    private readonly outbox: OutboxRepository,
    private readonly config: AppConfig,
  ) {}

  private queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  /** The ioredis client behind BullMQ's Redis backend (as the outbox relay reaches it). */
  private async ping(): Promise<void> {
    const redis = (await this.queue(QueueName.System).getBackend().client) as unknown as Redis;
    await redis.ping();
  }

  /** PostgreSQL, Redis and the outbox backlog, each answered or called down within CHECK_TIMEOUT_MS. */
  async readiness(): Promise<ReadinessReport> {
    const [outbox, redis] = await Promise.all([
      withTimeout(this.outbox.waiting(this.dataSource), CHECK_TIMEOUT_MS, 'PostgreSQL did not answer in time').catch(() => null),
      withTimeout(this.ping(), CHECK_TIMEOUT_MS, 'Redis did not answer in time').then(
        () => 'up' as const,
        () => 'down' as const,
      ),
    ]);
    return { postgres: outbox ? 'up' : 'down', redis, outbox: outbox && { waiting: outbox.count, lagSeconds: Math.round(outbox.oldestSeconds) } };
  }

  /** Whether the report allows serving: both up and the outbox relayed within OUTBOX_LAG_READY_SECONDS (with `lagMatters`). */
  ready(r: ReadinessReport, lagMatters: boolean): boolean {
    return r.postgres === 'up' && r.redis === 'up' && (!lagMatters || (r.outbox?.lagSeconds ?? 0) <= this.config.OUTBOX_LAG_READY_SECONDS);
  }

  /** The Prometheus text of this process, with the queue and outbox gauges read now. */
  async render(): Promise<{ contentType: string; body: string }> {
    const r = await this.readiness();
    if (r.outbox) {
      METRICS.outboxWaiting.set(r.outbox.waiting);
      METRICS.outboxLag.set(r.outbox.lagSeconds);
    }
    if (r.redis === 'up') {
      await Promise.all(
        Object.values(QueueName).map(async (name) => {
          const counts = await withTimeout(this.queue(name).getJobCounts(...STATES), CHECK_TIMEOUT_MS, 'Redis did not answer in time').catch(() => null);
          for (const s of STATES) if (counts) METRICS.queueJobs.set({ queue: name, state: s }, counts[s] ?? 0);
        }),
      );
    }
    return { contentType: metricsRegistry.contentType, body: await metricsRegistry.metrics() };
  }
}
