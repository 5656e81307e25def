import { checkRedisKeepsQueues, ServiceUnavailableError } from '#core';
import Redis from 'ioredis';
import { ChildProcess } from 'node:child_process';
import { freePort, startRedis, stopRedis } from '../helpers/own-servers';

/** Issue 19 point 4: the worker refuses to start on a Redis whose maxmemory-policy would evict queue keys. */
describe('a Redis that may evict queue keys', () => {
  let port: number;
  let redis: ChildProcess;
  let admin: Redis;
  const settings = () => ({ REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_SENTINEL_NAME: 'mymaster' });

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    admin = new Redis(port, '127.0.0.1');
  });
  afterAll(async () => {
    admin.disconnect();
    await stopRedis(redis);
  });

  it('is refused in one line naming the policy; noeviction is accepted', async () => {
    await admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
    const refusal = await checkRedisKeepsQueues(settings()).catch((e: Error) => e);
    expect(refusal).toBeInstanceOf(ServiceUnavailableError);
    expect((refusal as Error).message).toBe(
      'Redis maxmemory-policy is allkeys-lru, which evicts queue keys under memory pressure: set maxmemory-policy noeviction (README, Production Redis)',
    );
    await admin.config('SET', 'maxmemory-policy', 'volatile-ttl');
    await expect(checkRedisKeepsQueues(settings())).rejects.toThrow(/^Redis maxmemory-policy is volatile-ttl, /);
    await admin.config('SET', 'maxmemory-policy', 'noeviction');
    await expect(checkRedisKeepsQueues(settings())).resolves.toBeUndefined();
  });
});
