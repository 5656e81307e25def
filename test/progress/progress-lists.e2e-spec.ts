import { loginAs, Logins } from '../helpers/api-client';
import { makeCampaign, makeSmallCity, makeTasks, makeUser, unitId } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

/**
 * The progress lists page, sort and filter on the server (settlements by state, a settlement's lines by unit subtree
 * and tier; reports and bulletins by their keys), bad keys are 400s naming the field, and a campaign without
 * milestones expects the share of days elapsed to each task's deadline (序时进度).
 */
describe('progress lists on the server', () => {
  let env: TestEnv;
  let api: TestApi;
  let logins: Logins;
  let campaignId: number;
  let ep: Record<string, number>;
  let c1Settlement: number;
  let d2Settlement: number;

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    await makeUser(api.ds, 'd1office', 'D1', ['office']); // may read settlements, but only those in D1's subtree
    logins = await loginAs(api, ['office', 'd1mgr', 'd1office']);
    const c = await makeCampaign(api.ds, {
      indicators: [{ code: 'EP', name: '企业职工养老保险新增参保', kind: 'count' }],
      settings: { incentives: { a: 80, b: 60, x: 20, y: 30, z: 10 } },
    });
    campaignId = c.campaignId;
    // no milestones. C1 1000 (31 Dec) -> D1 600 (T1 600 -> V1 300, V2 300, 31 Dec), D2 400 due 30 Jun (T2 400)
    ep = await makeTasks(api.ds, campaignId, c.indicatorIds.EP, { unit: 'C1', target: 1000 });
    Object.assign(
      ep,
      await makeTasks(
        api.ds,
        campaignId,
        c.indicatorIds.EP,
        {
          unit: 'D1',
          target: 600,
          children: [
            {
              unit: 'T1',
              target: 600,
              children: [
                { unit: 'V1', target: 300 },
                { unit: 'V2', target: 300 },
              ],
            },
          ],
        },
        '2026-12-31',
        ep.C1,
      ),
    );
    Object.assign(
      ep,
      await makeTasks(api.ds, campaignId, c.indicatorIds.EP, { unit: 'D2', target: 400, children: [{ unit: 'T2', target: 400 }] }, '2026-06-30', ep.C1),
    );
    const report = (task: number, asOf: string, actual: number, at: string) =>
      api.ds.query(`INSERT INTO progress_report (task_id, as_of, actual, reported_at) VALUES ($1, $2, $3, $4)`, [task, asOf, actual, at]);
    await report(ep.V1, '2026-03-31', 150, '2026-03-31T08:00:00Z');
    await report(ep.V1, '2026-06-30', 300, '2026-06-30T08:00:00Z'); // 100 %
    await report(ep.V2, '2026-06-30', 200, '2026-06-30T08:00:00Z'); // 66.7 %
    await report(ep.T2, '2026-06-30', 340, '2026-06-30T08:00:00Z'); // 85 %
    env.clock.set('2026-07-01T02:00:00Z');
    c1Settlement = (await logins.as('office').post('/api/settlements').send({ taskId: ep.C1, asOf: '2026-06-30' }).expect(201)).body.id;
    d2Settlement = (await logins.as('office').post('/api/settlements').send({ taskId: ep.D2, asOf: '2026-06-30' }).expect(201)).body.id;
    await logins.as('office').post(`/api/settlements/${d2Settlement}/confirm`).expect(200);
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  /** The status and the fields a 400 names (each once: a field may fail several checks). */
  const fieldOf = (res: { status: number; body: { fields?: { field: string }[] } }) => [res.status, [...new Set(res.body.fields?.map((f) => f.field))]];

  it('expects the days elapsed to each task’s own deadline when the campaign has no milestones', async () => {
    const d = await logins
      .as('office')
      .get('/api/dashboards')
      .query({ campaignId, unitId: await unitId(api.ds, 'C1'), date: '2026-03-31' })
      .expect(200);
    // 1 Jan .. 31 Mar is 90 of 365 days: 24.657 % -> 24.7; D2 is due 30 Jun: 90 of 181 days = 49.724 % -> 49.7
    expect(d.body.expectedPct).toBe('24.7');
    const ind = d.body.indicators[0];
    expect(ind.total.expectedPct).toBe('24.7');
    expect(ind.rows.map((r: { code: string; expectedPct: string; ratePct: string }) => [r.code, r.expectedPct, r.ratePct])).toEqual([
      ['D1', '24.7', '25.0'], // V1's 150 of 600
      ['D2', '49.7', '0.0'],
    ]);
    const ranking = await logins
      .as('office')
      .get('/api/rankings')
      .query({ campaignId, unitId: await unitId(api.ds, 'C1'), date: '2026-06-30' })
      .expect(200);
    // 30 Jun: D1 day 181 of 365 = 49.589 % -> 49.6; D2 at its deadline: 100 %
    expect(ranking.body.indicators[0].rows.map((r: { code: string; expectedPct: string }) => [r.code, r.expectedPct])).toEqual([
      ['D2', '100.0'], // 340 / 400 = 85 %
      ['D1', '49.6'], // 500 / 600 = 83.3 %
    ]);
  });

  it('lists settlements with their unit and indicator, filtered by state and sorted on the server', async () => {
    const list = (q: object) =>
      logins
        .as('office')
        .get('/api/settlements')
        .query({ campaignId, ...q });
    const all = await list({}).expect(200);
    expect(
      all.body.items.map((s: { id: number; unitName: string; indicatorName: string; state: string }) => [s.id, s.unitName, s.indicatorName, s.state]),
    ).toEqual([
      [d2Settlement, '单位D2', '企业职工养老保险新增参保', 'confirmed'],
      [c1Settlement, '单位C1', '企业职工养老保险新增参保', 'draft'],
    ]);
    const ids = async (q: object) => (await list(q).expect(200)).body.items.map((s: { id: number }) => s.id);
    expect(await ids({ state: 'draft' })).toEqual([c1Settlement]);
    expect((await list({ state: 'confirmed' })).body.total).toBe(1);
    // D2 has a deadline of its own, so it is settled apart: C1's settlement holds D1's subtree (V1 30 x 300 = 9000), D2's T2's 20 x 340 = 6800
    expect(await ids({ sort: 'reward', order: 'asc' })).toEqual([d2Settlement, c1Settlement]);
    expect(await ids({ sort: 'reward', order: 'desc' })).toEqual([c1Settlement, d2Settlement]);
    expect(await ids({ sort: 'unitName', order: 'asc' })).toEqual([c1Settlement, d2Settlement]);
    expect(await ids({ sort: 'state', order: 'asc', pageSize: 1 })).toEqual([d2Settlement]); // 'confirmed' < 'draft'
    expect(fieldOf(await list({ state: 'paid' }))).toEqual([400, ['state']]);
    expect(fieldOf(await list({ sort: 'id' }))).toEqual([400, ['sort']]);
    expect(fieldOf(await list({ sort: 'reward', order: 'up' }))).toEqual([400, ['order']]);
    const one = await logins.as('office').get(`/api/settlements/${c1Settlement}`).expect(200);
    expect(one.body).toMatchObject({ unitName: '单位C1', state: 'draft', totals: { reward: '9000', deduction: '0', lines: 4 } });
    expect(one.body.lines).toBeUndefined();
  });

  it('pages, sorts and filters one settlement’s lines on the server', async () => {
    const lines = (q: object, id = c1Settlement) => logins.as('office').get(`/api/settlements/${id}/lines`).query(q);
    const codes = async (q: object) => {
      const r = await lines(q).expect(200);
      return [r.body.total, r.body.items.map((l: { unitCode: string }) => l.unitCode)];
    };
    // D1's subtree: D1 500 / 600, T1 500 / 600, V1 300 / 300 (full: 9000), V2 200 / 300
    expect(await codes({ sort: 'unitCode', order: 'asc' })).toEqual([4, ['D1', 'T1', 'V1', 'V2']]);
    expect(await codes({ sort: 'reward', order: 'desc', pageSize: 1 })).toEqual([4, ['V1']]);
    expect(await codes({ sort: 'unitCode', order: 'desc', page: 2, pageSize: 3 })).toEqual([4, ['D1']]);
    // V2 200 / 300 = 66.7 % is the lowest rate, V1 100 % the highest
    const byRate = (await lines({ sort: 'rate', order: 'asc' }).expect(200)).body.items.map((l: { unitCode: string; ratePct: string }) => [
      l.unitCode,
      l.ratePct,
    ]);
    expect(byRate[0]).toEqual(['V2', '66.7']);
    expect(byRate[3]).toEqual(['V1', '100.0']);
    expect(await codes({ unitId: await unitId(api.ds, 'T1'), sort: 'unitCode', order: 'asc' })).toEqual([3, ['T1', 'V1', 'V2']]);
    expect(await codes({ tier: 'full' })).toEqual([1, ['V1']]);
    expect(await codes({ tier: 'none' })).toEqual([1, ['V2']]);
    expect(await codes({ tier: 'partial', unitId: await unitId(api.ds, 'T1') })).toEqual([1, ['T1']]);
    const d2 = await lines({ tier: 'partial', sort: 'unitCode', order: 'asc' }, d2Settlement).expect(200);
    expect(d2.body.items.map((l: { unitCode: string; reward: string }) => [l.unitCode, l.reward])).toEqual([
      ['D2', '0'],
      ['T2', '6800'],
    ]);
    expect(fieldOf(await lines({ sort: 'cadre' }))).toEqual([400, ['sort']]);
    expect(fieldOf(await lines({ tier: 'gold' }))).toEqual([400, ['tier']]);
    expect(fieldOf(await lines({ unitId: 'abc' }))).toEqual([400, ['unitId']]);
    expect((await lines({}, 999999)).status).toBe(404);
    // D1's office: D2's settlement is a sibling's, C1's is above D1, so neither is in the caller's subtree
    const d1Lines = (id: number) => logins.as('d1office').get(`/api/settlements/${id}/lines`);
    expect((await logins.as('d1office').get('/api/settlements').query({ campaignId })).status).toBe(200); // the role may read settlements
    expect((await d1Lines(d2Settlement)).status).toBe(403);
    expect((await d1Lines(c1Settlement)).status).toBe(403);
    expect((await d1Lines(999999)).status).toBe(404);
  });

  it('sorts a task’s reports and a campaign’s bulletins on the server', async () => {
    const reports = (q: object) =>
      logins
        .as('office')
        .get('/api/progress-reports')
        .query({ taskId: ep.V1, ...q });
    const actuals = async (q: object) => (await reports(q).expect(200)).body.items.map((r: { actual: string }) => r.actual);
    expect(await actuals({})).toEqual(['300', '150']);
    expect(await actuals({ sort: 'asOf', order: 'asc' })).toEqual(['150', '300']);
    expect(await actuals({ sort: 'actual', order: 'desc' })).toEqual(['300', '150']);
    expect(fieldOf(await reports({ sort: 'reason' }))).toEqual([400, ['sort']]);

    const c1 = await unitId(api.ds, 'C1');
    for (const [date, trigger, n] of [
      ['2026-03-15', 'schedule', 1],
      ['2026-04-01', 'manual', 3],
      ['2026-03-31', 'schedule', 2],
    ])
      await api.ds.query(
        `INSERT INTO bulletin (campaign_id, unit_id, cadence, period_end, issue_no, bulletin_date, trigger, generated_at, content)
         VALUES ($1, $2, 'monthly', $3, $5, $3, $4, now(), '{}')`,
        [campaignId, c1, date, trigger, n],
      );
    const bulletins = (q: object) =>
      logins
        .as('office')
        .get('/api/bulletins')
        .query({ campaignId, ...q });
    const dates = async (q: object) => (await bulletins(q).expect(200)).body.items.map((b: { date: string }) => b.date);
    expect(await dates({})).toEqual(['2026-04-01', '2026-03-31', '2026-03-15']);
    expect(await dates({ sort: 'date', order: 'asc' })).toEqual(['2026-03-15', '2026-03-31', '2026-04-01']);
    // same trigger: the default order (newest date first) breaks the tie
    expect(await dates({ sort: 'trigger', order: 'asc' })).toEqual(['2026-04-01', '2026-03-31', '2026-03-15']);
    expect(await dates({ sort: 'trigger', order: 'desc' })).toEqual(['2026-03-31', '2026-03-15', '2026-04-01']);
    expect(await dates({ sort: 'issueNo', order: 'desc' })).toEqual(['2026-04-01', '2026-03-31', '2026-03-15']);
    expect(fieldOf(await bulletins({ sort: 'unit' }))).toEqual([400, ['sort']]);
    expect(fieldOf(await logins.as('office').get('/api/progress-credits').query({ campaignId, sort: 'source' }))).toEqual([400, ['sort']]);
  });

  it('narrows tasks and inspection cases to a unit’s subtree in the caller’s scope (the dashboard’s drill-down)', async () => {
    const tasks = (who: string, q: object) =>
      logins
        .as(who)
        .get('/api/tasks')
        .query({ campaignId, pageSize: 50, ...q });
    const held = async (q: object) => (await tasks('office', q).expect(200)).body.items.map((t: { id: number }) => t.id).sort((a: number, b: number) => a - b);
    expect(await held({ unitId: await unitId(api.ds, 'D1') })).toEqual([ep.D1, ep.T1, ep.V1, ep.V2].sort((a, b) => a - b));
    expect(await held({ unitId: await unitId(api.ds, 'T2') })).toEqual([ep.T2]);
    expect((await tasks('d1mgr', { unitId: await unitId(api.ds, 'D2') })).status).toBe(403);
    expect(fieldOf(await tasks('office', { unitId: 'x' }))).toEqual([400, ['unitId']]);
    const cases = (who: string, q: object) => logins.as(who).get('/api/inspection-cases').query(q);
    expect((await cases('office', { status: 'open', unitId: await unitId(api.ds, 'D1') }).expect(200)).body.total).toBe(0);
    expect(fieldOf(await cases('office', { unitId: '0' }))).toEqual([400, ['unitId']]);
    expect((await cases('office', { unitId: 999999 })).status).toBe(404);
  });
});
