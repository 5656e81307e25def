import type { AppConfig } from '../config/config';
import { createRedis, describeRedis, RedisSettings } from '../queue/redis-connection';
import { Client } from 'pg';
import { describeDatabaseUrl } from './database-url';

export const START_POSTGRES = 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';
export const START_REDIS = 'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no';

/** A service the platform needs is not there; the message is one line saying which, where and how to start it. */
export class ServiceUnavailableError extends Error {}

/** Checks PostgreSQL is reachable and creates the database named in the URL if it does not exist. */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const { host, port, database, adminUrl } = describeDatabaseUrl(databaseUrl);
  const admin = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (e) {
    throw new ServiceUnavailableError(
      `PostgreSQL is not reachable at ${host}:${port} (${(e as Error).message || (e as { code?: string }).code}); start it with: ${START_POSTGRES}`,
    );
  }
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await admin.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`).catch((e: { code?: string }) => {
        if (e.code !== '42P04') throw e; // created meanwhile by another process
      });
    }
  } finally {
    await admin.end();
  }
}

/** Checks Redis answers PING within a few seconds (through Sentinel when configured). */
export async function checkRedis(settings: RedisSettings): Promise<void> {
  const redis = createRedis(settings, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    sentinelRetryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    throw new ServiceUnavailableError(`Redis is not reachable at ${describeRedis(settings)} (${(e as Error).message}); start it with: ${START_REDIS}`);
  } finally {
    redis.disconnect();
  }
}

/** Why a maxmemory-policy would lose queue keys, or null: only noeviction keeps them all (volatile-* evicts job locks, which have a TTL). */
export function evictionProblem(policy: string): string | null {
  return policy === 'noeviction'
    ? null
    : `Redis maxmemory-policy is ${policy}, which evicts queue keys under memory pressure: set maxmemory-policy noeviction (README, Production Redis)`;
}

/** The worker refuses to start on a Redis that may evict its queues (one line, ServiceUnavailableError). */
export async function checkRedisKeepsQueues(settings: Pick<AppConfig, 'REDIS_URL' | 'REDIS_SENTINELS' | 'REDIS_SENTINEL_NAME'>): Promise<void> {
  const redis = createRedis(settings, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    sentinelRetryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    // INFO works where CONFIG is renamed away (managed Redis)
    const info = await redis.info('memory');
    const policy = /^maxmemory_policy:(\S+)/m.exec(info)?.[1] ?? 'unknown';
    const problem = evictionProblem(policy);
    if (problem) throw new ServiceUnavailableError(problem);
  } finally {
    redis.disconnect();
  }
}
