import { evictionProblem } from '../database/preflight';
import { describeRedis, parseSentinels, redisOptions } from './redis-connection';

describe('redis connection options', () => {
  it('a plain REDIS_URL gives its host, port, password and database', () => {
    const o = redisOptions({ REDIS_URL: 'redis://:s3cret@10.0.0.5:6380/2', REDIS_SENTINEL_NAME: 'mymaster' }, { connectTimeout: 1000 });
    expect(o).toMatchObject({ host: '10.0.0.5', port: 6380, password: 's3cret', db: 2, connectTimeout: 1000 });
    expect(o.sentinels).toBeUndefined();
  });

  it('REDIS_SENTINELS asks the sentinels for the named master, with REDIS_URL giving only the password and database', () => {
    const o = redisOptions({ REDIS_URL: 'redis://:pw@ignored:1/1', REDIS_SENTINELS: 's1:26379, s2:26380,s3', REDIS_SENTINEL_NAME: 'yb' });
    expect(o.sentinels).toEqual([
      { host: 's1', port: 26379 },
      { host: 's2', port: 26380 },
      { host: 's3', port: 26379 },
    ]);
    expect(o).toMatchObject({ name: 'yb', password: 'pw', sentinelPassword: 'pw', db: 1 });
    expect(o.host).toBeUndefined();
    // the old master demoted answers writes READONLY: reconnect (to the new master) and resend
    expect(o.reconnectOnError!(new Error("READONLY You can't write against a read only replica."))).toBe(2);
    expect(o.reconnectOnError!(new Error('ERR wrong number of arguments'))).toBe(false);
  });

  it('parses sentinel lists and describes the connection for log lines', () => {
    expect(parseSentinels('')).toEqual([]);
    expect(parseSentinels('[::1]:26379')).toEqual([{ host: '[::1]', port: 26379 }]);
    expect(describeRedis({ REDIS_URL: 'redis://:pw@r1:6379', REDIS_SENTINEL_NAME: 'mymaster' })).toBe('r1:6379');
    expect(describeRedis({ REDIS_URL: 'redis://r1', REDIS_SENTINELS: 'a:1,b:2', REDIS_SENTINEL_NAME: 'm' })).toBe('Sentinel master m via a:1,b:2');
  });

  it('only noeviction keeps queue keys: allkeys-* and volatile-* (job locks have a TTL) are refused', () => {
    expect(evictionProblem('noeviction')).toBeNull();
    for (const p of ['allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'volatile-lru', 'volatile-ttl', 'volatile-random', 'volatile-lfu'])
      expect(evictionProblem(p)).toBe(
        `Redis maxmemory-policy is ${p}, which evicts queue keys under memory pressure: set maxmemory-policy noeviction (README, Production Redis)`,
      );
  });
});
