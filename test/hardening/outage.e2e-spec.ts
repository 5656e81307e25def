import { ChildProcess } from 'node:child_process';
import { loginResponse } from '../helpers/api-client';
import { makeSmallCity } from '../helpers/factories';
import { freePort, OwnPostgres, startRedis, stopRedis } from '../helpers/own-servers';
import { startApi, TestApi, testEnvOn, waitFor } from '../helpers/test-app';

jest.setTimeout(90000);

/**
 * Issue 13 point 6: when PostgreSQL or Redis is down, every route answers 503 with Retry-After and a
 * message in Chinese (before: 500 "the database system is starting up"), the health answer names the
 * one that is down, and the API serves again once it is back. Both servers are the test's own.
 */
describe('outages answer 503', () => {
  let pg: OwnPostgres;
  let redis: ChildProcess;
  let redisPort: number;
  let api: TestApi;
  let token: string;

  beforeAll(async () => {
    pg = await OwnPostgres.start();
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    const db = await pg.migrated('yingbao_outage');
    api = await startApi(testEnvOn(db, { REDIS_URL: `redis://127.0.0.1:${redisPort}` }));
    await makeSmallCity(api.ds);
    token = await api.login('office');
  });
  afterAll(async () => {
    await api?.close().catch(() => undefined);
    await stopRedis(redis);
    pg?.destroy();
  });

  it('answers 503 with Retry-After on every kind of route while PostgreSQL is down, and serves again after', async () => {
    expect((await api.as(token).get('/api/org-units')).status).toBe(200);
    pg.down();
    const requests = [
      api.as(token).get('/api/org-units'),
      api.as(token).get('/api/campaigns'),
      loginResponse(api.http, 'office', 'whatever-it-is'),
      api.as(token).post('/api/campaigns').send({ name: '2027年扩面', startsOn: '2027-01-01', endsOn: '2027-12-31' }),
    ];
    for (const res of await Promise.all(requests)) {
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body).toMatchObject({ statusCode: 503, error: 'SERVICE_UNAVAILABLE', details: { unavailable: 'PostgreSQL' } });
      expect(res.body.message).toContain('系统暂时无法连接数据库');
    }
    const health = await api.http().get('/health');
    expect(health.status).toBe(503);
    expect(health.headers['retry-after']).toBe('5');
    expect(health.body).toMatchObject({ postgres: 'down', redis: 'up' });

    pg.up();
    const back = await waitFor(
      async () => {
        const r = await api.as(token).get('/api/org-units');
        return r.status === 200 ? r : null;
      },
      30000,
      200,
    );
    expect(back!.body.items.length).toBeGreaterThan(0);
  });

  it('the health answer names Redis when Redis is down', async () => {
    await stopRedis(redis);
    const health = await api.http().get('/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ postgres: 'up', redis: 'down' });
    redis = await startRedis(redisPort);
    await waitFor(async () => (await api.http().get('/health')).status === 200, 20000, 200);
  });
});
