import { loginAs, Logins } from '../helpers/api-client';
import { makeCampaign, makeSmallCity, makeUnit, makeUser, QUARTERLY_2026, unitId } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

// Seed 002 annex 5 in small: 武清 17028 of 10000, 静海 3773 of 8000, 宁河 0 of 4000; 汉沽 388 and 大港 2237 without a plan.
const UNITS = [
  ['W1', '武清', 10000, '17028'],
  ['W2', '静海', 8000, '3773'],
  ['W3', '汉沽', null, '388'],
  ['W4', '大港', null, '2237'],
  ['W5', '宁河', 4000, '0'],
] as const;

interface Row {
  code: string;
  name: string;
  target: string | null;
  actual: string;
  rate: number | null;
  ratePct: string | null;
  gapPct: string | null;
  status: string | null;
  rank: number | null;
}

describe('no plan is a state, not a target of 0 (seed 002 annex 5, 汉沽 and 大港)', () => {
  let env: TestEnv;
  let api: TestApi;
  let logins: Logins;
  let campaignId: number;
  let cityTask: number;
  const tasks: Record<string, number> = {};
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    for (const [code, name] of UNITS) {
      await makeUnit(api.ds, code, 'district', 'C1', name);
      await makeUser(api.ds, `${code.toLowerCase()}mgr`, code, ['unit_manager']);
    }
    logins = await loginAs(api, ['admin', 'office', ...UNITS.map(([code]) => `${code.toLowerCase()}mgr`)]);
    // the city's plan is the planned districts' sum: 10000 + 8000 + 4000 = 22000
    const c = await makeCampaign(api.ds, {
      milestones: QUARTERLY_2026,
      indicators: [{ code: 'WI', name: '建设项目农民工工伤保险新增参保人数', kind: 'count', insuranceType: 'work_injury' }],
      tasks: { WI: { unit: 'C1', target: 22000 } },
    });
    campaignId = c.campaignId;
    cityTask = c.taskIds.WI.C1;
    ids.C1 = await unitId(api.ds, 'C1');
    env.clock.set('2026-08-01T02:00:00Z');
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  it('splits the city target leaving 汉沽 and 大港 without a plan (target null, not 0); an omitted target is still refused', async () => {
    const lines = await Promise.all(UNITS.map(async ([code, , target]) => ({ childUnitId: await unitId(api.ds, code), target })));
    const omitted = await logins
      .as('office')
      .post('/api/allocations')
      .send({ parentTaskId: cityTask, lines: lines.map((l) => (l.target === null ? { childUnitId: l.childUnitId } : l)) });
    expect(omitted.status).toBe(400);
    expect(omitted.body.fields.map((f: { field: string }) => f.field)).toEqual(['lines[2].target', 'lines[3].target']);
    const a = await logins.as('office').post('/api/allocations').send({ parentTaskId: cityTask, lines }).expect(201);
    // the planned lines alone add up: 10000 + 8000 + 4000 = 22000
    expect(a.body.total).toBe('22000.00');
    expect(a.body.lines.map((l: { childName: string; target: string | null }) => [l.childName, l.target])).toEqual([
      ['武清', '10000.00'],
      ['静海', '8000.00'],
      ['汉沽', null],
      ['大港', null],
      ['宁河', '4000.00'],
    ]);
    await logins.as('office').post(`/api/allocations/${a.body.id}/submit`).send({}).expect(200);
    await logins.as('admin').post(`/api/allocations/${a.body.id}/approve`).send({}).expect(200);
    const rows: { code: string; id: number; target: string | null; status: string }[] = await api.ds.query(
      `SELECT u.code, t.id, t.target::text AS target, t.status FROM task t JOIN org_unit u ON u.id = t.holder_unit_id WHERE t.parent_task_id = $1 ORDER BY u.code`,
      [cityTask],
    );
    for (const r of rows) tasks[r.code] = r.id;
    // a task without a plan has nothing to miss: met from the start, never overdue nor reminded
    expect(rows.map((r) => [r.code, r.target, r.status])).toEqual([
      ['W1', '10000.00', 'open'],
      ['W2', '8000.00', 'open'],
      ['W3', null, 'met'],
      ['W4', null, 'met'],
      ['W5', '4000.00', 'open'],
    ]);
    const hangu = await logins.as('w3mgr').get(`/api/tasks/${tasks.W3}`).expect(200);
    expect(hangu.body).toMatchObject({ target: null });
    expect(hangu.body.milestones.map((m: { expected: string | null }) => m.expected)).toEqual([null, null, null, null]);
    // nothing to split below a unit without a plan
    const split = await logins
      .as('w3mgr')
      .post('/api/allocations')
      .send({ parentTaskId: tasks.W3, lines: [{ childUnitId: await unitId(api.ds, 'W3'), target: 1 }] });
    expect(split.status).toBe(400);
    expect(split.body.fields[0].field).toBe('parentTaskId');
  });

  it('takes the reports of every district, planned or not', async () => {
    for (const [code, , , actual] of UNITS)
      await logins.as(`${code.toLowerCase()}mgr`).post('/api/progress-reports').send({ taskId: tasks[code], asOf: '2026-07-31', actual }).expect(201);
  });

  const pick = (r: Row) => [r.rank, r.name, r.actual, r.target, r.ratePct, r.gapPct, r.status];

  it('shows blank plan, rate and rank on the dashboard, and 合计 = every actual over the planned targets', async () => {
    const res = await logins.as('office').get(`/api/dashboards?campaignId=${campaignId}&unitId=${ids.C1}&date=2026-07-31`).expect(200);
    expect(res.body.expectedPct).toBe('50.0'); // Q2 50 % due 30 Jun (step)
    const wi = res.body.indicators[0];
    const byCode = (code: string) => wi.rows.find((r: Row) => r.code === code);
    // 17028/10000 = 170.3 % (gap +120.3) ; 3773/8000 = 47.2 % (gap -2.8, behind) ; 0/4000 zero
    expect(UNITS.map(([code]) => pick(byCode(code)))).toEqual([
      [1, '武清', '17028', '10000.00', '170.3', '120.3', 'ahead'],
      [2, '静海', '3773', '8000.00', '47.2', '-2.8', 'behind'],
      [null, '汉沽', '388', null, null, null, 'no_plan'],
      [null, '大港', '2237', null, null, null, 'no_plan'],
      [3, '宁河', '0', '4000.00', '0.0', '-50.0', 'zero'],
    ]);
    // 合计: 17028 + 3773 + 388 + 2237 + 0 = 23426 over 10000 + 8000 + 4000 = 22000: 1.0648... -> 106.5 %
    // (not 20801 / 22000, and not over a plan of 0 for 汉沽 and 大港)
    expect(pick(wi.total)).toEqual([null, '单位C1', '23426', '22000.00', '106.5', '56.5', 'ahead']);
  });

  it('ranks the planned districts 1..3 without gaps on /api/rankings, the unplanned after them, unranked', async () => {
    const res = await logins.as('office').get(`/api/rankings?campaignId=${campaignId}&unitId=${ids.C1}&date=2026-07-31`).expect(200);
    expect(res.body.indicators[0].rows.map((r: Row) => [r.rank, r.name, r.rate === null ? null : r.ratePct, r.status])).toEqual([
      [1, '武清', '170.3', 'ahead'],
      [2, '静海', '47.2', 'behind'],
      [3, '宁河', '0.0', 'zero'],
      [null, '汉沽', null, 'no_plan'],
      [null, '大港', null, 'no_plan'],
    ]);
  });

  it('settles only the districts with a plan: no reward and no penalty for 汉沽 and 大港', async () => {
    const s = await logins.as('office').post('/api/settlements').send({ taskId: cityTask, asOf: '2026-07-31' }).expect(201);
    // defaults A 80, B 60, X 20, Y 30, Z 10: 武清 170 % full, 30 x 17028 = 510840 ; 静海 47.2 % < 60: criticised ;
    // 宁河 zero: 10 x 4000 = 40000 deducted
    expect(s.body.lines.map((l: { unitCode: string; tier: string; reward: string; deduction: string }) => [l.unitCode, l.tier, l.reward, l.deduction])).toEqual(
      [
        ['W1', 'full', '510840', '0'],
        ['W2', 'criticised', '0', '0'],
        ['W5', 'zero', '0', '40000'],
      ],
    );
  });
});
