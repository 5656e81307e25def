import { OutboxRelay } from '#core';
import { INestApplicationContext } from '@nestjs/common';
import { ChildProcess } from 'node:child_process';
import { makeSmallCity } from '../helpers/factories';
import { freePort, startRedis, stopRedis } from '../helpers/own-servers';
import { afterNextCall, createTestEnv, startApi, startWorker, TestApi, TestEnv, waitFor } from '../helpers/test-app';

jest.setTimeout(60000);

describe('a Redis restart loses no job enqueued by a database change', () => {
  let port: number;
  let redis: ChildProcess;
  let env: TestEnv;
  let api: TestApi;
  let worker: INestApplicationContext;
  let token: string;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    env = await createTestEnv({ REDIS_URL: `redis://127.0.0.1:${port}` });
    api = await startApi(env);
    await makeSmallCity(api.ds);
    worker = await startWorker(env);
    token = await api.login('admin');
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await env.drop();
    await stopRedis(redis);
  });

  const requestProbe = async () => {
    const res = await api.as(token).post('/api/system/probes');
    expect(res.status).toBe(202);
    return res.body.id as number;
  };
  const processed = (id: number) => api.ds.query(`SELECT processed_at FROM worker_probe WHERE id = $1`, [id]).then((r) => r[0].processed_at !== null);
  const relayed = (id: number) => api.ds.query(`SELECT relayed_at FROM outbox WHERE job_id = $1`, [`probe-${id}`]).then((r) => r[0].relayed_at !== null);

  it('keeps the job in the outbox while Redis is down and runs it once Redis is back', async () => {
    const before = await requestProbe();
    await waitFor(() => processed(before), 15000);

    await stopRedis(redis);
    // The change commits while Redis is down: the api only writes PostgreSQL.
    const during = await requestProbe();
    await afterNextCall(worker.get(OutboxRelay), 'relayOnce'); // a relay pass over the row, failed: Redis does not answer
    expect(await relayed(during)).toBe(false);
    expect(await processed(during)).toBe(false);

    // Redis comes back empty (no persistence): the outbox row is still there to relay.
    redis = await startRedis(port);
    await waitFor(() => processed(during), 30000, 100);
    expect(await relayed(during)).toBe(true);
    const [{ runs }] = await api.ds.query(`SELECT count(*)::int AS runs FROM worker_probe WHERE id = $1 AND processed_by IS NOT NULL`, [during]);
    expect(runs).toBe(1);
  });
});
