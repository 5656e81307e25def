import { DeadlinesService } from '#campaigns';
import { loginAs, Logins } from '../helpers/api-client';
import { makeCampaign, makeSmallCity, makeUnit, makeUser, unitId } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

/**
 * Issue 16 point 1: member departments' duties. C1's 2026 campaign; A1 公安局 (user pol) and A2 税务局 (user tax),
 * both agencies under C1. Today is 1 Mar 2026, 10:00 China. Reminders 7, 3 and 1 days before at 09:00 China
 * (01:00 UTC), overdue at 00:00 China the day after the due date (the campaign's default settings).
 *   A1 population, monthly on the 31st: due 31 Mar; reminders 24, 28, 30 Mar.
 *   A2 taxed_uninsured, quarterly on the 10th: due 10 Mar (then 10 Jun).
 *   A2 land_farmers, once on 27 Feb: given late, so due and overdue at once (overdue 28 Feb 00:00 China).
 */
describe('member departments: duties, deliveries, reminders and overdue', () => {
  let env: TestEnv;
  let api: TestApi;
  let logins: Logins;
  let campaignId: number;
  const ids: Record<string, number> = {};
  const duty: Record<string, number> = {};

  /** How many notices with a dedupe key like this were handed to the notice outbox. */
  const noticesLike = async (like: string): Promise<number> =>
    (
      await api.ds.query(
        `SELECT count(*)::int AS n FROM outbox o, jsonb_array_elements(o.payload->'notices') x WHERE o.job_name = 'notices.create' AND x->>'dedupeKey' LIKE $1`,
        [like],
      )
    )[0].n;
  const reconcileTwice = async () => {
    const d = api.app.get(DeadlinesService);
    await Promise.all([d.reconcile(), d.reconcile()]);
    await d.reconcile();
  };

  beforeAll(async () => {
    env = await createTestEnv();
    env.clock.set('2026-03-01T02:00:00Z');
    api = await startApi(env);
    await makeSmallCity(api.ds);
    await api.ds.query(`UPDATE org_unit SET name = '公安局' WHERE code = 'A1'`);
    await makeUnit(api.ds, 'A2', 'agency', 'C1', '税务局');
    ids.pol = await makeUser(api.ds, 'pol', 'A1', ['department']);
    ids.tax = await makeUser(api.ds, 'tax', 'A2', ['department']);
    ids.office = (await api.ds.query(`SELECT id FROM app_user WHERE username = 'office'`))[0].id;
    for (const c of ['A1', 'A2', 'V1']) ids[c] = await unitId(api.ds, c);
    campaignId = (await makeCampaign(api.ds)).campaignId;
    logins = await loginAs(api, ['office', 'pol', 'tax', 'v1mgr']);
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  const give = (body: object) => logins.as('office').post(`/api/campaigns/${campaignId}/duties`).send(body);

  it('lists the catalogue with Chinese labels', async () => {
    const res = await logins.as('tax').get('/api/duty-catalogue').expect(200);
    expect(res.body.find((x: { code: string }) => x.code === 'taxed_uninsured')).toEqual({
      code: 'taxed_uninsured',
      label: '已纳税未参保用人单位信息',
      department: '税务局',
      dataKind: 'employer',
    });
    expect(res.body.map((x: { code: string }) => x.code)).toEqual(
      expect.arrayContaining([
        'population',
        'low_income',
        'destitute',
        'deaths',
        'students_18',
        'new_businesses',
        'deregistered_businesses',
        'fund_uninsured',
        'land_farmers',
      ]),
    );
  });

  it('refuses bad input with a 400 naming each field in Chinese, and a unit that is not a member department', async () => {
    const bad = await give({ orgUnitId: ids.A1, code: 'weather', cadence: 'monthly', dueDay: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual([
      { field: 'code', message: '不是职责目录中的数据项' },
      { field: 'dueDay', message: '报送日须在 1–31 之间' },
    ]);
    const once = await give({ orgUnitId: ids.A1, code: 'population', cadence: 'once', dueOn: '2026-02-30' });
    expect(once.status).toBe(400);
    expect(once.body.fields).toEqual([{ field: 'dueOn', message: '一次性报送须填报送截止日期，格式 YYYY-MM-DD' }]);
    const village = await give({ orgUnitId: ids.V1, code: 'population', cadence: 'monthly', dueDay: 10 });
    expect(village.status).toBe(400);
    expect(village.body.fields).toEqual([{ field: 'orgUnitId', message: '须为本扩面任务所在单位下在用的成员单位（部门）' }]);
    // a department cannot give itself duties
    expect(
      (await logins.as('tax').post(`/api/campaigns/${campaignId}/duties`).send({ orgUnitId: ids.A2, code: 'population', cadence: 'monthly', dueDay: 10 }))
        .status,
    ).toBe(403);
    expect(await api.ds.query(`SELECT id FROM campaign_duty`)).toEqual([]);
  });

  it('gives duties with their next due date: month end, quarter, and a once duty given late is overdue at once', async () => {
    const pop = await give({ orgUnitId: ids.A1, code: 'population', cadence: 'monthly', dueDay: 31 });
    expect(pop.status).toBe(201);
    duty.pop = pop.body.id;
    expect(pop.body).toMatchObject({ departmentName: '公安局', label: '全市人口基本信息', nextDue: '2026-03-31', lastDueDelivered: null, overdue: false });
    duty.tax = (await give({ orgUnitId: ids.A2, code: 'taxed_uninsured', cadence: 'quarterly', dueDay: 10 }).expect(201)).body.id;
    const land = await give({ orgUnitId: ids.A2, code: 'land_farmers', cadence: 'once', dueOn: '2026-02-27', note: '补报' }).expect(201);
    duty.land = land.body.id;
    expect(land.body).toMatchObject({ nextDue: '2026-02-27', overdue: true, note: '补报' });
    expect((await give({ orgUnitId: ids.A1, code: 'population', cadence: 'once', dueOn: '2026-05-01' })).status).toBe(409);
    // reminders 7/3/1 days before 31 Mar at 09:00 China (3 days before is Saturday 28 Mar: Friday 27 Mar), overdue at 1 Apr 00:00 China
    expect(await api.ds.query(`SELECT kind, key, due_at FROM task_deadline_event WHERE duty_id = $1 ORDER BY due_at`, [duty.pop])).toEqual([
      { kind: 'reminder', key: 'reminder-deadline-2026-03-31-7-v1', due_at: new Date('2026-03-24T01:00:00Z') },
      { kind: 'reminder', key: 'reminder-deadline-2026-03-31-3-v1', due_at: new Date('2026-03-27T01:00:00Z') },
      { kind: 'reminder', key: 'reminder-deadline-2026-03-31-1-v1', due_at: new Date('2026-03-30T01:00:00Z') },
      { kind: 'overdue', key: 'overdue-2026-03-31-v1', due_at: new Date('2026-03-31T16:00:00Z') },
    ]);
  });

  it('shows the office every department, a department its own only, and a village nothing', async () => {
    const all = await logins.as('office').get(`/api/campaigns/${campaignId}/duties?page=1&pageSize=2`).expect(200);
    expect(all.body.total).toBe(3);
    expect(all.body.items.map((d: { departmentName: string; code: string }) => `${d.departmentName} ${d.code}`)).toEqual([
      '公安局 population',
      '税务局 land_farmers',
    ]);
    const mine = await logins.as('tax').get(`/api/campaigns/${campaignId}/duties`).expect(200);
    expect(mine.body.items.map((d: { id: number }) => d.id)).toEqual([duty.land, duty.tax]);
    expect((await logins.as('pol').get(`/api/campaigns/${campaignId}/duties`).expect(200)).body.items.map((d: { id: number }) => d.id)).toEqual([duty.pop]);
    expect((await logins.as('v1mgr').get(`/api/campaigns/${campaignId}/duties`).expect(200)).body).toEqual({ items: [], total: 0, page: 1, pageSize: 50 });
    // another department's duty: refused, and nothing recorded
    expect((await logins.as('pol').post(`/api/duties/${duty.tax}/deliveries`).send({ deliveredOn: '2026-03-01' })).status).toBe(403);
    expect((await logins.as('pol').post(`/api/duties/999999/deliveries`).send({ deliveredOn: '2026-03-01' })).status).toBe(404);
    expect(await api.ds.query(`SELECT id FROM campaign_duty_delivery`)).toEqual([]);
  });

  it('records a delivery of the due date waited on, then waits on the next; refuses a date after today and a foreign upload', async () => {
    const future = await logins.as('tax').post(`/api/duties/${duty.tax}/deliveries`).send({ deliveredOn: '2026-03-02' });
    expect(future.status).toBe(400);
    expect(future.body.fields).toEqual([{ field: 'deliveredOn', message: '报送日期不能晚于今天（2026-03-01）' }]);
    const upload = await logins.as('tax').post(`/api/duties/${duty.tax}/deliveries`).send({ deliveredOn: '2026-03-01', importId: 999 });
    expect(upload.status).toBe(400);
    expect(upload.body.fields).toEqual([{ field: 'importId', message: '须为本部门在本扩面任务中的上传记录' }]);
    const res = await logins.as('tax').post(`/api/duties/${duty.tax}/deliveries`).send({ deliveredOn: '2026-03-01', note: '第一季度名单' }).expect(200);
    expect(res.body).toMatchObject({ nextDue: '2026-06-10', lastDueDelivered: '2026-03-10', lastDeliveredOn: '2026-03-01', overdue: false });
    // the 10 Mar reminders are cancelled, the 10 Jun ones planned
    expect(await api.ds.query(`SELECT key FROM task_deadline_event WHERE duty_id = $1 AND cancelled_at IS NULL ORDER BY due_at`, [duty.tax])).toEqual([
      { key: 'reminder-deadline-2026-06-10-7-v1' },
      { key: 'reminder-deadline-2026-06-10-3-v1' },
      { key: 'reminder-deadline-2026-06-10-1-v1' },
      { key: 'overdue-2026-06-10-v1' },
    ]);
  });

  it('sends the overdue notice of a due date once, to the department and the office', async () => {
    await reconcileTwice();
    expect(await noticesLike(`duty-${duty.land}-overdue-2026-02-27-u%`)).toBe(2);
    expect(await noticesLike(`duty-${duty.land}-overdue-2026-02-27-u${ids.tax}`)).toBe(1);
    expect(await noticesLike(`duty-${duty.land}-overdue-2026-02-27-u${ids.office}`)).toBe(1);
    const [n] = await api.ds.query(`SELECT x->>'subject' AS subject FROM outbox o, jsonb_array_elements(o.payload->'notices') x WHERE x->>'dedupeKey' = $1`, [
      `duty-${duty.land}-overdue-2026-02-27-u${ids.tax}`,
    ]);
    expect(n.subject).toBe('报送逾期：税务局 被征地农民名单（截止 2026-02-27）');
    const land = (await logins.as('office').get(`/api/campaigns/${campaignId}/duties`).expect(200)).body.items.find((d: { id: number }) => d.id === duty.land);
    expect(land).toMatchObject({ nextDue: '2026-02-27', overdue: true, lastDeliveredOn: null });
  });

  it('sends a reminder once; a delivery spares the later reminders and the overdue notice; the next due is 30 April', async () => {
    env.clock.set('2026-03-24T01:00:30Z');
    await reconcileTwice();
    expect(await noticesLike(`duty-${duty.pop}-2026-03-31-%`)).toBe(1);
    expect(await noticesLike(`duty-${duty.pop}-2026-03-31-7-u${ids.pol}`)).toBe(1);
    // no date given: today (24 Mar, China)
    const res = await logins.as('pol').post(`/api/duties/${duty.pop}/deliveries`).send({}).expect(200);
    expect(res.body).toMatchObject({ nextDue: '2026-04-30', lastDueDelivered: '2026-03-31', lastDeliveredOn: '2026-03-24', overdue: false });
    env.clock.set('2026-04-01T01:00:00Z');
    await reconcileTwice();
    expect(await noticesLike(`duty-${duty.pop}-%`)).toBe(1);
    const pop = (await logins.as('pol').get(`/api/campaigns/${campaignId}/duties`).expect(200)).body.items[0];
    expect(pop).toMatchObject({ nextDue: '2026-04-30', overdue: false });
  });
  it("changes a duty's schedule: the pending reminders of the old due date are cancelled, the new one's planned; a department cannot", async () => {
    // today 1 Apr; population was delivered for 31 Mar: monthly on the 20th now waits on 20 Apr
    expect((await logins.as('pol').put(`/api/duties/${duty.pop}`).send({ cadence: 'monthly', dueDay: 20 })).status).toBe(403);
    const bad = await logins.as('office').put(`/api/duties/${duty.pop}`).send({ cadence: 'once' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['dueOn']);
    const res = await logins.as('office').put(`/api/duties/${duty.pop}`).send({ cadence: 'monthly', dueDay: 20, note: '改为每月20日' }).expect(200);
    expect(res.body).toMatchObject({ cadence: 'monthly', dueDay: 20, nextDue: '2026-04-20', note: '改为每月20日', overdue: false });
    expect(
      await api.ds.query(`SELECT key, due_at FROM task_deadline_event WHERE duty_id = $1 AND done_at IS NULL AND cancelled_at IS NULL ORDER BY due_at`, [
        duty.pop,
      ]),
    ).toEqual([
      { key: 'reminder-deadline-2026-04-20-7-v1', due_at: new Date('2026-04-13T01:00:00Z') },
      // the 1-day reminder's Sunday 19 April moves to Friday 17 April, the 3-day one's day: one reminder (issue 20)
      { key: 'reminder-deadline-2026-04-20-3-v1', due_at: new Date('2026-04-17T01:00:00Z') },
      { key: 'overdue-2026-04-20-v1', due_at: new Date('2026-04-20T16:00:00Z') },
    ]);
  });

  it('removes a duty with its deliveries and reminders; the office only', async () => {
    expect((await logins.as('tax').delete(`/api/duties/${duty.land}`)).status).toBe(403);
    await logins.as('office').delete(`/api/duties/${duty.land}`).expect(204);
    expect((await logins.as('office').get(`/api/campaigns/${campaignId}/duties`).expect(200)).body.total).toBe(2);
    expect(await api.ds.query(`SELECT id FROM task_deadline_event WHERE duty_id = $1`, [duty.land])).toEqual([]);
    expect((await logins.as('office').delete(`/api/duties/${duty.land}`)).status).toBe(404);
  });

  it('audits every duty given, changed, removed and delivered, under the department', async () => {
    const rows: { action: string; entity_id: string; org_unit_path: string; actor_username: string }[] = await api.ds.query(
      `SELECT action, entity_id, org_unit_path, actor_username FROM audit_log WHERE entity = 'campaign_duty' ORDER BY id`,
    );
    const [a1, a2] = (await api.ds.query(`SELECT path FROM org_unit WHERE code IN ('A1', 'A2') ORDER BY code`)).map((r: { path: string }) => r.path);
    expect(rows.map((r) => [r.action, Number(r.entity_id), r.org_unit_path, r.actor_username])).toEqual([
      ['duty.create', duty.pop, a1, 'office'],
      ['duty.create', duty.tax, a2, 'office'],
      ['duty.create', duty.land, a2, 'office'],
      ['duty.deliver', duty.tax, a2, 'tax'],
      ['duty.deliver', duty.pop, a1, 'pol'],
      ['duty.update', duty.pop, a1, 'office'],
      ['duty.delete', duty.land, a2, 'office'],
    ]);
  });
});
