import { makeCampaign, makeSmallCity, makeTasks, QUARTERLY_2026, unitId } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';
import { countSplit, ratioSplit } from './progress-factory';

/** POST /api/progress-reports/batch: every indicator of a unit for one date in one request, all or none. */
describe('progress: batch report', () => {
  let env: TestEnv;
  let api: TestApi;
  let tokens: Record<string, string>;
  let ep: Record<string, number>;
  let cov: Record<string, number>;
  let campaignId: number;

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    tokens = {};
    for (const u of ['t1mgr', 'v1mgr', 'v2mgr', 'v1cadre', 'd1mgr']) tokens[u] = await api.login(u);
    const c = await makeCampaign(api.ds, {
      milestones: QUARTERLY_2026,
      indicators: [
        { code: 'EP', name: '企业职工养老保险新增参保', kind: 'count' },
        { code: 'COV', name: '参保率', kind: 'ratio' },
      ],
    });
    campaignId = c.campaignId;
    // C1 10000 -> D1 6000 (T1 6000 -> V1 3000, V2 3000), D2 4000 (T2 4000); the 98.5 % rate copied down
    ep = await makeTasks(api.ds, campaignId, c.indicatorIds.EP, countSplit(10000));
    cov = await makeTasks(api.ds, campaignId, c.indicatorIds.COV, ratioSplit(98.5));
    env.clock.set('2026-05-10T02:00:00Z');
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });
  const as = (u: string) => ({ Authorization: `Bearer ${tokens[u]}` });
  const batch = (u: string, body: object, key?: string) => {
    const req = api.http().post('/api/progress-reports/batch').set(as(u));
    if (key) req.set('Idempotency-Key', key);
    return req.send(body);
  };
  const stored = async (): Promise<number> => (await api.ds.query(`SELECT count(*)::int AS n FROM progress_report`))[0].n;
  const audited = async (): Promise<number> => (await api.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'progress.%'`))[0].n;

  it('refuses the whole batch, naming each bad row in Chinese, and stores nothing', async () => {
    const res = await batch('t1mgr', {
      asOf: '2026-04-30',
      rows: [
        { taskId: ep.V1, actual: '1200' },
        { taskId: cov.V1, actual: '95' }, // a ratio without its denominator
        { taskId: ep.V2, actual: '800' },
        { taskId: cov.V2, actual: '60', denominator: '50' }, // numerator above the denominator
        { taskId: ep.T1, actual: '2000' }, // T1 is split over V1 and V2
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([
      { field: 'rows[1].denominator', row: 2, message: '第 2 行（单位V1）：比率类指标须填写分母 (is required for a ratio indicator)' },
      { field: 'rows[3].actual', row: 4, message: '第 4 行（单位V2）：分子不能大于分母 (numerator must not exceed the denominator)' },
      {
        field: 'rows[4].taskId',
        row: 5,
        message:
          '第 5 行（单位T1）：该任务已分解到 2 个下级单位，完成数为其合计：请在分解后的任务上上报 (this task is split over 2 sub-units; its figure is the sum of theirs: report on their tasks instead)',
      },
    ]);
    expect(res.body.message).toMatch(/^3 行未通过校验，本次上报均未保存：第 2 行（单位V1）：比率类指标须填写分母/);
    expect(await stored()).toBe(0);
    expect(await audited()).toBe(0);
  });

  it('stores every row in one go, in the order sent, each audited, and the dashboard adds them up', async () => {
    const res = await batch('t1mgr', {
      asOf: '2026-04-30',
      rows: [
        { taskId: ep.V2, actual: '800' },
        { taskId: ep.V1, actual: 1200 }, // a JSON number is as good as a string
        { taskId: cov.V1, actual: '95', denominator: '100' },
        { taskId: cov.V2, actual: '45', denominator: '50', reason: '按户籍人口核对' },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body.asOf).toBe('2026-04-30');
    expect(
      res.body.reports.map((r: { taskId: number; actual: string; denominator: string | null; counts: boolean }) => [
        r.taskId,
        r.actual,
        r.denominator,
        r.counts,
      ]),
    ).toEqual([
      [ep.V2, '800', null, true],
      [ep.V1, '1200', null, true],
      [cov.V1, '95', '100', true],
      [cov.V2, '45', '50', true],
    ]);
    expect(res.body.reports[3].reason).toBe('按户籍人口核对');
    expect(await stored()).toBe(4);
    const audit = await api.ds.query(`SELECT action, entity_id FROM audit_log WHERE action LIKE 'progress.%' ORDER BY id`);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['progress.report', 'progress.report', 'progress.report', 'progress.report']);
    const t1 = await unitId(api.ds, 'T1');
    const dash = await api.http().get(`/api/dashboards?campaignId=${campaignId}&unitId=${t1}&date=2026-04-30`).set(as('t1mgr')).expect(200);
    const epd = dash.body.indicators.find((i: { code: string }) => i.code === 'EP');
    // 1200 + 800 = 2000 of T1's 6000: 33.3 %
    expect(epd.total).toMatchObject({ actual: '2000', target: '6000.00', ratePct: '33.3' });
    const covd = dash.body.indicators.find((i: { code: string }) => i.code === 'COV');
    // (95 + 45) / (100 + 50) = 140 / 150 = 93.33 % of 98.5 %: 94.8 %
    expect(covd.total).toMatchObject({ actual: '140', denominator: '150', ratePct: '94.8' });
  });

  it('applies the single report rules to each row: a lower value needs a reason, a second report is a correction', async () => {
    const lower = await batch('v1mgr', {
      asOf: '2026-05-10',
      rows: [
        { taskId: cov.V1, actual: '96', denominator: '100' },
        { taskId: ep.V1, actual: '1100' },
      ],
    });
    expect(lower.status).toBe(400);
    expect(lower.body.fields).toEqual([
      {
        field: 'rows[1].actual',
        row: 2,
        message: '第 2 行（单位V1）：低于 2026-04-30 的上报数 1200，须填写更正原因 (is lower than the 2026-04-30 value 1200: give a correction reason)',
      },
    ]);
    expect(await stored()).toBe(4);
    const again = await batch('v1mgr', { asOf: '2026-04-30', rows: [{ taskId: ep.V1, actual: '1250' }] });
    expect(again.body.fields).toEqual([
      {
        field: 'rows[0].reason',
        row: 1,
        message: '第 1 行（单位V1）：2026-04-30 已有上报，更正须填写原因 (a report for 2026-04-30 exists: a correction needs a reason)',
      },
    ]);
    const corrected = await batch('v1mgr', { asOf: '2026-04-30', rows: [{ taskId: ep.V1, actual: '1250', reason: '漏报50人' }] });
    expect(corrected.status).toBe(201);
    expect(corrected.body.reports[0]).toMatchObject({ actual: '1250', reason: '漏报50人' });
    expect(corrected.body.reports[0].correctsId).not.toBeNull();
    const [last] = await api.ds.query(`SELECT action FROM audit_log ORDER BY id DESC LIMIT 1`);
    expect(last.action).toBe('progress.correct');
  });

  it('refuses a task listed twice, a bad value by the DTO rules, dates in the future, with the row named', async () => {
    const twice = await batch('v1mgr', {
      asOf: '2026-05-10',
      rows: [
        { taskId: ep.V1, actual: '1300' },
        { taskId: ep.V1, actual: '1400' },
      ],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.fields).toEqual([
      { field: 'rows[1].taskId', row: 2, message: `第 2 行：同一任务在本次上报中重复（与第 1 行相同） (task ${ep.V1} is listed twice)` },
    ]);
    const bad = await batch('v1mgr', {
      asOf: '2026-05-10',
      rows: [
        { taskId: ep.V1, actual: '1300' },
        { taskId: cov.V1, actual: 'abc', denominator: '100' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['rows[1].actual']);
    const future = await batch('v1mgr', { asOf: '2026-05-11', rows: [{ taskId: ep.V1, actual: '1300' }] });
    expect(future.body.fields).toEqual([
      { field: 'rows[0].asOf', row: 1, message: '第 1 行（单位V1）：不能晚于今天（2026-05-10） (must not be in the future (today is 2026-05-10))' },
    ]);
    const empty = await batch('v1mgr', { asOf: '2026-05-10', rows: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.fields[0].field).toBe('rows');
    const missing = await batch('v1mgr', {
      asOf: '2026-05-10',
      rows: [
        { taskId: ep.V1, actual: '1300' },
        { taskId: 999999, actual: '1' },
      ],
    });
    expect(missing.status).toBe(400);
    expect(missing.body.fields).toEqual([{ field: 'rows[1].taskId', row: 2, message: '第 2 行：任务 999999 不存在（task 999999 does not exist）' }]);
    expect(await stored()).toBe(5);
  });

  it("names a row outside the caller's unit as a bad row, and stores none of the batch", async () => {
    const res = await batch('v2mgr', {
      asOf: '2026-05-10',
      rows: [
        { taskId: ep.V2, actual: '900' },
        { taskId: ep.V1, actual: '1300' },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([
      {
        field: 'rows[1].taskId',
        row: 2,
        message: `第 2 行（单位V1）：任务 ${ep.V1} 的承担单位不在您所在单位的范围内，不能上报（task ${ep.V1} is held outside your organisation unit）`,
      },
    ]);
    expect(await stored()).toBe(5);
  });

  it('answers a repeat under the same Idempotency-Key with the first answer and stores once', async () => {
    const body = { asOf: '2026-05-10', rows: [{ taskId: ep.V2, actual: '900' }] };
    const first = await batch('v2mgr', body, 'batch-0510-v2');
    expect(first.status).toBe(201);
    const second = await batch('v2mgr', body, 'batch-0510-v2');
    expect(second.status).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(await stored()).toBe(6);
  });
});
