import { createRedis } from '#core';
import { FakeSmsGateway } from '#outreach';
import { INestApplicationContext } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { unitId } from '../helpers/factories';
import { OwnSentinelGroup } from '../helpers/own-servers';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv, waitFor } from '../helpers/test-app';
import { addPeople, countBy, makeOutreachCity, rounds } from '../notices/round-fixture';
import { idNumber } from '../registry/registry-helpers';

const KEY = 'test-sms-key-sentinel';

jest.setTimeout(180000);

/**
 * Issue 19 point 4: with REDIS_SENTINELS every Redis client (BullMQ's queues and workers, the SMS rate limiter,
 * the API's probe) asks three sentinels for the master. The master is killed (SIGKILL) in the middle of a
 * reminder round and in the middle of a registry import; the sentinels promote the replica, the clients
 * reconnect to it, and the round sends each person exactly one SMS, the import stores each row once.
 * The gateway's dedupe is off, so a message sent twice would show as two requests for one phone.
 */
describe('Redis failover through Sentinel', () => {
  let group: OwnSentinelGroup;
  let gateway: FakeSmsGateway;
  let env: TestEnv;
  let api: TestApi;
  let worker: INestApplicationContext;
  let office: string;
  let campaignId: number;

  beforeAll(async () => {
    group = await OwnSentinelGroup.start();
    gateway = new FakeSmsGateway(KEY, { dedupe: false });
    env = await createTestEnv({
      // REDIS_URL names no server that is there: every client must go through the sentinels
      REDIS_URL: 'redis://127.0.0.1:1',
      REDIS_SENTINELS: group.sentinels,
      REDIS_SENTINEL_NAME: group.name,
      SMS_GATEWAY_URL: await gateway.start(),
      SMS_GATEWAY_KEY: KEY,
      SMS_RATE_PER_SECOND: '200',
      JOB_RECONCILE_SECONDS: '1',
    });
    api = await startApi(env);
    await api.app.listen(0, '127.0.0.1');
    gateway.behave({ reportUrl: `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}/api/sms-gateway/reports` });
    worker = await startWorker(env);
    const city = await makeOutreachCity(api);
    office = city.token;
    campaignId = city.campaignId;
  });
  afterAll(async () => {
    // Each step bounded: after the failovers a worker's close waits on its Redis connections (15 s alone, minutes
    // beside other suites on two cores: the processes' own SIGTERM deadline of 8 s is what bounds it in production).
    // The servers are stopped either way; a step that ran out is said.
    const step = async (name: string, p: Promise<unknown> | undefined) => {
      const out = await Promise.race([
        p?.then(
          () => 'done',
          () => 'done',
        ),
        new Promise((r) => setTimeout(() => r('timeout'), 30_000).unref()),
      ]);
      if (out === 'timeout') console.warn(`sentinel-failover teardown: ${name} did not close within 30 s`);
    };
    await step('worker', worker?.close());
    await step('api', api?.close());
    await step('gateway', gateway?.stop());
    await step('env', env?.drop());
    await step('group', group?.stop());
  });

  const requestsByPhone = () =>
    countBy(
      gateway.requests.filter((r) => !r.abandoned),
      (r) => r.to,
    );

  it('the master killed mid-round: the replica is promoted and every person gets exactly one SMS', async () => {
    await addPeople(api.ds, campaignId, 'V1', 1200, '甲', (i) => `1375${String(i).padStart(7, '0')}`);
    const r = rounds(api, office, campaignId);
    const id = await r.plan({ name: '哨兵轮', orgUnitId: await unitId(api.ds, 'V1'), target: 'lapsed', channel: 'sms' });
    await r.start(id);
    await waitFor(async () => gateway.requests.length >= 200, 30000, 5);
    const { from, to } = await group.killMaster();
    expect(to).not.toBe(from);
    const [{ left }] = await api.ds.query(`SELECT count(*)::int AS left FROM outreach_message WHERE round_id = $1 AND state = 'queued'`, [id]);
    expect(left).toBeGreaterThan(0); // the master died with the round half done
    const done = await r.settled(id, 90000, true);
    expect(done.totals).toMatchObject({ total: 1200, queued: 0, sending: 0, failed: 0 });
    const byPhone = requestsByPhone();
    expect(byPhone.size).toBe(1200);
    expect([...byPhone.values()].filter((n) => n !== 1)).toEqual([]);
    // the clients now write to the promoted node
    const client = createRedis(env.config, { maxRetriesPerRequest: 1 });
    try {
      expect((await client.info('server')).match(/^tcp_port:(\d+)/m)![1]).toBe(String(to));
      expect((await client.info('replication')).match(/^role:(\w+)/m)![1]).toBe('master');
    } finally {
      client.disconnect();
    }
    // the API's readiness probe reaches it too
    await waitFor(async () => (await api.http().get('/health')).status === 200, 10000, 200);
  });

  it('the promoted master killed in turn mid-import (the first one back as its replica): the import finishes with every row stored once', async () => {
    const rows = 60000;
    const lines = ['idNumber,name,villageCode,group'];
    for (let i = 0; i < rows; i++) {
      const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(i / 999) * 86400000).toISOString().slice(0, 10).replace(/-/g, '');
      lines.push(`${idNumber(birth, (i % 999) + 1)},导入${i},V2,other`);
    }
    // restart the killed node as a replica of the new master, so the sentinels have one to promote again
    await group.restartKilledAsReplica();
    const imp = await api
      .as(office)
      .post('/api/registry-imports')
      .field('campaignId', String(campaignId))
      .field('kind', 'person')
      .attach('file', Buffer.from(lines.join('\n') + '\n'), 'big.csv');
    expect(imp.status).toBe(202);
    await waitFor(
      async () => {
        const [row] = await api.ds.query(`SELECT status, rows_read FROM registry_import_job WHERE id = $1`, [imp.body.id]);
        return row.status === 'running';
      },
      30000,
      5,
    );
    const { from, to } = await group.killMaster();
    expect(to).not.toBe(from);
    const row = await waitFor(
      async () => {
        const [j] = await api.ds.query(`SELECT status, inserted, rows_bad FROM registry_import_job WHERE id = $1`, [imp.body.id]);
        return j.status === 'done' || j.status === 'failed' ? j : null;
      },
      90000,
      200,
    );
    expect(row).toEqual({ status: 'done', inserted: rows, rows_bad: 0 });
    const [{ n, distinct }] = await api.ds.query(
      `SELECT count(*)::int AS n, count(DISTINCT id_number)::int AS distinct FROM registry_person WHERE campaign_id = $1 AND name LIKE '导入%'`,
      [campaignId],
    );
    expect({ n, distinct }).toEqual({ n: rows, distinct: rows });
  });
});
