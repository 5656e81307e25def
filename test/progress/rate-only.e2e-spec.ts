import { makeCampaign, makeSmallCity, makeTasks, QUARTERLY_2026, unitId } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';
import { ratioSplit } from './progress-factory';

/**
 * Issue 17 point 6: a coverage rate reported as a rate (按比率填报) where the clerk has no numerator and denominator.
 * C1 -> D1 (T1 -> V1, V2), D2 (T2); the 98.5 % target copied down (seed 003).
 */
describe('progress: a ratio reported as a rate only', () => {
  let env: TestEnv;
  let api: TestApi;
  let tokens: Record<string, string>;
  let cov: Record<string, number>;
  let campaignId: number;
  let ids: Record<string, number>;

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    tokens = {};
    for (const u of ['office', 't1mgr', 'v1mgr']) tokens[u] = await api.login(u);
    const c = await makeCampaign(api.ds, { milestones: QUARTERLY_2026, indicators: [{ code: 'COV', name: '基本医疗保险参保率', kind: 'ratio' }] });
    campaignId = c.campaignId;
    cov = await makeTasks(api.ds, campaignId, c.indicatorIds.COV, ratioSplit(98.5));
    ids = {};
    for (const u of ['C1', 'D1', 'D2', 'T1', 'T2', 'V1', 'V2']) ids[u] = await unitId(api.ds, u);
    env.clock.set('2026-05-10T02:00:00Z');
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });
  const as = (u: string) => ({ Authorization: `Bearer ${tokens[u]}` });
  const dashboard = async (unit: string, date: string) => {
    const res = await api.http().get(`/api/dashboards?campaignId=${campaignId}&unitId=${ids[unit]}&date=${date}`).set(as('office')).expect(200);
    return res.body.indicators[0];
  };
  const row = (d: { rows: { code: string; rank: number | null }[] }, code: string) => d.rows.find((r) => r.code === code)!;

  it('stores a rate alone, marked as such, and refuses it beside figures or for more than 100 %', async () => {
    const both = await api.http().post('/api/progress-reports').set(as('v1mgr')).send({ taskId: cov.V1, asOf: '2026-04-30', rate: '97', denominator: '500' });
    expect(both.status).toBe(400);
    expect(both.body.fields).toEqual([
      {
        field: 'rate',
        message: '按比率填报时不填分子、分母：请只填比率，或只填分子和分母 (a rate is reported alone: give either the rate or the numerator and denominator)',
      },
    ]);
    const over = await api.http().post('/api/progress-reports').set(as('v1mgr')).send({ taskId: cov.V1, asOf: '2026-04-30', rate: '100.5' });
    expect(over.body.fields[0]).toEqual({ field: 'rate', message: '比率须在 0 至 100 之间（单位 %） (must lie between 0 and 100 (percent))' });
    const ok = await api.http().post('/api/progress-reports').set(as('v1mgr')).send({ taskId: cov.V1, asOf: '2026-04-30', rate: 97 }).expect(201);
    expect(ok.body).toMatchObject({ taskId: cov.V1, actual: null, denominator: null, rateOnly: true, rate: '97' });
    const [db] = await api.ds.query(`SELECT actual::text, denominator, rate_only, rate::text FROM progress_report WHERE id = $1`, [ok.body.id]);
    expect(db).toEqual({ actual: '0', denominator: null, rate_only: true, rate: '97' });
    const list = await api.http().get(`/api/progress-reports?taskId=${cov.V1}`).set(as('v1mgr')).expect(200);
    expect(list.body.items.map((r: { rateOnly: boolean; rate: string | null; actual: string | null }) => [r.rateOnly, r.rate, r.actual])).toEqual([
      [true, '97', null],
    ]);
  });

  it("shows the rate on its unit's row and rolls up only the known figures", async () => {
    await api
      .http()
      .post('/api/progress-reports/batch')
      .set(as('office'))
      .send({
        asOf: '2026-04-30',
        rows: [
          { taskId: cov.V2, actual: '190', denominator: '200' },
          { taskId: cov.T2, actual: '396', denominator: '400' },
        ],
      })
      .expect(201);
    const t1 = await dashboard('T1', '2026-04-30');
    // V1: 97 % reported alone, 0.97 / 0.985 = 0.98477... -> 98.5 % of its target
    expect(row(t1, 'V1')).toMatchObject({ rateOnly: true, reportedRate: '97', actual: '0', denominator: '0', value: 0.97, ratePct: '98.5', rateOnlyBelow: 0 });
    // V2: 190 / 200 = 0.95 ; 0.95 / 0.985 = 0.96446... -> 96.4 %
    expect(row(t1, 'V2')).toMatchObject({ rateOnly: false, value: 0.95, ratePct: '96.4' });
    // T1 from the known figures only (V2's): 190 / 200 = 0.95 -> 96.4 %; V1 left out, counted, never given a denominator
    expect(t1.total).toMatchObject({ actual: '190', denominator: '200', value: 0.95, ratePct: '96.4', rateOnly: false, rateOnlyBelow: 1 });
    const c1 = await dashboard('C1', '2026-04-30');
    expect(row(c1, 'D1')).toMatchObject({ actual: '190', denominator: '200', ratePct: '96.4', rateOnlyBelow: 1 });
    // D2: 396 / 400 = 0.99 ; 0.99 / 0.985 = 1.00507... -> 100.5 %
    expect(row(c1, 'D2')).toMatchObject({ actual: '396', denominator: '400', ratePct: '100.5', rateOnlyBelow: 0 });
    // C1: (190 + 396) / (200 + 400) = 586 / 600 = 0.97666... ; / 0.985 = 0.99153... -> 99.2 %
    expect(c1.total).toMatchObject({ actual: '586', denominator: '600', ratePct: '99.2', rateOnlyBelow: 1 });
    // ranking among T1's villages: V1 98.48 % before V2 96.45 %
    expect([row(t1, 'V1').rank, row(t1, 'V2').rank]).toEqual([1, 2]);
  });

  it('counts V1 again once it reports figures, and takes a rate-only row from an uploaded table', async () => {
    // a numerator after a rate-only report is not compared with its stored 0
    await api.http().post('/api/progress-reports').set(as('v1mgr')).send({ taskId: cov.V1, asOf: '2026-05-10', actual: '485', denominator: '500' }).expect(201);
    const t1 = await dashboard('T1', '2026-05-10');
    // (485 + 190) / (500 + 200) = 675 / 700 = 0.96428... ; / 0.985 = 0.97897... -> 97.9 %
    expect(t1.total).toMatchObject({ actual: '675', denominator: '700', ratePct: '97.9', rateOnlyBelow: 0 });
    expect(row(t1, 'V1')).toMatchObject({ rateOnly: false, actual: '485', denominator: '500' });
    // the date before still shows the rate V1 reported then
    expect(row(await dashboard('T1', '2026-04-30'), 'V1')).toMatchObject({ rateOnly: true, reportedRate: '97' });

    const csv = '单位,参保率（%）\n单位V2,96.5%\n';
    const up = await api
      .http()
      .post('/api/progress-reports/upload')
      .set(as('t1mgr'))
      .attach('file', Buffer.from(csv), 'rates.csv')
      .field('campaignId', String(campaignId))
      .field('indicatorId', String((await api.ds.query(`SELECT indicator_id FROM task WHERE id = $1`, [cov.V2]))[0].indicator_id))
      .field('asOf', '2026-05-10')
      .expect(200);
    expect(up.body.reports).toMatchObject([{ taskId: cov.V2, rateOnly: true, rate: '96.5', actual: null }]);
    const after = await dashboard('T1', '2026-05-10');
    // V2 now rate only: T1 = V1's 485 / 500 = 0.97 ; / 0.985 = 0.98477... -> 98.5 %
    expect(after.total).toMatchObject({ actual: '485', denominator: '500', ratePct: '98.5', rateOnlyBelow: 1 });
    // 96.5 / 98.5 = 0.97969... -> 98.0 %
    expect(row(after, 'V2')).toMatchObject({ rateOnly: true, reportedRate: '96.5', ratePct: '98.0' });
  });
});
