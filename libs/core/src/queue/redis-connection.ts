import type { ConnectionOptions } from 'bullmq';

/** BullMQ connection from a redis:// URL; workers need no per-request retry limit (PITFALLS.md). */
export function redisConnection(url: string): ConnectionOptions {
  return { url, maxRetriesPerRequest: null };
}
