import type { ConnectionOptions } from 'bullmq';
import Redis, { RedisOptions } from 'ioredis';
import type { AppConfig } from '../config/config';

/** What the Redis connection is made from: REDIS_URL, and Sentinel when REDIS_SENTINELS is set. */
export type RedisSettings = Pick<AppConfig, 'REDIS_URL' | 'REDIS_SENTINELS' | 'REDIS_SENTINEL_NAME'>;

/** `host:port,host:port` → ioredis sentinel addresses (the port defaults to 26379). */
export function parseSentinels(list: string): { host: string; port: number }[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const at = s.lastIndexOf(':');
      return at > 0 ? { host: s.slice(0, at), port: Number(s.slice(at + 1)) } : { host: s, port: 26379 };
    });
}

/**
 * The one place a Redis connection is described (BullMQ, the rate limiter, probes, preflight): REDIS_URL's
 * host, port, user, password and database; with REDIS_SENTINELS the sentinels are asked for the master
 * REDIS_SENTINEL_NAME (and again after a failover: ioredis reconnects to the promoted replica), REDIS_URL then
 * giving only the data nodes' user, password and database. `extra` are a client's own options (timeouts, retries).
 */
export function redisOptions(settings: RedisSettings, extra: RedisOptions = {}): RedisOptions {
  const u = new URL(settings.REDIS_URL);
  const auth: RedisOptions = {
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
  if (!settings.REDIS_SENTINELS) return { host: u.hostname || '127.0.0.1', port: Number(u.port || 6379), ...auth, ...extra };
  return {
    sentinels: parseSentinels(settings.REDIS_SENTINELS),
    name: settings.REDIS_SENTINEL_NAME,
    // sentinels protected like the data nodes share their password (Sentinel's requirepass)
    sentinelPassword: auth.password,
    // a failover makes the old master a replica, which answers writes with READONLY: reconnect to the new master
    reconnectOnError: (err) => (/READONLY/.test(err.message) ? 2 : false),
    failoverDetector: true,
    ...auth,
    ...extra,
  };
}

/** A new ioredis client on the configured Redis (plain or through Sentinel). */
export function createRedis(settings: RedisSettings, extra: RedisOptions = {}): Redis {
  return new Redis(redisOptions(settings, extra));
}

/** Where the client connects, for log lines: `host:port` or `sentinel master <name> via host:port,...`. */
export function describeRedis(settings: RedisSettings): string {
  if (settings.REDIS_SENTINELS) return `Sentinel master ${settings.REDIS_SENTINEL_NAME} via ${settings.REDIS_SENTINELS}`;
  const u = new URL(settings.REDIS_URL);
  return `${u.hostname}:${u.port || 6379}`;
}

/** BullMQ's connection: workers need no per-request retry limit (PITFALLS.md). */
export function redisConnection(settings: RedisSettings): ConnectionOptions {
  return redisOptions(settings, { maxRetriesPerRequest: null }) as ConnectionOptions;
}
