import { DeadlinesService } from '#campaigns';
import { loginAs, Logins } from '../helpers/api-client';
import { makeSmallCity, unitId } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';
import { idNumber } from '../registry/registry-helpers';

/**
 * Seed 004: a land project's farmers are verified within its days after the compensation agreement; reminders
 * before the deadline and an overdue notice after, each once (task_deadline_event rows, the deadlines reconciler).
 * The small city: C1 (office) → D1 (d1mgr) → T1 (t1mgr). Today is 2 Mar 2026, 10:00 China. Reminders 7, 3 and
 * 1 days before at 09:00 China (01:00 UTC); overdue at 00:00 China the day after the deadline (16:00 UTC).
 *   南区: agreement 1 Mar, 20 days → deadline 21 Mar; reminders 14, 18, 20 Mar; overdue 22 Mar 00:00 China.
 *     then 25 days → deadline 26 Mar; reminders 19, 23, 25 Mar; overdue 27 Mar 00:00 China (26 Mar 16:00 UTC).
 *   北区: agreement 1 Feb, 30 days → deadline 3 Mar; its reminders (24 Feb, 28 Feb, 2 Mar 09:00) are past: only the overdue.
 */
describe('land projects: verification deadline, reminders and overdue notice', () => {
  let env: TestEnv;
  let api: TestApi;
  let logins: Logins;
  let t1: number;
  const user: Record<string, number> = {};
  const ids: Record<string, number> = {};

  const noticesLike = async (like: string): Promise<number> =>
    (
      await api.ds.query(
        `SELECT count(*)::int AS n FROM outbox o, jsonb_array_elements(o.payload->'notices') x WHERE o.job_name = 'notices.create' AND x->>'dedupeKey' LIKE $1`,
        [like],
      )
    )[0].n;
  const subjectOf = async (key: string): Promise<string> =>
    (await api.ds.query(`SELECT x->>'subject' AS s FROM outbox o, jsonb_array_elements(o.payload->'notices') x WHERE x->>'dedupeKey' = $1`, [key]))[0]?.s;
  const events = async (projectId: number) =>
    api.ds.query(
      `SELECT key, to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS due, done_at IS NOT NULL AS done, cancelled_at IS NOT NULL AS cancelled, skip_reason
         FROM task_deadline_event WHERE land_project_id = $1 ORDER BY due_at, key`,
      [projectId],
    );
  const reconcileTwice = async () => {
    const d = api.app.get(DeadlinesService);
    await Promise.all([d.reconcile(), d.reconcile()]);
    await d.reconcile();
  };

  beforeAll(async () => {
    env = await createTestEnv();
    env.clock.set('2026-03-02T02:00:00Z');
    api = await startApi(env);
    await makeSmallCity(api.ds);
    t1 = await unitId(api.ds, 'T1');
    for (const u of ['office', 'd1mgr', 't1mgr']) user[u] = (await api.ds.query(`SELECT id FROM app_user WHERE username = $1`, [u]))[0].id;
    logins = await loginAs(api, ['office', 'd1mgr']);
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  const create = async (name: string, agreementOn: string, verifyWithinDays: number) => {
    const res = await logins
      .as('d1mgr')
      .post('/api/land-projects')
      .send({ unitId: t1, name, year: 2026, agreementOn, areaMu: '10.00', fundDue: '1000.00', verifyWithinDays })
      .expect(201);
    await logins
      .as('d1mgr')
      .post(`/api/land-projects/${res.body.id}/farmers`)
      .send({
        farmers: [
          { name: '张三', idNumber: idNumber('19700101', 11), village: '一村', verified: true, verifiedOn: '2026-03-01' },
          { name: '李四', idNumber: idNumber('19700101', 12), village: '一村' },
        ],
      })
      .expect(200);
    return res.body as { id: number; verificationDueOn: string };
  };

  it('plans the reminders and the overdue event of the deadline when a project is created', async () => {
    const south = await create('南区征地项目', '2026-03-01', 20);
    ids.south = south.id;
    expect(south.verificationDueOn).toBe('2026-03-21');
    expect(await events(south.id)).toEqual([
      // 14 March is a Saturday: the 7-day reminder moves to the working day before (issue 20)
      { key: 'reminder-deadline-2026-03-21-7-v1', due: '2026-03-13T01:00', done: false, cancelled: false, skip_reason: null },
      { key: 'reminder-deadline-2026-03-21-3-v1', due: '2026-03-18T01:00', done: false, cancelled: false, skip_reason: null },
      { key: 'reminder-deadline-2026-03-21-1-v1', due: '2026-03-20T01:00', done: false, cancelled: false, skip_reason: null },
      { key: 'overdue-2026-03-21-v1', due: '2026-03-21T16:00', done: false, cancelled: false, skip_reason: null },
    ]);
    const north = await create('北区征地项目', '2026-02-01', 30);
    ids.north = north.id;
    expect(north.verificationDueOn).toBe('2026-03-03');
    expect(await events(north.id)).toEqual([{ key: 'overdue-2026-03-03-v1', due: '2026-03-03T16:00', done: false, cancelled: false, skip_reason: null }]);
  });

  it("sends the overdue notice once to the unit's manager, the manager above and the office; the list shows 逾期", async () => {
    env.clock.set('2026-03-03T16:00:30Z');
    await reconcileTwice();
    expect(await noticesLike(`land-${ids.north}-overdue-2026-03-03-u%`)).toBe(3);
    for (const u of ['t1mgr', 'd1mgr', 'office']) expect(await noticesLike(`land-${ids.north}-overdue-2026-03-03-u${user[u]}`)).toBe(1);
    expect(await subjectOf(`land-${ids.north}-overdue-2026-03-03-u${user.t1mgr}`)).toBe('被征地农民信息核实逾期：北区征地项目（时限 2026-03-03）');
    const list = (await logins.as('office').get('/api/land-projects?q=北区').expect(200)).body.items;
    expect(list[0]).toMatchObject({ verificationDueOn: '2026-03-03', verified: false, verificationOverdue: true });
    // the south project's reminders are not due yet
    expect(await noticesLike(`land-${ids.south}-%`)).toBe(0);
  });

  it("sends a reminder once, to the project unit's managers and office only, with the days left", async () => {
    env.clock.set('2026-03-13T01:00:30Z');
    await reconcileTwice();
    expect(await noticesLike(`land-${ids.south}-%`)).toBe(1);
    expect(await noticesLike(`land-${ids.south}-2026-03-21-7-u${user.t1mgr}`)).toBe(1);
    // sent on Friday 13 March, the working day before the 7-day reminder's Saturday: 8 days left
    expect(await subjectOf(`land-${ids.south}-2026-03-21-7-u${user.t1mgr}`)).toBe('被征地农民信息核实提醒：南区征地项目（距核实完成时限 2026-03-21 还有8天）');
  });

  it('a longer allowance moves the deadline: the old pending events are cancelled, the new ones planned', async () => {
    const res = await logins.as('d1mgr').patch(`/api/land-projects/${ids.south}`).send({ verifyWithinDays: 25 }).expect(200);
    expect(res.body.verificationDueOn).toBe('2026-03-26');
    const rows = await events(ids.south);
    expect(rows.filter((r: { cancelled: boolean }) => !r.cancelled)).toEqual([
      { key: 'reminder-deadline-2026-03-21-7-v1', due: '2026-03-13T01:00', done: true, cancelled: false, skip_reason: null },
      { key: 'reminder-deadline-2026-03-26-7-v1', due: '2026-03-19T01:00', done: false, cancelled: false, skip_reason: null },
      { key: 'reminder-deadline-2026-03-26-3-v1', due: '2026-03-23T01:00', done: false, cancelled: false, skip_reason: null },
      { key: 'reminder-deadline-2026-03-26-1-v1', due: '2026-03-25T01:00', done: false, cancelled: false, skip_reason: null },
      { key: 'overdue-2026-03-26-v1', due: '2026-03-26T16:00', done: false, cancelled: false, skip_reason: null },
    ]);
    expect(rows.filter((r: { cancelled: boolean }) => r.cancelled).map((r: { key: string }) => r.key)).toEqual([
      'reminder-deadline-2026-03-21-3-v1',
      'reminder-deadline-2026-03-21-1-v1',
      'overdue-2026-03-21-v1',
    ]);
  });

  it('after the workers were down across the deadline: the passed reminders say nothing, the overdue notice goes out once', async () => {
    env.clock.set('2026-03-27T02:00:00Z');
    await reconcileTwice();
    const rows = (await events(ids.south)).filter((r: { key: string }) => r.key.includes('2026-03-26'));
    expect(rows.map((r: { done: boolean; skip_reason: string | null }) => [r.done, r.skip_reason])).toEqual([
      [true, 'passed'],
      [true, 'passed'],
      [true, 'passed'],
      [true, null],
    ]);
    expect(await noticesLike(`land-${ids.south}-2026-03-26-%`)).toBe(0);
    expect(await noticesLike(`land-${ids.south}-overdue-2026-03-26-u%`)).toBe(3);
  });

  it('a project whose farmers are all verified by its deadline is spared the overdue notice', async () => {
    env.clock.set('2026-03-28T02:00:00Z');
    const p = await create('西区征地项目', '2026-03-28', 10);
    const farmers = (await logins.as('d1mgr').get(`/api/land-projects/${p.id}/farmers`).expect(200)).body.items as { id: number; verified: boolean }[];
    await logins
      .as('d1mgr')
      .patch(`/api/land-projects/${p.id}/farmers/${farmers.find((f) => !f.verified)!.id}`)
      .send({ verified: true })
      .expect(204);
    env.clock.set('2026-04-08T16:00:30Z');
    await reconcileTwice();
    // deadline Tue 7 April: the 7-day reminder on 31 March; the 3-day (Sat 4 April) and 1-day (Mon 6 April, 清明) both move
    // to Fri 3 April, one reminder; and the overdue event: three events, all skipped as met
    expect((await events(p.id)).map((r: { done: boolean; skip_reason: string | null }) => [r.done, r.skip_reason])).toEqual([
      [true, 'met'],
      [true, 'met'],
      [true, 'met'],
    ]);
    expect(await noticesLike(`land-${p.id}-%`)).toBe(0);
  });
});
