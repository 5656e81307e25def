import { ReplicaReads } from '#core';
import { Client } from 'pg';
import { loginAs, Logins } from '../helpers/api-client';
import { makeCampaign, makeSmallCity, makeTasks, QUARTERLY_2026, unitId } from '../helpers/factories';
import { OwnPostgres } from '../helpers/own-servers';
import { startApi, TestApi, TestEnv, testEnvOn, waitFor } from '../helpers/test-app';
import { countSplit } from '../progress/progress-factory';

jest.setTimeout(120000);

/**
 * Issue 19 point 3: dashboards, rankings, their exports and the audit log read from a streaming standby
 * (DATABASE_REPLICA_URLS), writes stay on the primary; a standby lagging past DATABASE_REPLICA_MAX_LAG_SECONDS
 * or gone sends those reads to the primary, and they return to the standby once it is back. A primary and a
 * standby of the test's own (initdb, pg_basebackup -R), never the machine's shared server.
 */
describe('reads from a PostgreSQL streaming replica', () => {
  let primary: OwnPostgres;
  let standby: OwnPostgres;
  let env: TestEnv;
  let api: TestApi;
  let reads: ReplicaReads;
  let logins: Logins;
  let campaignId: number;
  let ep: Record<string, number>;
  let c1: number;
  const DB = 'yingbao_replica';

  /** Runs SQL on the standby itself (a connection of the test's own). */
  const onStandby = async (sql: string) => {
    const c = new Client({ connectionString: standby.url(DB) });
    await c.connect();
    try {
      return (await c.query(sql)).rows;
    } finally {
      await c.end();
    }
  };
  const inRecovery = async () => (await reads.manager.query(`SELECT pg_is_in_recovery() AS r`))[0].r as boolean;
  const cityTotal = async () => {
    const res = await logins.as('office').get(`/api/dashboards?campaignId=${campaignId}&unitId=${c1}&date=2026-04-30`).expect(200);
    return res.body.indicators[0].total.actual as string;
  };
  const report = (unit: 'V1' | 'V2', actual: number, reason?: string) =>
    logins
      .as(`${unit.toLowerCase()}mgr`)
      .post('/api/progress-reports')
      .send({ taskId: ep[unit], asOf: '2026-04-30', actual, ...(reason ? { reason } : {}) })
      .expect(201);

  beforeAll(async () => {
    primary = await OwnPostgres.start();
    const db = await primary.migrated(DB);
    standby = await OwnPostgres.standbyOf(primary);
    env = testEnvOn(db, { DATABASE_REPLICA_URLS: standby.url(DB), DATABASE_REPLICA_MAX_LAG_SECONDS: '1' });
    api = await startApi(env);
    reads = api.app.get(ReplicaReads);
    await makeSmallCity(api.ds);
    logins = await loginAs(api, ['office', 'v1mgr', 'v2mgr']);
    const c = await makeCampaign(api.ds, { milestones: QUARTERLY_2026, indicators: [{ code: 'EP', name: '企业职工养老保险新增参保', kind: 'count' }] });
    campaignId = c.campaignId;
    ep = await makeTasks(api.ds, campaignId, c.indicatorIds.EP, countSplit(1000));
    c1 = await unitId(api.ds, 'C1');
    env.clock.set('2026-05-10T02:00:00Z');
  });
  afterAll(async () => {
    await api?.close();
    standby?.destroy();
    primary?.destroy();
  });

  it('serves the dashboard from the standby once replayed; the report itself went to the primary', async () => {
    await report('V1', 120);
    expect(await reads.target()).toBe(standby.url(DB));
    expect(await inRecovery()).toBe(true);
    // the write is on the primary at once; the standby's copy follows within the lag limit
    expect((await api.ds.query(`SELECT pg_is_in_recovery() AS r`))[0].r).toBe(false);
    await waitFor(async () => (await cityTotal()) === '120', 10000, 100);
    const logged = await logins.as('office').get('/api/audit-log?action=progress.report').expect(200);
    expect(logged.body.total).toBe(1);
  });

  it('a standby past the lag limit is passed over: reads go to the primary and see the newest write, then back', async () => {
    await onStandby(`SELECT pg_wal_replay_pause()`);
    await report('V2', 80);
    // replay paused: what the standby holds grows older than the 1 s limit
    await waitFor(async () => (await reads.target()) === 'primary', 10000, 200);
    expect(await inRecovery()).toBe(false);
    expect(await cityTotal()).toBe('200');
    await onStandby(`SELECT pg_wal_replay_resume()`);
    await waitFor(async () => (await reads.target()) === standby.url(DB), 10000, 200);
    expect(await inRecovery()).toBe(true);
    expect(await cityTotal()).toBe('200');
  });

  it('a standby gone away: every read falls back to the primary without an error, and returns when it is back', async () => {
    standby.down();
    await report('V1', 170, '漏报50人'); // V1's figure for the date corrected: 170 + 80
    expect(await inRecovery()).toBe(false);
    expect(await cityTotal()).toBe('250');
    const res = await logins.as('office').get(`/api/rankings?campaignId=${campaignId}&unitId=${c1}&date=2026-04-30`);
    expect(res.status).toBe(200);
    standby.up();
    // a failed replica is tried again after 5 s
    await waitFor(async () => (await reads.target()) === standby.url(DB), 30000, 500);
    expect(await inRecovery()).toBe(true);
    await waitFor(async () => (await cityTotal()) === '250', 10000, 100);
  });
});
