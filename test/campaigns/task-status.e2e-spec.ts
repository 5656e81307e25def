import { DeadlinesService } from '#campaigns';
import { loginAs, Logins } from '../helpers/api-client';
import { makeSmallCity, makeUnit, makeUser, unitId } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

/**
 * Issue 12 §1: a met task is not overdue. Small city, EP (count, 200) split D1 100 / D2 60 / A1 40 and COV
 * (ratio, 95 %) copied to D1 and D2, every share due 30 Jun. Reports (as of 20 Jun unless said):
 *   EP  D1 100 of 100 → met on 20 Jun, on time; no reminder after it, no overdue notice, no escalation.
 *   EP  D2  59 of 60  → unmet at the deadline: overdue at 1 Jul 00:00 China, with its "未完成" notices.
 *   EP  A1  10 of 40  → overdue; then 40 as of 5 Jul → met late (met on 5 Jul > 30 Jun).
 *   COV D1 950 / 1000 = 95.00 % ≥ 95 % → met; COV D2 9499 / 10000 = 94.99 % < 95 % → overdue.
 *   EP top (200, due 31 Dec): 100 + 59 + 40 = 199 < 200 → open.
 */
describe('task status: met, met late, overdue', () => {
  let env: TestEnv;
  let api: TestApi;
  let logins: Logins;
  const ids: Record<string, number> = {};
  const task: Record<string, number> = {};

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    ids.leader = await makeUser(api.ds, 'leader', 'C1', ['leader']);
    logins = await loginAs(api, ['office', 'leader', 'd1mgr']);
    for (const r of await api.ds.query(`SELECT id, username FROM app_user`)) ids[r.username] = r.id;
    for (const c of ['D1', 'D2', 'A1']) ids[c] = await unitId(api.ds, c);
    const c = await logins
      .as('office')
      .post('/api/campaigns')
      .send({
        name: '2026年扩面征缴专项行动',
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        officeName: '领导小组办公室',
        members: [
          { userId: ids.leader, role: 'head', title: '市长' },
          { userId: ids.office, body: 'office', role: 'director', title: '办公室主任' },
        ],
        indicators: [
          { code: 'EP', name: '企业职工基本养老保险新增参保', unit: 'person', kind: 'count', insuranceType: 'employee_pension', target: 200 },
          {
            code: 'COV',
            name: '基本医疗保险参保率',
            unit: 'percent',
            kind: 'ratio',
            insuranceType: 'medical',
            numeratorLabel: '参保人数',
            denominatorLabel: '户籍人口',
            target: 95,
          },
        ],
      })
      .expect(201);
    const act = await logins.as('office').post(`/api/campaigns/${c.body.id}/activate`).send({}).expect(200);
    for (const t of act.body.topTasks) task[act.body.indicators.find((i: { id: number }) => i.id === t.indicatorId).code] = t.id;
    const split = async (parentTaskId: number, lines: object[]) => {
      const a = await logins.as('office').post('/api/allocations').send({ parentTaskId, lines }).expect(201);
      await logins.as('office').post(`/api/allocations/${a.body.id}/submit`).send({}).expect(200);
      const done = await logins.as('leader').post(`/api/allocations/${a.body.id}/approve`).send({}).expect(200);
      return done.body.lines as { childCode: string; taskId: number }[];
    };
    const ep = await split(task.EP, [
      { childUnitId: ids.D1, target: 100, deadline: '2026-06-30' },
      { childUnitId: ids.D2, target: 60, deadline: '2026-06-30' },
      { childUnitId: ids.A1, target: 40, deadline: '2026-06-30' },
    ]);
    for (const l of ep) task[`EP-${l.childCode}`] = l.taskId;
    const cov = await split(task.COV, [
      { childUnitId: ids.D1, target: 95, deadline: '2026-06-30' },
      { childUnitId: ids.D2, target: 95, deadline: '2026-06-30' },
    ]);
    for (const l of cov) task[`COV-${l.childCode}`] = l.taskId;
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  const report = (taskId: number, asOf: string, actual: number, denominator?: number) =>
    logins
      .as('office')
      .post('/api/progress-reports')
      .send({ taskId, asOf, actual: String(actual), denominator: denominator?.toString() })
      .expect(201);
  const view = async (taskId: number) => {
    const t = (await logins.as('office').get(`/api/tasks/${taskId}`).expect(200)).body;
    return { status: t.status, metOn: t.metOn, metLate: t.metLate };
  };
  const keys = async (like: string): Promise<number> =>
    (
      await api.ds.query(
        `SELECT count(*)::int AS n FROM outbox o, jsonb_array_elements(o.payload->'notices') n WHERE o.job_name = 'notices.create' AND n->>'dedupeKey' LIKE $1`,
        [like],
      )
    )[0].n;

  it('a task whose actual reaches its target before the deadline is met at once', async () => {
    env.clock.set('2026-06-21T02:00:00Z');
    await report(task['EP-D1'], '2026-06-20', 100);
    await report(task['EP-D2'], '2026-06-20', 59);
    await report(task['EP-A1'], '2026-06-20', 10);
    await report(task['COV-D1'], '2026-06-20', 950, 1000);
    await report(task['COV-D2'], '2026-06-20', 9499, 10000);
    expect(await view(task['EP-D1'])).toEqual({ status: 'met', metOn: '2026-06-20', metLate: false });
    expect(await view(task['COV-D1'])).toEqual({ status: 'met', metOn: '2026-06-20', metLate: false });
    for (const k of ['EP-D2', 'EP-A1', 'COV-D2', 'EP', 'COV']) expect([k, await view(task[k])]).toEqual([k, { status: 'open', metOn: null, metLate: null }]);
    const mine = await logins.as('d1mgr').get('/api/tasks/mine').query({ status: 'met' }).expect(200);
    expect(mine.body.items.map((t: { id: number }) => t.id).sort()).toEqual([task['EP-D1'], task['COV-D1']].sort());
  });

  it('at the deadline only unmet tasks turn overdue and are escalated; met ones get no reminder', async () => {
    env.clock.set('2026-06-30T16:00:30Z'); // 1 Jul 00:00:30 China: reminders 23, 27, 29 Jun and the overdue transition are due
    await api.app.get(DeadlinesService).reconcile();
    expect(await view(task['EP-D1'])).toEqual({ status: 'met', metOn: '2026-06-20', metLate: false });
    expect(await view(task['COV-D1'])).toEqual({ status: 'met', metOn: '2026-06-20', metLate: false });
    for (const k of ['EP-D2', 'EP-A1', 'COV-D2']) expect([k, (await view(task[k])).status]).toEqual([k, 'overdue']);
    expect((await view(task.EP)).status).toBe('open'); // 199 of 200, due 31 Dec
    for (const k of ['EP-D1', 'COV-D1']) {
      expect(await keys(`task-${task[k]}-overdue-%`)).toBe(0);
      expect(await keys(`task-${task[k]}-deadline-2026-06-30-%`)).toBe(0);
    }
    // D2's EP task: d1mgr is D1's, so D2 has no manager; escalation to C1's leader and the office
    expect(await keys(`task-${task['EP-D2']}-overdue-2026-06-30-escalation-u%`)).toBe(2);
    expect(await keys(`task-${task['COV-D2']}-overdue-2026-06-30-escalation-u%`)).toBe(2);
  });

  it('an overdue task that reaches its target after the deadline is met late', async () => {
    env.clock.set('2026-07-06T02:00:00Z');
    await report(task['EP-A1'], '2026-07-05', 40);
    expect(await view(task['EP-A1'])).toEqual({ status: 'met', metOn: '2026-07-05', metLate: true });
    // the top task: 100 + 59 + 40 = 199 < 200, still open
    expect((await view(task.EP)).status).toBe('open');
    await report(task['EP-D2'], '2026-07-05', 60);
    // now 100 + 60 + 40 = 200: the city's own task is met too, on 5 Jul, before its 31 Dec deadline
    expect(await view(task.EP)).toEqual({ status: 'met', metOn: '2026-07-05', metLate: false });
    expect(await view(task['EP-D2'])).toEqual({ status: 'met', metOn: '2026-07-05', metLate: true });
  });

  it('a task another transaction holds is skipped by a report, never waited for, and judged by the sweep', async () => {
    // COV: D1 950 / 1000 and D2 9600 / 10000 as of 5 Jul: the city's 10 550 / 11 000 = 95.909 % >= 95 % → met (due 31 Dec: on time)
    const holder = api.ds.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query(`SELECT id FROM task WHERE id = $1 FOR UPDATE`, [task.COV]);
    try {
      await report(task['COV-D2'], '2026-07-05', 9600, 10000);
    } finally {
      await holder.commitTransaction();
      await holder.release();
    }
    expect(await view(task['COV-D2'])).toEqual({ status: 'met', metOn: '2026-07-05', metLate: true });
    expect((await view(task.COV)).status).toBe('open');
    expect(await api.app.get(DeadlinesService).sweepAttainment()).toBe(1);
    expect(await view(task.COV)).toEqual({ status: 'met', metOn: '2026-07-05', metLate: false });
  });

  it('a correction below the target after the deadline makes a met task overdue again', async () => {
    await logins
      .as('office')
      .post('/api/progress-reports')
      .send({ taskId: task['EP-D2'], asOf: '2026-07-05', actual: '58', reason: '重复统计2人' })
      .expect(201);
    expect(await view(task['EP-D2'])).toEqual({ status: 'overdue', metOn: null, metLate: null });
    expect(await view(task.EP)).toEqual({ status: 'open', metOn: null, metLate: null }); // 198 of 200, due 31 Dec
  });

  it('a share of 0 is met from the start: never overdue, never escalated', async () => {
    // D2's 60 split over T2 (60) and a new town T9 given 0, both due 30 Jun (past): only T2's is unmet
    await makeUnit(api.ds, 'T9', 'town', 'D2');
    const t9 = await unitId(api.ds, 'T9');
    const a = await logins
      .as('office')
      .post('/api/allocations')
      .send({
        parentTaskId: task['EP-D2'],
        lines: [
          { childUnitId: await unitId(api.ds, 'T2'), target: 60, deadline: '2026-06-30' },
          { childUnitId: t9, target: 0, deadline: '2026-06-30' },
        ],
      })
      .expect(201);
    await logins.as('office').post(`/api/allocations/${a.body.id}/submit`).send({}).expect(200);
    const lines = (await logins.as('leader').post(`/api/allocations/${a.body.id}/approve`).send({}).expect(200)).body.lines as {
      childCode: string;
      taskId: number;
    }[];
    const id = (code: string) => lines.find((l) => l.childCode === code)!.taskId;
    await api.app.get(DeadlinesService).reconcile();
    expect(await view(id('T9'))).toEqual({ status: 'met', metOn: '2026-01-01', metLate: false }); // met since the campaign's first day
    expect((await view(id('T2'))).status).toBe('overdue');
    expect(await keys(`task-${id('T9')}-overdue-%`)).toBe(0);
  });

  it('a task met at its deadline that falls below its target later turns overdue and gets the 未完成 notices it was spared', async () => {
    // EP-D1: 100 of 100 on 20 Jun, met at its 30 Jun deadline, so its overdue event was done without notices
    expect(await keys(`task-${task['EP-D1']}-overdue-%`)).toBe(0);
    await logins
      .as('office')
      .post('/api/progress-reports')
      .send({ taskId: task['EP-D1'], asOf: '2026-06-20', actual: '99', reason: '重复统计1人' })
      .expect(201);
    expect(await view(task['EP-D1'])).toEqual({ status: 'overdue', metOn: null, metLate: null });
    await api.app.get(DeadlinesService).reconcile();
    // d1mgr is told, and the city's leader and office are escalated to, as for any task unmet at its deadline
    expect(await keys(`task-${task['EP-D1']}-overdue-2026-06-30-%`)).toBeGreaterThan(0);
  });
});
