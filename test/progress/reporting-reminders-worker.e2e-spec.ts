import { ProgressSchedule } from '#progress';
import { INestApplicationContext } from '@nestjs/common';
import { loginAs } from '../helpers/api-client';
import { makeCampaign, makeSmallCity, makeTasks, makeUser } from '../helpers/factories';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv, waitFor } from '../helpers/test-app';
import { countSplit } from './progress-factory';

/**
 * The reminders to report through the real queue: the worker's start-up tick and a later tick are two
 * progress.reconcile jobs (outbox → Redis → handler); the managers of the units that have not reported get one
 * notice item each for the period, however often the job runs.
 */
describe('reporting reminders in the worker', () => {
  let env: TestEnv;
  let api: TestApi;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    await makeUser(api.ds, 't2mgr', 'T2', ['unit_manager']);
    const c = await makeCampaign(api.ds, {
      settings: { progress: { reportCadence: 'weekly', bulletinCadence: 'quarterly' } },
      indicators: [{ code: 'EP', name: '企业职工养老保险新增参保', kind: 'count' }],
    });
    const ep = await makeTasks(api.ds, c.campaignId, c.indicatorIds.EP, countSplit(1000));
    // Sunday 2026-03-08 10:00 in Shanghai: the week 03-02..03-08 ends today and its reminder time (09:00) has passed
    env.clock.set('2026-03-08T02:00:00Z');
    const logins = await loginAs(api, ['v1mgr']);
    await logins.as('v1mgr').post('/api/progress-reports').send({ taskId: ep.V1, asOf: '2026-03-03', actual: 10 }).expect(201);
    worker = await startWorker(env);
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
    await env.drop();
  });

  const reconcileJobsDone = async () =>
    Number((await api.ds.query(`SELECT count(*) AS n FROM outbox WHERE job_name = 'progress.reconcile' AND done_at IS NOT NULL`))[0].n);
  const items = async (): Promise<{ username: string; dedupe_key: string }[]> =>
    api.ds.query(
      `SELECT u.username, i.dedupe_key FROM notice_item i JOIN app_user u ON u.id = i.recipient_user_id
        WHERE i.kind = 'progress.unreported' ORDER BY u.username`,
    );

  it('sends one reminder per manager and period even when the job runs twice', async () => {
    await waitFor(async () => (await reconcileJobsDone()) >= 1, 30000);
    await waitFor(async () => (await items()).length >= 2, 30000);
    // ten minutes later: another bucket, another job
    env.clock.set('2026-03-08T02:10:00Z');
    await worker.get(ProgressSchedule).tick();
    await waitFor(async () => (await reconcileJobsDone()) >= 2, 30000);
    // V2 and T2 did not report in the week; V1 did (03-03)
    const got = await items();
    expect(got.map((r) => r.username)).toEqual(['t2mgr', 'v2mgr']);
    expect(got.every((r) => /^reporting-reminder-\d+-\d+-2026-03-02-\d+$/.test(r.dedupe_key))).toBe(true);
    const notices: { username: string; subject: string; body: string }[] = await api.ds.query(
      `SELECT u.username, n.subject, n.body FROM notice n JOIN app_user u ON u.id = n.recipient_user_id WHERE n.kind = 'progress.unreported' ORDER BY u.username`,
    );
    expect(notices).toEqual([
      {
        username: 't2mgr',
        subject: '2026年扩面征缴：单位T2本期进度未报送',
        body: '单位T2在报送期 2026-03-02 至 2026-03-08（截止 2026-03-08）尚未报送：企业职工养老保险新增参保。请尽快报送累计完成数。',
      },
      {
        username: 'v2mgr',
        subject: '2026年扩面征缴：单位V2本期进度未报送',
        body: '单位V2在报送期 2026-03-02 至 2026-03-08（截止 2026-03-08）尚未报送：企业职工养老保险新增参保。请尽快报送累计完成数。',
      },
    ]);
    expect(Number((await api.ds.query(`SELECT count(*) AS n FROM reporting_reminder`))[0].n)).toBe(2);
    // the second job queued no notice at all (not merely one the notices' dedupe key dropped)
    const queued = await api.ds.query(
      `SELECT count(*) AS n FROM outbox o CROSS JOIN LATERAL jsonb_array_elements(o.payload->'notices') x
        WHERE o.job_name = 'notices.create' AND x->>'kind' = 'progress.unreported'`,
    );
    expect(Number(queued[0].n)).toBe(2);
  });
});
