import { JobIdentity, JobLookup, OutboxReconciler, OutboxRelay, OutboxService, QueueName } from '#core';
import { FakeSmsGateway, OutreachService } from '#outreach';
import { INestApplicationContext } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import Redis from 'ioredis';
import { ChildProcess } from 'node:child_process';
import { AddressInfo } from 'node:net';
import { makeCampaign, QUARTERLY_2026, unitId } from '../helpers/factories';
import { freePort, startRedis, stopRedis } from '../helpers/own-servers';
import { afterNextCall, createTestEnv, startApi, startWorker, TestApi, TestEnv, waitFor } from '../helpers/test-app';
import { addPeople, countBy, makeOutreachCity, rounds } from '../notices/round-fixture';
import { idNumber } from '../registry/registry-helpers';

const KEY = 'test-sms-key-redis-lost';

jest.setTimeout(60000);

/**
 * Issue 13 point 1: jobs handed to Redis (outbox rows relayed) and then lost with Redis's data (FLUSHALL,
 * a restart without persistence) are written again by the worker's OutboxReconciler, which asks BullMQ for
 * each relayed row PostgreSQL does not know as done. Before, they were lost for good: a round stayed running
 * with its messages queued, an import queued, a probe, a bulletin and a credit never processed.
 * The SMS gateway's dedupe is off, so a message sent twice would show as two requests for one phone.
 */
describe('Redis losing its data loses no job handed to it', () => {
  let port: number;
  let redis: ChildProcess;
  let gateway: FakeSmsGateway;
  let env: TestEnv;
  let api: TestApi;
  let worker: INestApplicationContext | undefined;
  let office: string;
  let campaignId: number;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    gateway = new FakeSmsGateway(KEY, {
      dedupe: false,
    });
    env = await createTestEnv({
      REDIS_URL: `redis://127.0.0.1:${port}`,
      SMS_GATEWAY_URL: await gateway.start(),
      SMS_GATEWAY_KEY: KEY,
      SMS_RATE_PER_SECOND: '300',
      JOB_RECONCILE_SECONDS: '1',
    });
    api = await startApi(env);
    await api.app.listen(0, '127.0.0.1');
    gateway.behave({ reportUrl: `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}/api/sms-gateway/reports` });
    const city = await makeOutreachCity(api);
    office = city.token;
    campaignId = city.campaignId;
  });
  afterAll(async () => {
    await worker?.close().catch(() => undefined);
    await api?.close();
    await gateway.stop();
    await env.drop();
    await stopRedis(redis);
  });

  const flushAll = async () => {
    const client = new Redis(port, '127.0.0.1');
    await client.flushall();
    client.disconnect();
  };
  /** The api's own relay (no worker runs yet): hands every outbox row to Redis, as a worker's relay would. */
  const relayAll = async () => {
    const relay = new OutboxRelay(api.ds, api.app.get(ModuleRef), env.clock, api.app.get(JobIdentity));
    while ((await relay.relayOnce()) > 0);
  };
  /**
   * Answered send requests by phone. A request our client gave up on (its 10 s timeout, on two loaded
   * cores) is retried under the same ref, which a real gateway answers as a duplicate: not a second SMS.
   * Two claims of one message would show as two answered requests.
   */
  const requestsByPhone = () =>
    countBy(
      gateway.requests.filter((r) => !r.abandoned),
      (r) => r.to,
    );
  const undone = async () => (await api.ds.query(`SELECT count(*)::int AS n FROM outbox WHERE done_at IS NULL`))[0].n as number;

  it('after a FLUSHALL every handed-over job runs (round start, deliver batches, import, probe, bulletin, credit), none twice', async () => {
    // round A: 250 people in V3 (D2), expanded before the flush: 3 deliver batches (100, 100, 50) handed over
    await addPeople(api.ds, campaignId, 'V3', 250, '甲', (i) => `1371${String(i).padStart(7, '0')}`);
    // round B: 30 lapsed people in V1 (D1), started only: its expand job handed over
    await addPeople(api.ds, campaignId, 'V1', 30, '乙', (i) => `1372${String(i).padStart(7, '0')}`);
    const r = rounds(api, office, campaignId);
    const a = await r.plan({ name: '甲轮', orgUnitId: await unitId(api.ds, 'D2'), target: 'will_enrol', channel: 'sms' });
    const b = await r.plan({ name: '乙轮', orgUnitId: await unitId(api.ds, 'D1'), target: 'lapsed', channel: 'sms' });
    await r.start(a);
    await api.app.get(OutreachService).expand(a);
    await r.start(b);
    // an import into a second campaign (2 people in V2), a probe, a bulletin and an inspection credit
    const { campaignId: other, indicatorIds } = await makeCampaign(api.ds, {
      milestones: QUARTERLY_2026,
      indicators: [{ code: 'EP', name: '企业职工养老保险新增参保', kind: 'count' }],
    });
    const csv = `idNumber,name,villageCode,group\n${idNumber('19800101', 11)},张三,V2,other\n${idNumber('19800101', 13)},李四,V2,other\n`;
    const imp = await api
      .as(office)
      .post('/api/registry-imports')
      .field('campaignId', String(other))
      .field('kind', 'person')
      .attach('file', Buffer.from(csv), 'a.csv');
    expect(imp.status).toBe(202);
    const admin = await api.login('admin');
    const probe = await api.as(admin).post('/api/system/probes');
    expect(probe.status).toBe(202);
    const c1 = await unitId(api.ds, 'C1');
    const v1 = await unitId(api.ds, 'V1');
    await api.ds.transaction(async (m) => {
      const outbox = api.app.get(OutboxService);
      await outbox.enqueue(
        m,
        'progress.bulletin',
        { campaignId: other, unitId: c1, cadence: 'biweekly', periodEnd: '2026-03-01', date: '2026-03-01', trigger: 'manual', requestedBy: null },
        {
          jobId: `bulletin-${other}-${c1}-biweekly-2026-03-01`,
        },
      );
      await outbox.enqueue(m, 'progress.credit', {
        campaignId: other,
        orgUnitId: v1,
        indicatorId: indicatorIds.EP,
        amount: 20,
        source: 'inspection',
        sourceRef: 'case-77',
        on: '2026-03-01',
      });
    });

    // and a probe due in an hour (a delayed job): written again after the flush, but not run early
    const [late] = await api.ds.query(`INSERT INTO worker_probe (token) VALUES ('late') RETURNING id`);
    await api.ds.transaction((m) =>
      api.app
        .get(OutboxService)
        .enqueue(m, 'system.probe', { probeId: late.id }, { jobId: `probe-${late.id}`, runAt: new Date(env.clock.now().getTime() + 3600_000) }),
    );

    await relayAll();
    const handed = await api.ds.query(`SELECT job_name, count(*)::int AS n FROM outbox WHERE relayed_at IS NOT NULL GROUP BY job_name ORDER BY job_name`);
    // round A's expand + 3 deliver batches, round B's expand, the import, the probe, the bulletin, the credit
    expect(handed).toEqual([
      { job_name: 'notices.deliver', n: 3 },
      { job_name: 'notices.round.expand', n: 2 },
      { job_name: 'progress.bulletin', n: 1 },
      { job_name: 'progress.credit', n: 1 },
      { job_name: 'registry.import', n: 1 },
      { job_name: 'system.probe', n: 2 },
    ]);
    expect(await undone()).toBe(10);
    await flushAll();

    worker = await startWorker(env);
    const doneA = await r.settled(a, 40000, true);
    const doneB = await r.settled(b, 40000, true);
    expect(doneA.totals).toMatchObject({ total: 250, queued: 0, sending: 0, failed: 0 });
    expect(doneB.totals).toMatchObject({ total: 30, queued: 0, sending: 0, failed: 0 });
    // 280 people, one SMS each: 280 phones, each asked for once
    const byPhone = requestsByPhone();
    expect(byPhone.size).toBe(280);
    expect([...byPhone.values()].filter((n) => n !== 1)).toEqual([]);
    const importRow = await waitFor(async () => {
      const [row] = await api.ds.query(`SELECT status, inserted, attempts FROM registry_import_job WHERE id = $1`, [imp.body.id]);
      return row.status === 'done' ? row : null;
    }, 20000);
    expect(importRow).toEqual({ status: 'done', inserted: 2, attempts: 1 });
    const processed = await waitFor(async () => {
      const [row] = await api.ds.query(`SELECT processed_at IS NOT NULL AS done FROM worker_probe WHERE id = $1`, [probe.body.id]);
      return row.done;
    }, 20000);
    expect(processed).toBe(true);
    // the probe's stamp and its "done" committed in one transaction: both are that transaction's now()
    const [same] = await api.ds.query(
      `SELECT p.processed_at = o.done_at AS same FROM worker_probe p JOIN outbox o ON o.job_id = 'probe-' || p.id WHERE p.id = $1`,
      [probe.body.id],
    );
    expect(same).toEqual({ same: true });
    // everything done but the probe due in an hour
    await waitFor(async () => (await undone()) === 1, 20000);
    const [delayed] = await api.ds.query(`SELECT relayed_job_id, requeues, done_at FROM outbox WHERE job_id = $1`, [`probe-${late.id}`]);
    expect(delayed).toMatchObject({ requeues: 1, done_at: null });
    expect(await worker.get(JobLookup).queue(QueueName.System).getJobState(delayed.relayed_job_id)).toBe('delayed');
    expect(await api.ds.query(`SELECT processed_at FROM worker_probe WHERE id = $1`, [late.id])).toEqual([{ processed_at: null }]);
    expect(await api.ds.query(`SELECT count(*)::int AS n FROM bulletin WHERE campaign_id = $1 AND bulletin_date = '2026-03-01'`, [other])).toEqual([{ n: 1 }]);
    expect(await api.ds.query(`SELECT amount::int AS amount FROM progress_credit WHERE source_ref = 'case-77'`)).toEqual([{ amount: 20 }]);
    // every job was written again under a new id once (requeues 1), none given up on
    const requeued = await api.ds.query(
      `SELECT count(*)::int AS n FROM outbox WHERE requeues = 1 AND relayed_job_id LIKE '%-q1' AND dead_at IS NULL AND job_name <> 'notices.create'`,
    );
    expect(requeued).toEqual([{ n: 10 }]);
    // a second flush: only the delayed probe is still to do, so only it is written again (requeues 2)
    await flushAll();
    expect(await worker.get(OutboxReconciler).reconcileOnce()).toEqual({ done: 0, requeued: 1, dead: 0 });
  });

  it('Redis restarted empty mid-round: every person gets exactly one message', async () => {
    gateway.requests.length = 0;
    await addPeople(api.ds, campaignId, 'V1', 1500, '丙', (i) => `1373${String(i).padStart(7, '0')}`);
    const r = rounds(api, office, campaignId);
    // lapsed people in V1: round B's 30 (reminded once already; a new round reaches them again) + these 1 500 = 1 530,
    // in 16 deliver batches of 100 (the last 30); 8 run at once (notices concurrency), the other 8 wait in Redis
    const c = await r.plan({ name: '丙轮', orgUnitId: await unitId(api.ds, 'V1'), target: 'lapsed', channel: 'sms' });
    await r.start(c);
    await waitFor(async () => gateway.requests.length >= 60, 20000, 5);
    await stopRedis(redis);
    // mid-round: the 8 waiting batches' 730 messages are still queued, their deliver jobs gone with Redis
    const [{ queued }] = await api.ds.query(`SELECT count(*)::int AS queued FROM outreach_message WHERE round_id = $1 AND state = 'queued'`, [c]);
    expect(queued).toBeGreaterThanOrEqual(600);
    redis = await startRedis(port);
    const done = await r.settled(c, 45000, true);
    expect(done.totals).toMatchObject({ total: 1530, queued: 0, sending: 0, failed: 0 });
    // one request per person of the round
    const byPhone = requestsByPhone();
    expect(byPhone.size).toBe(1530);
    expect([...byPhone.values()].filter((n) => n !== 1)).toEqual([]);
  });

  it('a running round whose deliver jobs are dead resumes its queued messages by itself', async () => {
    await worker!.close();
    worker = undefined;
    gateway.requests.length = 0;
    await addPeople(api.ds, campaignId, 'V3', 20, '丁', (i) => `1374${String(i).padStart(7, '0')}`);
    const r = rounds(api, office, campaignId);
    // will_enrol people of V3: round A's 250 + these 20 = 270, in 3 deliver batches (100, 100, 70)
    const d = await r.plan({ name: '丁轮', orgUnitId: await unitId(api.ds, 'V3'), target: 'will_enrol', channel: 'sms' });
    await r.start(d);
    await api.app.get(OutreachService).expand(d);
    // given up on (dead) before they ever ran: nothing would send the round's messages
    // (this round's only: the last round's resume may have left a no-op deliver of sent messages unrelayed when its worker closed)
    const [, dead] = await api.ds.query(
      `UPDATE outbox SET dead_at = now(), relayed_at = now() WHERE job_name = 'notices.deliver' AND relayed_at IS NULL
          AND (payload->'messageIds'->>0)::bigint IN (SELECT id FROM outreach_message WHERE round_id = $1)`,
      [d],
    );
    expect(dead).toBe(3);
    worker = await startWorker(env);
    const done = await r.settled(d, 30000, true);
    expect(done.totals).toMatchObject({ total: 270, queued: 0, sending: 0, failed: 0 });
    const byPhone = requestsByPhone();
    expect(byPhone.size).toBe(270);
    expect([...byPhone.values()].filter((n) => n !== 1)).toEqual([]);
  });

  it('a job lost again after its 5th re-write is given up on: dead, with its reason, and never run', async () => {
    const [p] = await api.ds.query(`INSERT INTO worker_probe (token) VALUES ('lost-often') RETURNING id`);
    // relayed after 5 re-writes already, and Redis does not hold it (lost once more)
    await api.ds.query(
      `INSERT INTO outbox (queue, job_name, job_id, payload, relayed_at, relayed_job_id, requeues) VALUES ('system', 'system.probe', $1, $2, now(), $3, 5)`,
      [`probe-${p.id}`, JSON.stringify({ probeId: p.id }), `gone-probe-${p.id}-q5`],
    );
    const row = await waitFor(async () => {
      const [r] = await api.ds.query(`SELECT dead_at IS NOT NULL AS dead, dead_reason, requeues, relayed_job_id FROM outbox WHERE job_id = $1`, [
        `probe-${p.id}`,
      ]);
      return r.dead ? r : null;
    }, 10000);
    expect(row).toEqual({ dead: true, dead_reason: expect.stringContaining('已停止重试'), requeues: 5, relayed_job_id: `gone-probe-${p.id}-q5` });
    await afterNextCall(worker!.get(OutboxReconciler), 'reconcileOnce'); // a pass later it is still not written again
    expect(await api.ds.query(`SELECT processed_at FROM worker_probe WHERE id = $1`, [p.id])).toEqual([{ processed_at: null }]);
    expect(await api.ds.query(`SELECT requeues, relayed_at IS NOT NULL AS relayed FROM outbox WHERE job_id = $1`, [`probe-${p.id}`])).toEqual([
      { requeues: 5, relayed: true },
    ]);
  });
});
