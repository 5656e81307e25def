import { DeadlinesService } from '#campaigns';
import { loginAs, Logins } from '../helpers/api-client';
import { makeSmallCity, makeUnit, makeUser } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

const UNITS = 30;
const INDICATORS = ['EP', 'RP', 'UI'];
const ROUNDS = 6;

/**
 * Issue 12 §7: approving version 2, 3 ... of splits whose tasks have past-due events, while reconcilers work
 * through those events, never fails on a lock (it answered 500 "deadlock detected": applyToTasks held the tasks
 * and cancelled their events, the reconciler held the events and waited for the tasks).
 *
 * Three count indicators of 300, each split over 30 agencies X01..X30 (10 each, due 30 Jun). X03..X16 report 10
 * as of 1 Jun: met on time whatever the version (target 10). From 1 Jul, round k (1..6) approves version k + 1 of
 * each split (X01 10 + k, X02 10 - k, the others 10, due (30 - k) Jun: every task's overdue event is re-planned,
 * already past due) while three reconcilers run. After round 6: version 7, X01 16, X02 4, due 24 Jun; the 14
 * reporting agencies met on 1 Jun (before 24 Jun: not late), the other 16 overdue; no past-due event pending.
 */
describe('approvals and the deadline reconciler take task locks without deadlock', () => {
  let env: TestEnv;
  let api: TestApi;
  let logins: Logins;
  const ids: Record<string, number> = {};
  const units: number[] = [];
  const top: Record<string, number> = {};
  const code = (i: number) => `X${String(i + 1).padStart(2, '0')}`;

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    ids.leader = await makeUser(api.ds, 'leader', 'C1', ['leader']);
    for (let i = 0; i < UNITS; i++) units.push((await makeUnit(api.ds, code(i), 'agency', 'C1')).id);
    logins = await loginAs(api, ['office', 'leader']);
    for (const r of await api.ds.query(`SELECT id, username FROM app_user`)) ids[r.username] = r.id;
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  const lines = (k: number) =>
    units.map((childUnitId, i) => ({ childUnitId, target: i === 0 ? 10 + k : i === 1 ? 10 - k : 10, deadline: `2026-06-${30 - k}` }));
  /** Drafts, submits and approves version k + 1 of an indicator's split; answers the statuses of the three calls. */
  const approveVersion = async (parentTaskId: number, k: number): Promise<number[]> => {
    const a = await logins
      .as('office')
      .post('/api/allocations')
      .send({ parentTaskId, lines: lines(k) });
    const s = await logins.as('office').post(`/api/allocations/${a.body.id}/submit`).send({});
    const p = await logins.as('leader').post(`/api/allocations/${a.body.id}/approve`).send({});
    return [a.status, s.status, p.status];
  };

  it('sets up three splits over 30 agencies with reports', async () => {
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
        indicators: INDICATORS.map((x) => ({ code: x, name: `指标${x}`, unit: 'person', kind: 'count', insuranceType: 'employee_pension', target: 300 })),
      })
      .expect(201);
    const act = await logins.as('office').post(`/api/campaigns/${c.body.id}/activate`).send({}).expect(200);
    for (const t of act.body.topTasks) top[act.body.indicators.find((i: { id: number }) => i.id === t.indicatorId).code] = t.id;
    for (const x of INDICATORS) expect(await approveVersion(top[x], 0)).toEqual([201, 200, 200]);
    env.clock.set('2026-06-02T02:00:00Z');
    const reporting: { id: number }[] = await api.ds.query(
      `SELECT t.id FROM task t JOIN org_unit u ON u.id = t.holder_unit_id WHERE u.code BETWEEN 'X03' AND 'X16' ORDER BY t.id`,
    );
    expect(reporting).toHaveLength(14 * INDICATORS.length);
    for (const t of reporting) await logins.as('office').post('/api/progress-reports').send({ taskId: t.id, asOf: '2026-06-01', actual: '10' }).expect(201);
  });

  it(`re-approves every split ${ROUNDS} times while reconcilers work through past-due events, without an error`, async () => {
    env.clock.set('2026-07-01T02:00:00Z');
    const deadlines = api.app.get(DeadlinesService);
    const failures: string[] = [];
    for (let k = 1; k <= ROUNDS; k++) {
      let approving = true;
      const approvals = Promise.all(INDICATORS.map((x) => approveVersion(top[x], k))).finally(() => (approving = false));
      // each reconciler runs again and again while the approvals last, so it meets the events they re-plan
      const reconciler = async () => {
        let done = 0;
        do done += await deadlines.reconcile();
        while (approving);
        return done + (await deadlines.reconcile()); // and once after the last approval's commit
      };
      const results = await Promise.allSettled([approvals, reconciler(), reconciler(), reconciler()]);
      results.forEach((r, i) => {
        if (r.status === 'rejected') failures.push(`round ${k} ${i ? 'reconciler' : 'approvals'}: ${String(r.reason)}`);
      });
      // the reconcilers had the events the approvals re-planned (past due at once) to work through
      const worked = results.slice(1).reduce((sum, r) => sum + (r.status === 'fulfilled' ? (r.value as number) : 0), 0);
      if (worked < INDICATORS.length * UNITS) failures.push(`round ${k}: the reconcilers did only ${worked} events`);
      const statuses = results[0].status === 'fulfilled' ? (results[0].value as number[][]) : [];
      statuses.forEach((st, i) => {
        if (JSON.stringify(st) !== '[201,200,200]') failures.push(`round ${k} ${INDICATORS[i]}: ${JSON.stringify(st)}`);
      });
    }
    expect(failures).toEqual([]);
    // what a reconciler skipped (its task was locked) is done by the next run
    while ((await deadlines.reconcile()) > 0);
    const [{ n }] = await api.ds.query(`SELECT count(*)::int AS n FROM task_deadline_event WHERE done_at IS NULL AND cancelled_at IS NULL AND due_at <= $1`, [
      env.clock.now(),
    ]);
    expect(n).toBe(0);
  });

  it('leaves every task with the last version and its true status', async () => {
    const rows: { code: string; target: string; deadline: string; version: number; status: string; met_on: string | null }[] = await api.ds.query(
      `SELECT u.code, t.target::text AS target, to_char(t.deadline, 'YYYY-MM-DD') AS deadline, t.allocation_version AS version, t.status,
              to_char(t.met_on, 'YYYY-MM-DD') AS met_on
         FROM task t JOIN org_unit u ON u.id = t.holder_unit_id WHERE t.parent_task_id IS NOT NULL ORDER BY t.indicator_id, u.code`,
    );
    const expected = INDICATORS.flatMap(() =>
      units.map((_, i) => {
        const reports = i >= 2 && i <= 15;
        return {
          code: code(i),
          target: i === 0 ? '16.00' : i === 1 ? '4.00' : '10.00',
          deadline: '2026-06-24',
          version: 7,
          status: reports ? 'met' : 'overdue',
          met_on: reports ? '2026-06-01' : null,
        };
      }),
    );
    expect(rows).toEqual(expected);
    // a met task is never told it is overdue, whatever version's deadline passed
    const [{ told }] = await api.ds.query(
      `SELECT count(*)::int AS told FROM outbox o, jsonb_array_elements(o.payload->'notices') n JOIN task t ON n->>'dedupeKey' LIKE 'task-' || t.id || '-overdue-%'
        WHERE o.job_name = 'notices.create' AND t.status = 'met'`,
    );
    expect(told).toBe(0);
  });
});
