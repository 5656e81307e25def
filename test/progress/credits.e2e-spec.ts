import { OutboxService } from '#core';
import { CreditsService } from '#progress';
import { INestApplicationContext } from '@nestjs/common';
import { loginAs, Logins } from '../helpers/api-client';
import { makeCampaign, makeSmallCity, makeTasks, QUARTERLY_2026, unitId } from '../helpers/factories';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv, waitFor } from '../helpers/test-app';
import { countSplit } from './progress-factory';

/**
 * Issue 6 hook: an inspection case closed as rectified with N employees enrolled counts toward the unit's
 * progress where an indicator is linked (progress settings inspectionIndicatorIds). The job
 * progress.credit records a credit once per (source, sourceRef, indicator); it counts in the figure of
 * its unit and of each ancestor as of its date, never twice up the tree.
 */
describe('progress credits from inspection cases', () => {
  let env: TestEnv;
  let api: TestApi;
  let worker: INestApplicationContext;
  let campaignId: number;
  let ind: Record<string, number>;
  let ep: Record<string, number>;
  let u: Record<string, number>;
  let logins: Logins;

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    worker = await startWorker(env);
    await makeSmallCity(api.ds);
    logins = await loginAs(api, ['office', 'v1mgr', 't1mgr']);
    const c = await makeCampaign(api.ds, {
      milestones: QUARTERLY_2026,
      indicators: [
        { code: 'EP', name: '企业职工养老保险新增参保', kind: 'count' },
        { code: 'WI', name: '工伤保险新增参保', kind: 'count' },
        { code: 'COV', name: '参保率', kind: 'ratio' },
      ],
    });
    campaignId = c.campaignId;
    ind = c.indicatorIds;
    // C1 1000 -> D1 600 (T1 600 -> V1 300, V2 300), D2 400 (T2 400)
    ep = await makeTasks(api.ds, campaignId, ind.EP, countSplit(1000));
    u = {};
    for (const code of ['C1', 'D1', 'D2', 'T1', 'T2', 'V1', 'V2']) u[code] = await unitId(api.ds, code);
    env.clock.set('2026-05-10T02:00:00Z');
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await env.drop();
  });
  const dashboard = async (unit: string, date: string, code = 'EP') => {
    const res = await logins.as('office').get(`/api/dashboards?campaignId=${campaignId}&unitId=${u[unit]}&date=${date}`).expect(200);
    return res.body.indicators.find((i: { code: string }) => i.code === code);
  };
  const rows = (d: { rows: { code: string; actual: string }[] }) => d.rows.map((r) => [r.code, r.actual]);
  const credit = (over: object = {}) => ({
    campaignId,
    orgUnitId: u.V1,
    amount: 20,
    source: 'inspection' as const,
    sourceRef: 'case-1',
    on: '2026-05-05',
    ...over,
  });

  it('links only count indicators of the campaign', async () => {
    const put = (ids: number[]) => logins.as('office').put(`/api/campaigns/${campaignId}/progress-settings`).send({ inspectionIndicatorIds: ids });
    const bad = await put([ind.COV]);
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0]).toEqual({
      field: 'inspectionIndicatorIds[0]',
      message: `指标 ${ind.COV} 不是本专项行动的人数类指标，监察结案的参保人数只能计入人数类指标`,
    });
    expect((await put([ind.EP])).body.inspectionIndicatorIds).toEqual([ind.EP]);
  });

  it('credits a rectified case once, through the outbox, from its date on, up the tree', async () => {
    await logins.as('v1mgr').post('/api/progress-reports').send({ taskId: ep.V1, asOf: '2026-04-30', actual: '100' }).expect(201);
    const outbox = api.app.get(OutboxService);
    // what the enforcement side does when case 1 of an employer in V1 closes rectified with 20 enrolled on 5 May
    for (let i = 0; i < 2; i++) {
      await api.ds.transaction((m) => outbox.enqueue(m, 'progress.credit', credit(), { jobId: 'progress-credit-inspection-case-1' }));
    }
    await waitFor(async () => (await api.ds.query(`SELECT 1 FROM progress_credit WHERE source_ref = 'case-1'`)).length > 0);
    // the handler again (a redelivered job): nothing new
    expect(await worker.get(CreditsService).record(credit())).toEqual([]);
    const [{ n }] = await api.ds.query(`SELECT count(*)::int AS n FROM progress_credit`);
    expect(n).toBe(1);
    // V1: report 100 + credit 20 = 120 from 5 May; 100 before
    expect(rows(await dashboard('T1', '2026-05-10'))).toEqual([
      ['V1', '120'],
      ['V2', '0'],
    ]);
    expect(rows(await dashboard('T1', '2026-05-04'))).toEqual([
      ['V1', '100'],
      ['V2', '0'],
    ]);
    // up the tree once: D1 120, city total 120 (not 140)
    const city = await dashboard('C1', '2026-05-10');
    expect(rows(city)).toEqual([
      ['D1', '120'],
      ['D2', '0'],
    ]);
    expect(city.total.actual).toBe('120');
    expect(city.own).toBeNull();
    // only the linked indicator (WI is not linked)
    expect((await dashboard('C1', '2026-05-10', 'WI')).total.actual).toBe('0');
    const series = await logins.as('v1mgr').get(`/api/dashboards/series?campaignId=${campaignId}&unitId=${u.V1}&indicatorId=${ind.EP}`).expect(200);
    expect(series.body.points.map((p: { asOf: string; actual: string }) => [p.asOf, p.actual])).toEqual([
      ['2026-04-30', '100'],
      ['2026-05-05', '120'],
    ]);
  });

  it('counts a credit dated at a town in the town’s total, outside its village rows', async () => {
    const svc = worker.get(CreditsService);
    expect((await svc.record(credit({ orgUnitId: u.T1, amount: 7, sourceRef: 'case-2', on: '2026-05-06' }))).length).toBe(1);
    const t1 = await dashboard('T1', '2026-05-10');
    // rows: V1 120, V2 0; total 127 = 120 + 0 + 7 at T1's own level
    expect(rows(t1)).toEqual([
      ['V1', '120'],
      ['V2', '0'],
    ]);
    expect(t1.total.actual).toBe('127');
    expect(t1.own).toEqual({ actual: '7', denominator: null });
    expect(rows(await dashboard('D1', '2026-05-10'))).toEqual([['T1', '127']]);
    // 127 / 600 = 21.2 %
    expect((await dashboard('C1', '2026-05-10')).rows[0]).toMatchObject({ code: 'D1', actual: '127', ratePct: '21.2' });
  });

  it('credits an explicit indicator, skips nobody enrolled and a campaign with nothing linked', async () => {
    const svc = worker.get(CreditsService);
    expect((await svc.record(credit({ indicatorId: ind.WI, amount: 3, sourceRef: 'case-3' }))).length).toBe(1);
    expect((await dashboard('C1', '2026-05-10', 'WI')).total.actual).toBe('3');
    expect(await svc.record(credit({ amount: 0, sourceRef: 'case-4' }))).toEqual([]);
    await logins.as('office').put(`/api/campaigns/${campaignId}/progress-settings`).send({ inspectionIndicatorIds: [] }).expect(200);
    expect(await svc.record(credit({ sourceRef: 'case-5' }))).toEqual([]);
    await logins
      .as('office')
      .put(`/api/campaigns/${campaignId}/progress-settings`)
      .send({ inspectionIndicatorIds: [ind.EP] })
      .expect(200);
    const [{ n }] = await api.ds.query(`SELECT count(*)::int AS n FROM progress_credit`);
    expect(n).toBe(3);
  });

  it('lists credits in scope and settles with them', async () => {
    const mine = await logins.as('v1mgr').get(`/api/progress-credits?campaignId=${campaignId}`).expect(200);
    expect(mine.body.items.map((c: { sourceRef: string; amount: string; on: string }) => [c.sourceRef, c.amount, c.on])).toEqual([
      ['case-3', '3', '2026-05-05'],
      ['case-1', '20', '2026-05-05'],
    ]);
    const all = await logins.as('office').get(`/api/progress-credits?campaignId=${campaignId}`).expect(200);
    expect(all.body.total).toBe(3);
    const s = await logins.as('office').post('/api/settlements').send({ taskId: ep.C1, asOf: '2026-05-10' }).expect(201);
    const fig = Object.fromEntries(s.body.lines.map((l: { unitCode: string; newEnrolees: string }) => [l.unitCode, l.newEnrolees]));
    // the dashboard's figures: V1 100 + 20, T1 and D1 127 (with the town's 7)
    expect(fig).toMatchObject({ D1: '127', T1: '127', V1: '120', V2: '0', D2: '0' });
    // each enrolee paid once: the town's line for its own 7 (127 - V1 120 - V2 0), D1's for none (127 - T1 127)
    const paid = Object.fromEntries(s.body.lines.map((l: { unitCode: string; mobilised: string }) => [l.unitCode, l.mobilised]));
    expect(paid).toMatchObject({ D1: '0', T1: '7', V1: '120', V2: '0', D2: '0' });
  });

  it('moves credits with their unit', async () => {
    // a unit holding live tasks does not move (issue 12): the campaign is closed first, its credits still follow
    await api.ds.query(`UPDATE campaign SET status = 'closed' WHERE id = $1`, [campaignId]);
    await logins.as('office').post(`/api/org-units/${u.V1}/move`).send({ parentId: u.T2 }).expect(200);
    // V1 (100 + 20) now under D2; D1 keeps T1's own 7
    expect(rows(await dashboard('C1', '2026-05-10'))).toEqual([
      ['D1', '7'],
      ['D2', '120'],
    ]);
  });
});
