import { DeadlinesService } from '#campaigns';
import { CreditsService, SettlementsService } from '#progress';
import { INestApplicationContext } from '@nestjs/common';
import { loginAs, Logins } from '../helpers/api-client';
import { makeCampaign, makeSmallCity, makeTasks, makeUser, QUARTERLY_2026, unitId } from '../helpers/factories';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv, waitFor } from '../helpers/test-app';
import { binary, firstSheetRows } from '../helpers/xlsx';
import { countSplit } from './progress-factory';

/**
 * Rewards and penalties at each task's own deadline (DOMAIN.md section 9): a task is settled with its
 * parent's subtree when it shares the parent's deadline, on its own when its allocation gave it another.
 */
describe('settlements at every level', () => {
  let env: TestEnv;
  let api: TestApi;
  let worker: INestApplicationContext;
  let campaignId: number;
  let ep: Record<string, number>;
  let office: string;

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    worker = await startWorker(env);
    await makeSmallCity(api.ds);
    office = await api.login('office');
    const c = await makeCampaign(api.ds, {
      milestones: QUARTERLY_2026,
      indicators: [{ code: 'EP', name: '企业职工养老保险新增参保', kind: 'count' }],
      settings: { incentives: { a: 80, b: 60, x: 20, y: 30, z: 10 } },
    });
    campaignId = c.campaignId;
    // C1 1000 (31 Dec) -> D1 600 due 30 Jun (T1 600 -> V1 300, V2 300, all 30 Jun), D2 400 (T2 400, 31 Dec)
    ep = await makeTasks(api.ds, campaignId, c.indicatorIds.EP, { unit: 'C1', target: 1000 });
    const [d1, d2] = countSplit(1000).children!;
    Object.assign(ep, await makeTasks(api.ds, campaignId, c.indicatorIds.EP, d1, '2026-06-30', ep.C1));
    Object.assign(ep, await makeTasks(api.ds, campaignId, c.indicatorIds.EP, d2, '2026-12-31', ep.C1));
    const report = (task: number, asOf: string, actual: number) =>
      api.ds.query(`INSERT INTO progress_report (task_id, as_of, actual, reported_at) VALUES ($1, $2, $3, now())`, [task, asOf, actual]);
    await report(ep.V1, '2026-06-30', 300); // 100 %
    await report(ep.V2, '2026-06-30', 200); // 66.7 %
    await report(ep.V1, '2026-07-15', 330); // after D1's deadline: not in its settlement
    await report(ep.T2, '2026-12-31', 340); // 85 %
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await env.drop();
  });

  const settled = async () =>
    api.ds.query(
      `SELECT s.task_id, s.period, s.totals, (SELECT json_agg(json_build_array(o.code, l.new_enrolees::text, l.mobilised::text, l.tier, l.reward::text, l.deduction::text) ORDER BY l.id)
                                                FROM settlement_line l JOIN org_unit o ON o.id = l.unit_id WHERE l.settlement_id = s.id) AS lines
         FROM settlement s ORDER BY s.id`,
    );

  it('settles a district whose task has its own deadline at that deadline, with itself and its subtree', async () => {
    env.clock.set('2026-07-20T02:00:00Z');
    const svc = worker.get(SettlementsService);
    expect(await svc.enqueueDue()).toBe(1);
    const rows = await waitFor(async () => {
      const r = await settled();
      return r.length ? r : null;
    });
    // as of 30 Jun: D1 = T1 = 300 + 200 = 500 of 600 (83.3 %: >= A 80) but they mobilised nobody themselves
    // (500 - T1's 500, 500 - V1's 300 - V2's 200): nothing; V1 300/300 (Y 30 x 300); V2 200/300 66.7 % (between B and A)
    expect(rows).toEqual([
      {
        task_id: ep.D1,
        period: '2026-06-30',
        totals: { reward: '9000', deduction: '0', lines: 4 },
        lines: [
          ['D1', '500', '0', 'partial', '0', '0'],
          ['T1', '500', '0', 'partial', '0', '0'],
          ['V1', '300', '300', 'full', '9000', '0'],
          ['V2', '200', '200', 'none', '0', '0'],
        ],
      },
    ]);
    expect(await svc.enqueueDue()).toBe(0);
  });

  it('settles the city at its deadline without the district settled at its own', async () => {
    env.clock.set('2027-01-02T02:00:00Z');
    const svc = worker.get(SettlementsService);
    expect(await svc.enqueueDue()).toBe(1);
    const rows = await waitFor(async () => {
      const r = await settled();
      return r.length === 2 ? r : null;
    });
    // D2 = T2 = 340 of 400 = 85 %: T2 mobilised them, X 20 x 340 = 6800, D2 none of them; D1's subtree (deadline 30 Jun) is not settled again
    expect(rows[1]).toEqual({
      task_id: ep.C1,
      period: '2026-12-31',
      totals: { reward: '6800', deduction: '0', lines: 2 },
      lines: [
        ['D2', '340', '0', 'partial', '0', '0'],
        ['T2', '340', '340', 'partial', '6800', '0'],
      ],
    });
    expect(await svc.enqueueDue()).toBe(0);
    const list = await api.as(office).get(`/api/settlements?campaignId=${campaignId}`).expect(200);
    expect(list.body.total).toBe(2);
  });
});

/**
 * A village splits its task over its own cadres (allocation lines naming a cadre): each cadre reports on
 * the cadre's share, the village's figure is their sum, and the settlement has a line per cadre with the
 * cadre's own figure next to the line of each unit.
 */
describe('a village task split over its cadres', () => {
  let env: TestEnv;
  let api: TestApi;
  let campaignId: number;
  let ep: Record<string, number>;
  let logins: Logins;
  let cadre: Record<string, number>;

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    cadre = {
      v1cadre: (await api.ds.query(`SELECT id FROM app_user WHERE username = 'v1cadre'`))[0].id,
      v1cadre2: await makeUser(api.ds, 'v1cadre2', 'V1', ['cadre'], { displayName: '李四' }),
      v2cadre: await makeUser(api.ds, 'v2cadre', 'V2', ['cadre']),
    };
    logins = await loginAs(api, ['admin', 'office', 'v1mgr', 'v1cadre', 'v1cadre2']);
    const c = await makeCampaign(api.ds, {
      milestones: QUARTERLY_2026,
      indicators: [{ code: 'EP', name: '企业职工养老保险新增参保', kind: 'count' }],
      settings: { incentives: { a: 50, b: 30, x: 20, y: 30, z: 10 } },
    });
    campaignId = c.campaignId;
    ep = await makeTasks(api.ds, campaignId, c.indicatorIds.EP, countSplit(1000));
    env.clock.set('2026-05-10T02:00:00Z');
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });
  const report = (name: string, taskId: number, actual: string) => logins.as(name).post('/api/progress-reports').send({ taskId, asOf: '2026-05-10', actual });

  it('splits the village task over its cadres through an approved allocation', async () => {
    const post = (lines: object[]) => logins.as('v1mgr').post('/api/allocations').send({ parentTaskId: ep.V1, lines });
    const stranger = await post([{ holderUserId: cadre.v2cadre, target: 300 }]);
    expect(stranger.status).toBe(400);
    expect(stranger.body.fields[0]).toEqual({
      field: 'lines[0].holderUserId',
      message: `用户 ${cadre.v2cadre} 不是单位V1在岗的包村干部（user ${cadre.v2cadre} is not an active cadre of 单位V1）`,
    });
    // a cadre of a village below does not hold a share of the town's own task (it would be out of the cadre's scope)
    const below = await logins
      .as('office')
      .post('/api/allocations')
      .send({ parentTaskId: ep.T1, lines: [{ holderUserId: cadre.v1cadre, target: 600 }] });
    expect(below.status).toBe(400);
    expect(below.body.fields[0]).toEqual({
      field: 'lines[0].holderUserId',
      message: `用户 ${cadre.v1cadre} 不是单位T1在岗的包村干部（user ${cadre.v1cadre} is not an active cadre of 单位T1）`,
    });
    const twice = await post([
      { holderUserId: cadre.v1cadre, target: 150 },
      { holderUserId: cadre.v1cadre, target: 150 },
    ]);
    expect(twice.body.fields[0]).toEqual({
      field: 'lines[1].holderUserId',
      message: `干部 ${cadre.v1cadre} 在分解方案中出现了不止一次（cadre ${cadre.v1cadre} appears more than once）`,
    });
    const a = await post([
      { holderUserId: cadre.v1cadre, target: 200 },
      { holderUserId: cadre.v1cadre2, target: 100 },
    ]).expect(201);
    expect(a.body.lines.map((l: { childCode: string; holderName: string; target: string }) => [l.childCode, l.holderName, l.target])).toEqual([
      ['V1', 'v1cadre', '200.00'],
      ['V1', '李四', '100.00'],
    ]);
    await logins.as('v1mgr').post(`/api/allocations/${a.body.id}/submit`).send({}).expect(200);
    await logins.as('admin').post(`/api/allocations/${a.body.id}/approve`).send({}).expect(200);
    const tasks: { id: number; holder_user_id: number; target: string }[] = await api.ds.query(
      `SELECT id, holder_user_id, target::text AS target FROM task WHERE parent_task_id = $1 ORDER BY id`,
      [ep.V1],
    );
    expect(tasks.map((t) => [t.holder_user_id, t.target])).toEqual([
      [cadre.v1cadre, '200.00'],
      [cadre.v1cadre2, '100.00'],
    ]);
    ep.K1 = tasks[0].id;
    ep.K2 = tasks[1].id;
    // a cadre's share is not split further
    const again = await logins
      .as('office')
      .post('/api/allocations')
      .send({ parentTaskId: ep.K1, lines: [{ childUnitId: 1, target: 200 }] });
    expect(again.status).toBe(409);
  });

  it('keeps a cadre holding a live share in the unit, active and a cadre (409 naming the share)', async () => {
    const patch = (body: object) => logins.as('admin').patch(`/api/users/${cadre.v1cadre2}`).send(body);
    const before = await api.ds.query(`SELECT org_unit_id, active, roles FROM app_user WHERE id = $1`, [cadre.v1cadre2]);
    for (const body of [{ orgUnitId: await unitId(api.ds, 'V2') }, { active: false }, { roles: ['unit_manager'] }]) {
      const res = await patch(body);
      expect(res.status).toBe(409);
      expect(res.body.message).toMatch(/^李四|承担着未结束活动的干部任务/);
      expect(res.body.details.liveTasks.map((t: { taskId: number }) => t.taskId)).toEqual([ep.K2]);
    }
    expect(await api.ds.query(`SELECT org_unit_id, active, roles FROM app_user WHERE id = $1`, [cadre.v1cadre2])).toEqual(before);
    // a change that keeps the cadre on the share is fine
    expect((await patch({ displayName: '李四' })).status).toBe(200);
  });

  it('takes each cadre’s reports on the cadre’s share only, and rolls them up into the village', async () => {
    const v1 = await report('v1mgr', ep.V1, '190');
    expect(v1.status).toBe(400);
    expect(v1.body.fields[0]).toEqual({
      field: 'taskId',
      message:
        '该任务已分解到 2 名干部，完成数为其合计：请在分解后的任务上上报 (this task is split over 2 cadres; its figure is the sum of theirs: report on their tasks instead)',
    });
    await report('v1cadre', ep.K1, '150').expect(201);
    expect((await report('v1cadre', ep.K2, '40')).status).toBe(403);
    await report('v1cadre2', ep.K2, '40').expect(201);
    const t1 = await logins.as('office').get(`/api/dashboards?campaignId=${campaignId}&unitId=${await unitId(api.ds, 'T1')}&date=2026-05-10`);
    expect(t1.body.indicators[0].rows.map((r: { code: string; actual: string }) => [r.code, r.actual])).toEqual([
      ['V1', '190'],
      ['V2', '0'],
    ]);
    const v1d = await logins.as('v1mgr').get(`/api/dashboards?campaignId=${campaignId}&unitId=${await unitId(api.ds, 'V1')}&date=2026-05-10`);
    // V1 has no child units: its figure is its cadres' shares, counted at its own level
    expect(v1d.body.indicators[0].total).toMatchObject({ actual: '190', target: '300.00', ratePct: '63.3' });
    expect(v1d.body.indicators[0].own).toEqual({ actual: '190', denominator: null });
  });

  it('settles a line per cadre with the cadre’s own figure', async () => {
    const s = await logins.as('office').post('/api/settlements').send({ taskId: ep.C1, asOf: '2026-05-10' }).expect(201);
    expect(
      s.body.lines.map((l: { unitCode: string; cadreName: string | null; newEnrolees: string; tier: string; reward: string; deduction: string }) => [
        l.unitCode,
        l.cadreName,
        l.newEnrolees,
        l.tier,
        l.reward,
        l.deduction,
      ]),
    ).toEqual([
      ['D1', null, '190', 'none', '0', '0'], // 190 / 600 = 31.7 %: between B 30 and A 50
      ['D2', null, '0', 'zero', '0', '4000'], // zero: 10 x 400
      ['T1', null, '190', 'none', '0', '0'],
      ['T2', null, '0', 'zero', '0', '4000'],
      ['V1', null, '190', 'partial', '0', '0'], // 190 / 300 = 63.3 %, but its cadres mobilised all 190 (150 + 40): nothing on the village's line
      ['V1', 'v1cadre', '150', 'partial', '3000', '0'], // 150 / 200 = 75 %: 20 x 150
      ['V1', '李四', '40', 'none', '0', '0'], // 40 / 100 = 40 %
      ['V2', null, '0', 'zero', '0', '3000'], // 10 x 300
    ]);
    expect(s.body.lines.map((l: { mobilised: string }) => l.mobilised)).toEqual(['0', '0', '0', '0', '0', '150', '40', '0']);
    expect(s.body.totals).toEqual({ reward: '3000', deduction: '11000', lines: 8 });
  });

  it('lists a cadre’s own shares as the cadre’s tasks, and reminds the cadre, not the village managers', async () => {
    const mine = async (name: string) =>
      (await logins.as(name).get('/api/tasks/mine').query({ campaignId })).body.items.map((t: { id: number }) => t.id).sort((a: number, b: number) => a - b);
    expect(await mine('v1cadre')).toEqual([ep.K1]);
    expect(await mine('v1cadre2')).toEqual([ep.K2]);
    expect(await mine('v1mgr')).toEqual([ep.V1, ep.K1, ep.K2].sort((a, b) => a - b));
    // 24 Dec 09:00 China is 7 days before the 31 Dec deadline of both shares
    env.clock.set('2026-12-24T01:00:30Z');
    await api.app.get(DeadlinesService).reconcile();
    const reminded = await api.ds.query(
      `SELECT (n->>'recipientUserId')::int AS uid, n->'linkId' AS task FROM outbox o, jsonb_array_elements(o.payload->'notices') n
        WHERE o.job_name = 'notices.create' AND n->>'kind' = 'task.reminder' AND n->>'linkId' IN ($1, $2)
          AND n->>'dedupeKey' LIKE '%-deadline-2026-12-31-7-%' ORDER BY 2, 1`,
      [String(ep.K1), String(ep.K2)],
    );
    expect(reminded).toEqual([
      { uid: cadre.v1cadre, task: String(ep.K1) },
      { uid: cadre.v1cadre2, task: String(ep.K2) },
    ]);
  });
});

/**
 * Seed 000 pays "各单位或个人每动员一人新参保" — per person a unit or cadre mobilised — so each enrolee is paid
 * once, on the line of whoever mobilised them: a town's line is paid only for the enrolees counted at the
 * town itself, not again for its villages'. (The demo paid 677 x 30 to a town on top of its villages.)
 */
describe('each enrolee is rewarded once', () => {
  let env: TestEnv;
  let api: TestApi;
  let ep: Record<string, number>;
  let office: string;

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    office = await api.login('office');
    const c = await makeCampaign(api.ds, {
      milestones: QUARTERLY_2026,
      indicators: [{ code: 'EP', name: '企业职工养老保险新增参保', kind: 'count' }],
      settings: { incentives: { a: 80, b: 60, x: 20, y: 30, z: 10 } },
    });
    // C1 1000 -> D1 600 -> T1 600 -> V1 300 (31 Dec), V2 300 (its own deadline, 30 Jun); D2 400 -> T2 400; all else 31 Dec
    ep = await makeTasks(api.ds, c.campaignId, c.indicatorIds.EP, { unit: 'C1', target: 1000 });
    Object.assign(
      ep,
      await makeTasks(api.ds, c.campaignId, c.indicatorIds.EP, { unit: 'D1', target: 600, children: [{ unit: 'T1', target: 600 }] }, '2026-12-31', ep.C1),
    );
    Object.assign(ep, await makeTasks(api.ds, c.campaignId, c.indicatorIds.EP, { unit: 'V1', target: 300 }, '2026-12-31', ep.T1));
    Object.assign(ep, await makeTasks(api.ds, c.campaignId, c.indicatorIds.EP, { unit: 'V2', target: 300 }, '2026-06-30', ep.T1));
    Object.assign(ep, await makeTasks(api.ds, c.campaignId, c.indicatorIds.EP, countSplit(1000).children![1], '2026-12-31', ep.C1));
    const report = (task: number, asOf: string, actual: number) =>
      api.ds.query(`INSERT INTO progress_report (task_id, as_of, actual, reported_at) VALUES ($1, $2, $3, now())`, [task, asOf, actual]);
    await report(ep.V1, '2026-11-30', 330);
    await report(ep.V2, '2026-06-30', 300);
    await report(ep.V2, '2026-09-01', 320); // 20 after V2's deadline
    await report(ep.T2, '2026-12-01', 440);
    // 50 enrolled through an inspection case of an employer of the town itself
    await api.app.get(CreditsService).record({
      campaignId: c.campaignId,
      indicatorId: c.indicatorIds.EP,
      orgUnitId: await unitId(api.ds, 'T1'),
      amount: 50,
      on: '2026-05-05',
      source: 'inspection',
      sourceRef: 'case-1',
    });
    env.clock.set('2027-01-05T02:00:00Z');
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  it('pays a town for the enrolees at its own level only, and a district for none it did not mobilise', async () => {
    const s = await api.as(office).post('/api/settlements').send({ taskId: ep.C1, asOf: '2026-12-31' }).expect(201);
    // As of 31 Dec (A 80, X 20, Y 30): V1 330 / 300 = 110 % full, it mobilised all 330: 30 x 330 = 9900.
    // T1 = V1 330 + V2 320 + the town's own 50 = 700 / 600 = 116.7 % full; it mobilised 700 - 330 - 320 = 50: 30 x 50 = 1500
    // (V2's 300 are paid in V2's own settlement at 30 Jun; the 20 after it were late, seed 000 "在规定的时间内").
    // D1 700 / 600 full, mobilised 700 - T1's 700 = 0: nothing. T2 440 / 400 = 110 %: 30 x 440 = 13200; D2 mobilised 0.
    // Total 9900 + 1500 + 13200 = 24600 (the old rule paid D1 21000, T1 21000, V1 9900, D2 13200, T2 13200 = 78300).
    expect(
      s.body.lines.map((l: { unitCode: string; newEnrolees: string; mobilised: string; tier: string; reward: string }) => [
        l.unitCode,
        l.newEnrolees,
        l.mobilised,
        l.tier,
        l.reward,
      ]),
    ).toEqual([
      ['D1', '700', '0', 'full', '0'],
      ['D2', '440', '0', 'full', '0'],
      ['T1', '700', '50', 'full', '1500'],
      ['T2', '440', '440', 'full', '13200'],
      ['V1', '330', '330', 'full', '9900'],
    ]);
    expect(s.body.totals).toEqual({ reward: '24600', deduction: '0', lines: 5 });
    // the export's 合计 counts each enrolee once: 计奖人数 0 + 0 + 50 + 440 + 330 = 820 (= C1's 1140 less V2's 320, settled on its own)
    const x = await api.as(office).get(`/api/settlements/${s.body.id}/xlsx`).buffer(true).parse(binary).expect(200);
    const rows = await firstSheetRows(x.body);
    expect(rows[1][0]).toBe('单位：人、%、元');
    expect(rows[2].slice(0, 5)).toEqual(['单位', '干部', '任务数', '新增参保人数', '计奖人数']);
    // D1 700 / 600 = 116.7 %: a percent cell holding 1.167
    expect(rows[3].slice(0, 6)).toEqual(['单位D1', '', 600, 700, 0, 1.167]);
    expect(rows[rows.length - 1].slice(0, 8)).toEqual(['合计', '', undefined, undefined, 820, undefined, undefined, 24600]);
  });

  it('settles the village with its own deadline on its own, paying its enrolees there', async () => {
    const s = await api.as(office).post('/api/settlements').send({ taskId: ep.V2 }).expect(201);
    // V2 as of its deadline 30 Jun: 300 / 300 = 100 %: 30 x 300 = 9000 (the town's line above did not pay them)
    expect(s.body.asOf).toBe('2026-06-30');
    expect(s.body.lines.map((l: { unitCode: string; mobilised: string; reward: string }) => [l.unitCode, l.mobilised, l.reward])).toEqual([
      ['V2', '300', '9000'],
    ]);
  });

  it('pays a task once: a second settlement that holds the same line (another as-of date, or its parent) is not confirmed', async () => {
    const first = await api.as(office).post('/api/settlements').send({ taskId: ep.V2 }).expect(201); // the one above, as of 30 Jun
    const again = await api.as(office).post('/api/settlements').send({ taskId: ep.V2, asOf: '2026-06-29' }).expect(201);
    expect(again.body.id).not.toBe(first.body.id);
    await api.as(office).post(`/api/settlements/${first.body.id}/confirm`).expect(200);
    const twice = await api.as(office).post(`/api/settlements/${again.body.id}/confirm`);
    expect(twice.status).toBe(409);
    expect(twice.body.message).toContain(`结算 #${first.body.id}`);
    expect(twice.body.message).toContain('同一任务只兑现一次');
    expect((await api.as(office).get(`/api/settlements/${again.body.id}`)).body.state).toBe('draft');
    expect(await api.ds.query(`SELECT settlement_id FROM settlement_payout WHERE task_id = $1`, [ep.V2])).toEqual([{ settlement_id: first.body.id }]);
  });
});
