import ExcelJS from 'exceljs';
import { loginAs, Logins } from '../helpers/api-client';
import { makeCampaign, makeSmallCity, makeTasks, QUARTERLY_2026, unitId } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';
import { binary } from '../helpers/xlsx';
import { countSplit, ratioSplit } from './progress-factory';

describe('progress: reports, rollup, dashboard, rankings, settlements (bulletins: bulletins.e2e-spec.ts)', () => {
  let env: TestEnv;
  let api: TestApi;
  let logins: Logins;
  let campaignId: number;
  let ep: Record<string, number>;
  let cov: Record<string, number>;
  let ids: Record<string, number>;

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    logins = await loginAs(api, ['admin', 'office', 'd1mgr', 't1mgr', 'v1mgr', 'v2mgr', 'v1cadre']);
    const c = await makeCampaign(api.ds, {
      milestones: QUARTERLY_2026,
      indicators: [
        { code: 'EP', name: '企业职工养老保险新增参保', kind: 'count' },
        { code: 'COV', name: '参保率', kind: 'ratio' },
      ],
    });
    campaignId = c.campaignId;
    // C1 10000 -> D1 6000 (T1 6000 -> V1 3000, V2 3000), D2 4000 (T2 4000, reports itself)
    ep = await makeTasks(api.ds, campaignId, c.indicatorIds.EP, countSplit(10000));
    // ratio targets are copied down: 98.5 % everywhere
    cov = await makeTasks(api.ds, campaignId, c.indicatorIds.COV, ratioSplit(98.5));
    ids = {};
    for (const u of ['C1', 'D1', 'D2', 'T1', 'T2', 'V1', 'V2']) ids[u] = await unitId(api.ds, u);
    env.clock.set('2026-05-10T02:00:00Z');
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });
  const report = (u: string, body: object) => logins.as(u).post('/api/progress-reports').send(body);

  it('takes cumulative reports, refuses bad ones with a clear 400, keeps corrections as history', async () => {
    await report('v1mgr', { taskId: ep.V1, asOf: '2026-03-31', actual: 1000 }).expect(201); // a JSON number is as good as the string '1000'
    await report('v1mgr', { taskId: ep.V1, asOf: '2026-04-30', actual: '1900' }).expect(201);
    const noReason = await report('v1mgr', { taskId: ep.V1, asOf: '2026-04-30', actual: '1800' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields[0].field).toBe('reason');
    const corrected = await report('v1mgr', { taskId: ep.V1, asOf: '2026-04-30', actual: '1800', reason: '重复统计了20人' });
    expect(corrected.status).toBe(201);
    const lower = await report('v1mgr', { taskId: ep.V1, asOf: '2026-05-05', actual: '1700' });
    expect(lower.status).toBe(400);
    expect(lower.body.fields[0]).toEqual({
      field: 'actual',
      message: '低于 2026-04-30 的上报数 1800，须填写更正原因 (is lower than the 2026-04-30 value 1800: give a correction reason)',
    });
    expect((await report('v1mgr', { taskId: ep.V1, asOf: '2026-05-11', actual: '1900' })).body.fields[0].field).toBe('asOf');
    expect((await report('v1mgr', { taskId: ep.V1, asOf: '2025-12-31', actual: '1' })).body.fields[0].field).toBe('asOf');
    const neg = await report('v1mgr', { taskId: ep.V1, asOf: '2026-05-10', actual: '-5' });
    expect(neg.status).toBe(400);
    expect((await report('v2mgr', { taskId: ep.V1, asOf: '2026-05-10', actual: '2000' })).status).toBe(403);
    expect((await report('v1mgr', { taskId: 999999, asOf: '2026-05-10', actual: '2000' })).status).toBe(404);
    await report('v2mgr', { taskId: ep.V2, asOf: '2026-04-30', actual: '700' }).expect(201);
    // backdated: 20 Apr lies before the 30 Apr report of 700, so it may not exceed it (cumulative figures)
    const above = await report('v2mgr', { taskId: ep.V2, asOf: '2026-04-20', actual: '800' });
    expect(above.status).toBe(400);
    expect(above.body.fields[0]).toEqual({
      field: 'actual',
      message:
        '高于之后 2026-04-30 已上报的 700（上报数为累计数），须填写更正原因 (is higher than the 2026-04-30 value 700 already reported for a later date (figures are cumulative): give a correction reason)',
    });
    await report('v2mgr', { taskId: ep.V2, asOf: '2026-04-20', actual: '600' }).expect(201);
    // T1 is split over V1 and V2: its own figure would be ignored by the rollup, so it is refused
    const split = await report('t1mgr', { taskId: ep.T1, asOf: '2026-05-10', actual: '5000' });
    expect(split.status).toBe(400);
    expect(split.body.fields[0]).toEqual({
      field: 'taskId',
      message:
        '该任务已分解到 2 个下级单位，完成数为其合计：请在分解后的任务上上报 (this task is split over 2 sub-units; its figure is the sum of theirs: report on their tasks instead)',
    });
    await report('v1mgr', { taskId: cov.V1, asOf: '2026-04-30', actual: '9', denominator: '10' }).expect(201);
    await report('v2mgr', { taskId: cov.V2, asOf: '2026-04-30', actual: '500', denominator: '1000' }).expect(201);
    const history = await logins.as('v1mgr').get(`/api/progress-reports?taskId=${ep.V1}`).expect(200);
    expect(history.body.total).toBe(3);
    expect(history.body.items.map((r: { asOf: string; actual: string; counts: boolean }) => [r.asOf, r.actual, r.counts])).toEqual([
      ['2026-04-30', '1800', true],
      ['2026-04-30', '1900', false],
      ['2026-03-31', '1000', true],
    ]);
  });

  it('rolls up the city: rates, expected rate, gap, status, rank', async () => {
    const res = await logins.as('office').get(`/api/dashboards?campaignId=${campaignId}&unitId=${ids.C1}&date=2026-05-10`).expect(200);
    expect(res.body.expectedPct).toBe('25.0'); // Q1 milestone 25 % is due, Q2 not yet (step)
    const epd = res.body.indicators.find((i: { code: string }) => i.code === 'EP');
    // total: 1800 + 700 + 0 = 2500 of 10000 = 25.0 % -> on track (25 <= 25 < 30)
    expect(epd.total).toMatchObject({ actual: '2500', target: '10000.00', ratePct: '25.0', gapPct: '0.0', status: 'on_track' });
    expect(
      epd.rows.map((r: { code: string; actual: string; ratePct: string; status: string; rank: number }) => [r.code, r.actual, r.ratePct, r.status, r.rank]),
    ).toEqual([
      ['D1', '2500', '41.7', 'ahead', 1], // 2500 / 6000 = 41.67 %
      ['D2', '0', '0.0', 'zero', 2],
    ]);
    const covd = res.body.indicators.find((i: { code: string }) => i.code === 'COV');
    // D1: (9 + 500) / (10 + 1000) = 50.396 % of 98.5 % = 51.2 %, not the average of 90 % and 50 %
    expect(covd.rows[0]).toMatchObject({ code: 'D1', actual: '509', denominator: '1010', ratePct: '51.2' });
  });

  it('shows the status band that separates ahead from on track, and lets the office set it', async () => {
    const url = `/api/dashboards?campaignId=${campaignId}&unitId=${ids.C1}&date=2026-05-10`;
    const res = await logins.as('office').get(url).expect(200);
    // expected 25 %, band 5 points (default): ahead from 30 %
    expect(res.body.statusRule).toEqual({ band: 0.05, bandPct: '5.0', aheadFromPct: '30.0' });
    const settings = await logins.as('office').get(`/api/campaigns/${campaignId}/progress-settings`).expect(200);
    expect(settings.body.statusBandPct).toBe(5);
    const bad = await logins.as('office').put(`/api/campaigns/${campaignId}/progress-settings`).send({ statusBandPct: 101 });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].field).toBe('statusBandPct');
    await logins.as('office').put(`/api/campaigns/${campaignId}/progress-settings`).send({ statusBandPct: 20 }).expect(200);
    const wide = await logins.as('office').get(url).expect(200);
    expect(wide.body.statusRule).toEqual({ band: 0.2, bandPct: '20.0', aheadFromPct: '45.0' });
    // D1 41.7 % is above 25 % but below 25 + 20 = 45 %: on track now, ahead with the 5-point band
    const d1 = wide.body.indicators.find((i: { code: string }) => i.code === 'EP').rows.find((r: { code: string }) => r.code === 'D1');
    expect(d1.status).toBe('on_track');
    await logins.as('office').put(`/api/campaigns/${campaignId}/progress-settings`).send({ statusBandPct: 5 }).expect(200);
  });

  it('uses a unit-level rollup for a town and the history for a past date', async () => {
    const now = await logins.as('t1mgr').get(`/api/dashboards?campaignId=${campaignId}&unitId=${ids.T1}&date=2026-05-10`).expect(200);
    const e = now.body.indicators.find((i: { code: string }) => i.code === 'EP');
    expect(e.rows.map((r: { code: string; ratePct: string; status: string; rank: number }) => [r.code, r.ratePct, r.status, r.rank])).toEqual([
      ['V1', '60.0', 'ahead', 1],
      ['V2', '23.3', 'behind', 2], // 700 / 3000 = 23.33 % < 25 %
    ]);
    const past = await logins.as('t1mgr').get(`/api/dashboards?campaignId=${campaignId}&unitId=${ids.T1}&date=2026-04-15`).expect(200);
    const p = past.body.indicators.find((i: { code: string }) => i.code === 'EP');
    expect(p.total).toMatchObject({ actual: '1000', ratePct: '16.7' }); // only V1's 31 Mar report: 1000 / 6000
    expect(p.rows.map((r: { code: string; status: string }) => [r.code, r.status])).toEqual([
      ['V1', 'ahead'], // 1000 / 3000 = 33.3 % >= 25 % + 5 points
      ['V2', 'zero'],
    ]);
    expect((await logins.as('t1mgr').get(`/api/dashboards?campaignId=${campaignId}&unitId=${ids.C1}`)).status).toBe(403);
    expect((await logins.as('t1mgr').get(`/api/dashboards?campaignId=${campaignId}&unitId=${ids.T1}&date=2026-13-01`)).status).toBe(400);
    const series = await logins.as('t1mgr').get(`/api/dashboards/series?campaignId=${campaignId}&unitId=${ids.T1}&indicatorId=${e.indicatorId}`).expect(200);
    // V1 1000 (31 Mar), V2 600 (20 Apr, backdated), V1 1800 + V2 700 (30 Apr)
    expect(series.body.points.map((x: { asOf: string; actual: string }) => [x.asOf, x.actual])).toEqual([
      ['2026-03-31', '1000'],
      ['2026-04-20', '1600'],
      ['2026-04-30', '2500'],
    ]);
  });

  it('exports the progress table (total first) and the ranking as XLSX with Chinese headers', async () => {
    const res = await logins
      .as('office')
      .get(`/api/dashboards/export?campaignId=${campaignId}&unitId=${ids.C1}&date=2026-05-10`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const ws = wb.worksheets[0];
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('单位C1完成进度统计表（2026-05-10）.xlsx')}`);
    expect(ws.getCell('A1').value).toBe('企业职工养老保险新增参保完成进度统计表（截至2026-05-10）');
    expect(ws.getCell('A2').value).toBe('单位：人、%');
    expect(ws.getRow(3).values).toEqual([undefined, '单位', '实际完成', '计划指标', '完成进度', '序时进度', '状态']);
    // 2500 / 10000 = 25.0 %, expected 25.0 % (Q1 milestone): rates are percent cells holding the fraction
    expect((ws.getRow(4).values as unknown[]).slice(1, 6)).toEqual(['合计', 2500, 10000, 0.25, 0.25]);
    expect(['B4', 'C4', 'D4', 'E4'].map((a) => ws.getCell(a).numFmt)).toEqual(['0', '0', '0.0%', '0.0%']);
    expect(ws.getCell('A4').font).toMatchObject({ bold: true });
    expect(ws.getCell('F5').border).toMatchObject({ top: { style: 'thin' }, bottom: { style: 'thin' } });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    // the coverage rate: D1 (9 + 500) / (10 + 1000) = 50.40 %, target 98.5 % as 0.985 (not "9850%"), 50.396 / 98.5 = 51.2 %
    const cov = wb.worksheets[1];
    expect((cov.getRow(5).values as unknown[]).slice(1, 6)).toEqual(['单位D1', 0.504, 0.985, 0.512, 0.25]);
    expect(['B5', 'C5', 'D5'].map((a) => cov.getCell(a).numFmt)).toEqual(['0.00%', '0.0%', '0.0%']);
    const rk = await logins
      .as('office')
      .get(`/api/rankings/export?campaignId=${campaignId}&unitId=${ids.C1}&date=2026-05-10`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(rk.body);
    const r1 = wb2.worksheets[0];
    // seed 002 annex 5 prints two decimals: 2500 / 6000 = 41.666... -> 41.67 %
    expect((r1.getRow(4).values as unknown[]).slice(1)).toEqual([1, '单位D1', 2500, 6000, 0.4167]);
    expect(r1.getCell('E4').numFmt).toBe('0.00%');
    // total row last and bold: 2500 / 10000 = 25.00 %
    expect((r1.getRow(6).values as unknown[]).slice(1)).toEqual([3, '合计', 2500, 10000, 0.25]);
    expect(r1.getCell('B6').font).toMatchObject({ bold: true });
    // 50.396 % / 98.5 % = 51.16 %
    expect((wb2.worksheets[1].getRow(4).values as unknown[]).slice(1)).toEqual([1, '单位D1', 0.504, 0.985, 0.5116]);
  });

  it('settles rewards and penalties per the tiers, once, and freezes a confirmed settlement', async () => {
    await logins
      .as('office')
      .put(`/api/campaigns/${campaignId}/progress-settings`)
      .send({ incentives: { a: 50, b: 30, x: 20, y: 30, z: 10 } })
      .expect(200);
    const bad = await logins
      .as('office')
      .put(`/api/campaigns/${campaignId}/progress-settings`)
      .send({ incentives: { a: 50, b: 60, x: 20, y: 30, z: 10 } });
    expect(bad.status).toBe(400);
    const res = await logins.as('office').post('/api/settlements').send({ taskId: ep.C1, asOf: '2026-05-10' }).expect(201);
    const lines = res.body.lines.map((l: { unitCode: string; cadreName: string | null; tier: string; reward: string; deduction: string }) => [
      l.unitCode,
      l.cadreName,
      l.tier,
      l.reward,
      l.deduction,
    ]);
    expect(lines).toEqual([
      ['D1', null, 'none', '0', '0'], // 2500/6000 = 41.7 %: between B 30 and A 50
      ['D2', null, 'zero', '0', '40000'], // zero: 10 x 4000
      ['T1', null, 'none', '0', '0'],
      ['T2', null, 'zero', '0', '40000'],
      ['V1', null, 'partial', '36000', '0'], // 60 %: 20 x 1800
      ['V2', null, 'criticised', '0', '0'], // 23.3 % < 30
    ]);
    expect(res.body.totals).toEqual({ reward: '36000', deduction: '80000', lines: 6 });
    const again = await logins.as('office').post('/api/settlements').send({ taskId: ep.C1, asOf: '2026-05-10' }).expect(201);
    expect(again.body.id).toBe(res.body.id);
    await logins.as('office').post(`/api/settlements/${res.body.id}/confirm`).expect(200);
    const recompute = await logins.as('office').post(`/api/settlements/${res.body.id}/recompute`);
    expect([recompute.status, recompute.body.error]).toEqual([409, 'SETTLEMENT_CONFIRMED']);
    expect((await logins.as('d1mgr').post('/api/settlements').send({ taskId: ep.C1 })).status).toBe(403);
    await logins.as('office').get(`/api/settlements/${res.body.id}/xlsx`).expect(200);
  });
});
