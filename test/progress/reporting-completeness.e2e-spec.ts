import { BulletinCadence, BulletinsService, periodEndFor, ReportingCompletenessService } from '#progress';
import { ReportCadence1764001260000 } from '../../libs/core/src/database/migrations/1764001260000-report-cadence';
import { loginAs, Logins } from '../helpers/api-client';
import { makeCampaign, makeSmallCity, makeTasks, makeUser } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';
import { countSplit, ratioSplit } from './progress-factory';

/**
 * Issue 17 point 2. Monthly reporting; leaf tasks of EP and COV at V1, V2 (under T1, D1) and T2 (under D2).
 * On 2026-05-10 (period 05-01..05-31): V1 reported both in May, V2 reported EP on 04-30 only (before the period)
 * and COV in May, T2 never reported.
 */
describe('reporting completeness: who has not reported, the bulletin, reminders once per period', () => {
  let env: TestEnv;
  let api: TestApi;
  let logins: Logins;
  let campaignId: number;
  let ids: Record<string, number>;
  const url = (q: string) => `/api/reporting-completeness?campaignId=${campaignId}${q}`;

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    await makeUser(api.ds, 't2mgr', 'T2', ['unit_manager'], { phone: '13912345678', displayName: '王芳' });
    logins = await loginAs(api, ['office', 'd1mgr', 'v1mgr', 'v2mgr', 't2mgr']);
    const c = await makeCampaign(api.ds, {
      settings: { progress: { reportCadence: 'monthly' } },
      indicators: [
        { code: 'EP', name: '企业职工养老保险新增参保', kind: 'count' },
        { code: 'COV', name: '参保率', kind: 'ratio' },
      ],
    });
    campaignId = c.campaignId;
    const ep = await makeTasks(api.ds, campaignId, c.indicatorIds.EP, countSplit(10000));
    const cov = await makeTasks(api.ds, campaignId, c.indicatorIds.COV, ratioSplit(98.5));
    ids = Object.fromEntries((await api.ds.query(`SELECT code, id FROM org_unit`)).map((r: { code: string; id: number }) => [r.code, r.id]));
    ids.EP = c.indicatorIds.EP;
    ids.COV = c.indicatorIds.COV;
    env.clock.set('2026-05-10T02:00:00Z'); // 10:00 in Shanghai
    const report = (u: string, body: object) => logins.as(u).post('/api/progress-reports').send(body).expect(201);
    await report('v1mgr', { taskId: ep.V1, asOf: '2026-05-05', actual: 100 });
    await report('v1mgr', { taskId: cov.V1, asOf: '2026-05-06', actual: 9, denominator: 10 });
    await report('v2mgr', { taskId: ep.V2, asOf: '2026-04-30', actual: 80 });
    await report('v2mgr', { taskId: cov.V2, asOf: '2026-05-02', actual: 5, denominator: 10 });
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  it('lists the units that have not reported since the period started, laggards first; one that reported is absent', async () => {
    const res = await logins.as('office').get(url('')).expect(200);
    expect(res.body).toMatchObject({
      campaignId,
      unitId: ids.C1,
      cadence: 'monthly',
      date: '2026-05-10',
      period: { start: '2026-05-01', end: '2026-05-31' },
      expectedUnits: 3,
      total: 2,
      page: 1,
      pageSize: 50,
    });
    expect(res.body.items).toEqual([
      {
        unitId: ids.T2,
        code: 'T2',
        name: '单位T2',
        lastReportOn: null,
        // never reported: January's deadline 01-31 to 05-10 = 28 + 31 + 30 + 10 = 99 days
        daysOverdue: 99,
        indicators: [
          { indicatorId: ids.EP, code: 'EP', name: '企业职工养老保险新增参保', lastReportOn: null },
          { indicatorId: ids.COV, code: 'COV', name: '参保率', lastReportOn: null },
        ],
        managers: [{ userId: expect.any(Number), name: '王芳', phone: '139****5678' }],
        remindedAt: null,
      },
      {
        unitId: ids.V2,
        code: 'V2',
        name: '单位V2',
        // reported on 04-30, before the period: still owes May's report, not overdue until 05-31 has passed
        lastReportOn: '2026-04-30',
        daysOverdue: 0,
        indicators: [{ indicatorId: ids.EP, code: 'EP', name: '企业职工养老保险新增参保', lastReportOn: '2026-04-30' }],
        managers: [{ userId: expect.any(Number), name: 'v2mgr', phone: null }],
        remindedAt: null,
      },
    ]);
    const page2 = await logins.as('office').get(url('&pageSize=1&page=2')).expect(200);
    expect([page2.body.total, page2.body.items.map((i: { code: string }) => i.code)]).toEqual([2, ['V2']]);
  });

  it("is scoped to the caller's subtree: the own unit by default, another district is 403, an unknown unit or campaign 404", async () => {
    const own = await logins.as('d1mgr').get(url('')).expect(200);
    // D1's subtree holds V1 and V2: V1 reported
    expect([own.body.unitId, own.body.expectedUnits, own.body.total, own.body.items.map((i: { code: string }) => i.code)]).toEqual([ids.D1, 2, 1, ['V2']]);
    expect((await logins.as('d1mgr').get(url(`&unitId=${ids.D2}`))).status).toBe(403);
    expect((await logins.as('d1mgr').get(url('&unitId=999999'))).status).toBe(404);
    expect((await logins.as('office').get(`/api/reporting-completeness?campaignId=999999`)).status).toBe(404);
    const bad = await logins.as('office').get(`/api/reporting-completeness?campaignId=x`);
    expect([bad.status, bad.body.fields[0].field]).toEqual([400, 'campaignId']);
    // the unit manager's home: a village that reported sees an empty list
    const v1 = await logins.as('v1mgr').get(url('')).expect(200);
    expect([v1.body.expectedUnits, v1.body.total]).toEqual([1, 0]);
  });

  it('names the units that had not reported in the bulletin, as of its date', async () => {
    // two bulletins of C1's in two series (one per period and series): the fortnight to 6 May dated 05-03, May's dated 05-10
    const [{ startsOn, endsOn }] = await api.ds.query(
      `SELECT to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn" FROM campaign WHERE id = $1`,
      [campaignId],
    );
    const issue = (cadence: BulletinCadence, date: string) =>
      api.app.get(BulletinsService).generate({
        campaignId,
        unitId: ids.C1,
        cadence,
        periodEnd: periodEndFor(cadence, startsOn, endsOn, date),
        date,
        trigger: 'manual',
        requestedBy: null,
      });
    const early = await issue('biweekly', '2026-05-03');
    const id = await issue('monthly', '2026-05-10');
    const b = await logins.as('office').get(`/api/bulletins/${id}`).expect(200);
    expect(b.body.content.unreported).toEqual({
      cadence: 'monthly',
      periodStart: '2026-05-01',
      periodEnd: '2026-05-31',
      expectedUnits: 3,
      total: 2,
      units: [
        { unitId: ids.T2, code: 'T2', name: '单位T2', lastReportOn: null, indicators: ['企业职工养老保险新增参保', '参保率'] },
        { unitId: ids.V2, code: 'V2', name: '单位V2', lastReportOn: '2026-04-30', indicators: ['企业职工养老保险新增参保'] },
      ],
    });
    // a bulletin dated 05-03 (period 05-01..05-03): V1 had not reported yet either; V2's COV of 05-02 counts
    const e = await logins.as('office').get(`/api/bulletins/${early}`).expect(200);
    expect(e.body.content.unreported.units.map((u: { code: string; indicators: string[] }) => [u.code, u.indicators])).toEqual([
      ['T2', ['企业职工养老保险新增参保', '参保率']],
      ['V1', ['企业职工养老保险新增参保', '参保率']],
      ['V2', ['企业职工养老保险新增参保']],
    ]);
  });

  /** The reminder notices the job has queued (outbox notices.create), as [recipient username, dedupe key]. */
  async function queuedReminders(): Promise<[string, string][]> {
    const rows: { username: string; key: string }[] = await api.ds.query(
      `SELECT u.username, n->>'dedupeKey' AS key FROM outbox o CROSS JOIN LATERAL jsonb_array_elements(o.payload->'notices') n
         JOIN app_user u ON u.id = (n->>'recipientUserId')::int
        WHERE o.job_name = 'notices.create' AND n->>'kind' = 'progress.unreported' ORDER BY o.id, key`,
    );
    return rows.map((r) => [r.username, r.key]);
  }

  it("reminds each missing unit's managers once per period: catches up on the last period, waits for the period's last working day, runs twice for nothing", async () => {
    const svc = api.app.get(ReportingCompletenessService);
    // 05-10: April's reminder is due (its last day passed): in April V1 reported nothing, V2 only EP (04-30), T2 nothing
    const april = await svc.remindDue();
    expect(april.map((r) => r.unitId)).toEqual([ids.T2, ids.V1, ids.V2].sort((a, b) => a - b));
    const key = (u: string, start: string) => `reporting-reminder-${campaignId}-${ids[u]}-${start}`;
    const aprilNotices = await queuedReminders();
    expect(aprilNotices.map(([who]) => who).sort()).toEqual(['t2mgr', 'v1mgr', 'v2mgr']);
    expect(aprilNotices.every(([, k]) => k.startsWith(`reporting-reminder-${campaignId}-`) && k.includes('-2026-04-01-'))).toBe(true);
    // the job again, and twice at once: nothing more
    expect(await svc.remindDue()).toEqual([]);
    expect(await Promise.all([svc.remindDue(), svc.remindDue()])).toEqual([[], []]);
    expect(await queuedReminders()).toHaveLength(3);

    // May's last day, 31 May 2026, is a Sunday: the reminder goes out on its last working day, Friday 29 May (issue 20);
    // on Thursday 28 May, and on 29 May at 08:30 in Shanghai (before the reminder time, 09:00): not yet
    env.clock.set('2026-05-28T03:00:00Z');
    expect(await svc.remindDue()).toEqual([]);
    env.clock.set('2026-05-29T00:30:00Z');
    expect(await svc.remindDue()).toEqual([]);
    // 09:00: T2 and V2 (EP) have not reported in May; V1 has
    env.clock.set('2026-05-29T01:00:00Z');
    const [first, second] = await Promise.all([svc.remindDue(), svc.remindDue()]);
    const may = [...first, ...second];
    expect(may.map((r) => [r.unitId, r.periodStart]).sort()).toEqual(
      [
        [ids.T2, '2026-05-01'],
        [ids.V2, '2026-05-01'],
      ].sort(),
    );
    env.clock.set('2026-06-01T03:00:00Z');
    expect(await svc.remindDue()).toEqual([]);
    const all = await queuedReminders();
    expect(all).toHaveLength(5);
    const v2 = (await api.ds.query(`SELECT id FROM app_user WHERE username = 'v2mgr'`))[0].id;
    expect(all.filter(([who]) => who === 'v2mgr').map(([, k]) => k)).toEqual([`${key('V2', '2026-04-01')}-${v2}`, `${key('V2', '2026-05-01')}-${v2}`]);
    const stored: { code: string; period_start: string; n: number }[] = await api.ds.query(
      `SELECT u.code, to_char(r.period_start, 'YYYY-MM-DD') AS period_start, cardinality(r.recipient_ids) AS n
         FROM reporting_reminder r JOIN org_unit u ON u.id = r.org_unit_id ORDER BY r.period_start, u.code`,
    );
    expect(stored).toEqual([
      { code: 'T2', period_start: '2026-04-01', n: 1 },
      { code: 'V1', period_start: '2026-04-01', n: 1 },
      { code: 'V2', period_start: '2026-04-01', n: 1 },
      { code: 'T2', period_start: '2026-05-01', n: 1 },
      { code: 'V2', period_start: '2026-05-01', n: 1 },
    ]);
    // on 05-31 the list shows who was reminded for May; on 06-01 June's period runs and nobody was reminded for it yet
    env.clock.set('2026-05-31T02:00:00Z');
    const lastDay = await logins.as('office').get(url('')).expect(200);
    expect(lastDay.body.items.map((i: { code: string; remindedAt: string | null }) => [i.code, i.remindedAt])).toEqual([
      ['T2', '2026-05-29T01:00:00.000Z'],
      ['V2', '2026-05-29T01:00:00.000Z'],
    ]);
    env.clock.set('2026-06-01T03:00:00Z');
    const june = await logins.as('office').get(url('')).expect(200);
    expect(june.body.period).toEqual({ start: '2026-06-01', end: '2026-06-30' });
    // laggards first: T2 never, V2 last on 04-30 (EP), V1 last on 05-05 (EP; COV on 05-06)
    expect(
      june.body.items.map((i: { code: string; lastReportOn: string | null; daysOverdue: number; remindedAt: string | null }) => [
        i.code,
        i.lastReportOn,
        i.daysOverdue,
        i.remindedAt,
      ]),
    ).toEqual([
      // 01-31 to 06-01: 28 + 31 + 30 + 31 + 1 = 121
      ['T2', null, 121, null],
      // May's deadline 05-31 passed one day ago
      ['V2', '2026-04-30', 1, null],
      ['V1', '2026-05-05', 0, null],
    ]);

    // June's last day: T2's only manager has left (inactive): T2 is not claimed with nobody to tell, so it is
    // reminded once it has a manager again, within the period
    await api.ds.query(`UPDATE app_user SET active = false WHERE username = 't2mgr'`);
    env.clock.set('2026-06-30T01:00:00Z');
    expect((await svc.remindDue()).map((r) => r.unitId)).toEqual([ids.V1, ids.V2].sort((a, b) => a - b));
    await api.ds.query(`UPDATE app_user SET active = true WHERE username = 't2mgr'`);
    expect((await svc.remindDue()).map((r) => r.unitId)).toEqual([ids.T2]);
    expect(await svc.remindDue()).toEqual([]);
    env.clock.set('2026-06-01T03:00:00Z');
  });

  it('validates the cadence setting with a Chinese 400 naming the field', async () => {
    const res = await logins
      .as('office')
      .put(`/api/campaigns/${campaignId}/settings`)
      .send({ progress: { reportCadence: 'daily' } });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([{ field: 'progress.reportCadence', message: '须为 weekly（每周）、biweekly（每两周）或 monthly（每月）' }]);
    const ok = await logins
      .as('office')
      .put(`/api/campaigns/${campaignId}/settings`)
      .send({ progress: { reportCadence: 'weekly' } });
    expect([ok.status, ok.body.progress.reportCadence]).toEqual([200, 'weekly']);
  });

  it('the migration gives running campaigns a cadence from their bulletins, keeping one already set', async () => {
    const insert = async (settings: object) =>
      (
        await api.ds.query(
          `INSERT INTO campaign (org_unit_id, name, starts_on, ends_on, status, settings) VALUES ($1, 'x', '2026-01-01', '2026-12-31', 'active', $2) RETURNING id`,
          [ids.C1, JSON.stringify(settings)],
        )
      )[0].id as number;
    const none = await insert({});
    const monthly = await insert({ progress: { bulletinCadence: 'quarterly', statusBandPct: 5 } });
    const set = await insert({ progress: { reportCadence: 'weekly' } });
    const qr = api.ds.createQueryRunner();
    try {
      await new ReportCadence1764001260000().up(qr);
    } finally {
      await qr.release();
    }
    const rows: { id: number; settings: { progress: object } }[] = await api.ds.query(`SELECT id, settings FROM campaign WHERE id = ANY($1) ORDER BY id`, [
      [none, monthly, set],
    ]);
    expect(rows.map((r) => r.settings.progress)).toEqual([
      // no bulletin cadence: the old default, fortnightly bulletins
      { reportCadence: 'biweekly' },
      { bulletinCadence: 'quarterly', statusBandPct: 5, reportCadence: 'monthly' },
      { reportCadence: 'weekly' },
    ]);
  });
});
