import { BulletinStore } from '#progress';
import ExcelJS from 'exceljs';
import { loginAs, Logins } from '../helpers/api-client';
import { makeCampaign, makeSmallCity, makeTasks, makeUser } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';
import { binary } from '../helpers/xlsx';
import { countSplit } from './progress-factory';

/**
 * Issue 20 point 2. A year's campaign (2026), EP split 9100: D1 5460 (V1, V2 2730 each), D2 3640 (T2). On 1 July
 * (day 182, 183 days left; four weeks before: 3 June):
 * - D1: 2730 on 3 June, 3276 on 1 July → 18 a day since the start, 19.5 over four weeks → 6844.50 at the deadline: on pace;
 * - D2 (T2): 980 on 3 June, 1092 on 1 July → 6 a day (2190), 4 over four weeks (1824): will miss, short by 2548.
 * Working days from 2 July to 31 December 2026: July 22, August 21, September 22 (中秋 25 Sep off, Sunday 20 Sep worked),
 * October 18 (1, 2, 5–7 Oct off, Saturday 10 Oct worked), November 21, December 23 = 127.
 */
describe('forecasts: who will miss the deadline, per level, on the route and in bulletins', () => {
  let env: TestEnv;
  let api: TestApi;
  let logins: Logins;
  let campaignId: number;
  let ids: Record<string, number>;
  const url = (q = '') => `/api/forecasts?campaignId=${campaignId}${q}`;

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    await makeUser(api.ds, 't2mgr', 'T2', ['unit_manager']);
    logins = await loginAs(api, ['office', 'd1mgr', 'v1mgr', 'v2mgr', 't2mgr']);
    const c = await makeCampaign(api.ds, { indicators: [{ code: 'EP', name: '企业职工养老保险新增参保', kind: 'count' }] });
    campaignId = c.campaignId;
    const ep = await makeTasks(api.ds, campaignId, c.indicatorIds.EP, countSplit(9100));
    ids = Object.fromEntries((await api.ds.query(`SELECT code, id FROM org_unit`)).map((r: { code: string; id: number }) => [r.code, r.id]));
    const report = async (u: string, taskId: number, asOf: string, actual: number) => {
      env.clock.set(`${asOf}T04:00:00Z`);
      await logins.as(u).post('/api/progress-reports').send({ taskId, asOf, actual }).expect(201);
    };
    await report('v1mgr', ep.V1, '2026-06-03', 1500);
    await report('v2mgr', ep.V2, '2026-06-03', 1230);
    await report('t2mgr', ep.T2, '2026-06-03', 980);
    await report('v1mgr', ep.V1, '2026-07-01', 1638);
    await report('v2mgr', ep.V2, '2026-07-01', 1638);
    await report('t2mgr', ep.T2, '2026-07-01', 1092);
    env.clock.set('2026-07-01T04:00:00Z'); // 12:00 in Shanghai
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  it('lists the districts that will miss, with both paces and the pace needed from today', async () => {
    const res = await logins.as('office').get(url()).expect(200);
    expect(res.body).toMatchObject({ campaignId, unitId: ids.C1, date: '2026-07-01', willMiss: 1, total: 1, page: 1 });
    expect(res.body.items).toEqual([
      expect.objectContaining({
        unitId: ids.D2,
        unitCode: 'D2',
        indicatorCode: 'EP',
        deadline: '2026-12-31',
        target: '3640.00',
        actual: '1092',
        status: 'will_miss',
        willMiss: true,
        remainingDays: 183,
        remainingWorkingDays: 127,
        linear: { perDay: '6.00', projected: '2190.00', reachOn: '2027-08-30' },
        trend: { perDay: '4.00', projected: '1824.00', reachOn: '2028-03-29', windowDays: 28 },
        shortfall: '2548.00',
        // 2548 / 127 = 20.063 → 20.06
        needed: { perDay: '13.92', perWeek: '97.46', perWorkingDay: '20.06' },
        // 1824 / 3640 = 50.1 %
        projectedPct: '50.1',
      }),
    ]);
  });

  it('all tasks of the level on request, will-miss first; a district sees its own level only', async () => {
    const all = await logins.as('office').get(url('&willMissOnly=false')).expect(200);
    expect(all.body.items.map((r: { unitCode: string; status: string; projectedPct: string }) => [r.unitCode, r.status, r.projectedPct])).toEqual([
      ['D2', 'will_miss', '50.1'],
      // 3276 + 19.5 × 183 = 6844.5; / 5460 = 125.4 %
      ['D1', 'on_pace', '125.4'],
    ]);
    const d1 = await logins.as('d1mgr').get(url('&willMissOnly=false')).expect(200);
    expect(d1.body.items.map((r: { unitCode: string }) => r.unitCode)).toEqual(['T1']);
    expect((await logins.as('d1mgr').get(url(`&unitId=${ids.C1}`))).status).toBe(403);
    const bad = await logins.as('office').get(`/api/forecasts?campaignId=x`);
    expect([bad.status, [...new Set(bad.body.fields.map((f: { field: string }) => f.field))]]).toEqual([400, ['campaignId']]);
  });

  it('a bulletin names those that will miss and prints them in its XLSX', async () => {
    const stored = await api.app
      .get(BulletinStore)
      .store(
        api.ds.manager,
        { campaignId, unitId: ids.C1, cadence: 'biweekly', periodEnd: '2026-07-01', date: '2026-07-01', trigger: 'manual', requestedBy: null },
        env.clock.now(),
      );
    expect(stored!.content.forecast).toMatchObject({ total: 1, rows: [{ unitCode: 'D2', projectedPct: '50.1' }] });
    const xlsx = await logins.as('office').get(`/api/bulletins/${stored!.id}/xlsx`).buffer(true).parse(binary).expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body);
    const sheet = wb.getWorksheet('预计无法按期完成')!;
    const values: unknown[][] = [];
    sheet.eachRow((r) => values.push((r.values as unknown[]).slice(1)));
    expect(values.find((r) => r[1] === '单位D2')).toEqual([
      '企业职工养老保险新增参保',
      '单位D2',
      '2026-12-31',
      3640,
      1092,
      1824,
      0.501,
      '2028-03-29',
      '13.92人/天',
      '97.46人/周',
      '20.06人/工作日',
      '预计无法按期完成',
    ]);
  });

  it('GET /api/calendar: days off and make-up working days of a range, the years known, bad ranges refused', async () => {
    const res = await logins.as('v1mgr').get('/api/calendar?from=2026-09-19&to=2026-10-11').expect(200);
    expect(res.body.days.map((d: { date: string; kind: string }) => `${d.date} ${d.kind}`)).toEqual([
      '2026-09-20 makeup',
      '2026-09-25 holiday',
      '2026-09-26 holiday',
      '2026-09-27 holiday',
      '2026-10-01 holiday',
      '2026-10-02 holiday',
      '2026-10-03 holiday',
      '2026-10-04 holiday',
      '2026-10-05 holiday',
      '2026-10-06 holiday',
      '2026-10-07 holiday',
      '2026-10-10 makeup',
    ]);
    expect(res.body.days[0]).toEqual({ date: '2026-09-20', kind: 'makeup', working: true, name: '国庆节' });
    const y27 = await logins.as('v1mgr').get('/api/calendar?from=2027-12-01&to=2028-01-31').expect(200);
    expect([y27.body.years, y27.body.unknownYears]).toEqual([[{ year: 2027, source: expect.stringContaining('Best estimate'), confirmed: false }], [2028]]);
    const reversed = await logins.as('v1mgr').get('/api/calendar?from=2026-10-11&to=2026-09-19');
    expect([reversed.status, reversed.body.fields.map((f: { field: string }) => f.field)]).toEqual([400, ['to']]);
    const long = await logins.as('v1mgr').get('/api/calendar?from=2026-01-01&to=2027-12-31');
    expect([long.status, long.body.fields[0].message]).toEqual([400, '日期范围最多 400 天（at most 400 days）']);
    expect((await logins.as('v1mgr').get('/api/calendar?from=2026-02-30&to=2026-03-01')).status).toBe(400);
  });
});
