import { DataSource } from 'typeorm';
import { loginAs, Logins } from '../helpers/api-client';
import { makeCampaign, makeSmallCity, makeUnit, makeUser, unitId } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

/** An employer of the campaign in a village, with `refusals` refused visits in early August (and one more on `lateRefusal`). */
async function makeRefuser(ds: DataSource, campaignId: number, unit: string, name: string, uninsured: number, refusals: number, cadreId: number) {
  const [row] = await ds.query(
    `INSERT INTO registry_employer (campaign_id, org_unit_id, org_unit_path, uscc, name, address, uninsured_count, staff_count, cadre_id)
     SELECT $1, id, path, $2, $3, $4, $5, $5, $6 FROM org_unit WHERE code = $7 RETURNING id::int`,
    [campaignId, `USCC-${name}`, name, `${name}路 1 号`, uninsured, cadreId, unit],
  );
  for (let i = 0; i < refusals; i++) await refuse(ds, row.id, `2026-08-0${i + 1}T02:00:00Z`, cadreId);
  return row.id as number;
}

async function refuse(ds: DataSource, employerId: number, at: string, visitorId: number): Promise<void> {
  await ds.query(
    `INSERT INTO registry_visit (campaign_id, employer_id, org_unit_path, visitor_id, visited_at, method, outcome)
     SELECT campaign_id, id, org_unit_path, $2, $3, 'door_to_door', 'refused' FROM registry_employer WHERE id = $1`,
    [employerId, visitorId, at],
  );
}

const names = (body: { items: { name?: string; employerName?: string }[] }) => body.items.map((r) => r.name ?? r.employerName);

/**
 * The enforcement lists page, filter and sort on the server, each within what the caller may see:
 * D1 (T1: V1, V2) and D2 (V3); the list of 10 September holds 乙 丙 丁 (D1) and 戊 己 (D2), 己 taken off at review,
 * and goes to labour inspection and audit; the list of 20 September holds 庚 (D1, third refusal on 15 Sept) and 己.
 */
describe('enforcement lists: server-side sorting, filters and scope', () => {
  let env: TestEnv;
  let api: TestApi;
  let ds: DataSource;
  let logins: Logins;
  let campaignId: number;
  let list10: number;
  let list20: number;
  let inspectId: number;
  let auditId: number;
  const users: Record<string, number> = {};
  const runs: Record<string, number> = {};

  beforeAll(async () => {
    env = await createTestEnv();
    env.clock.set('2026-09-11T01:00:00Z');
    api = await startApi(env);
    ds = api.ds;
    await makeSmallCity(ds);
    inspectId = (await makeUnit(ds, 'DEP-INSPECT', 'agency', 'C1', '劳动保障监察支队')).id;
    auditId = (await makeUnit(ds, 'DEP-AUDIT', 'agency', 'C1', '社会保险稽核中心')).id;
    await makeUser(ds, 'insp_mgr', 'DEP-INSPECT', ['department', 'unit_manager']);
    users.insp1 = await makeUser(ds, 'insp1', 'DEP-INSPECT', ['inspector']);
    users.insp2 = await makeUser(ds, 'insp2', 'DEP-INSPECT', ['inspector']);
    await makeUser(ds, 'audit_mgr', 'DEP-AUDIT', ['department', 'unit_manager']);
    await makeUser(ds, 'auditor', 'DEP-AUDIT', ['inspector']);
    await makeUser(ds, 'd2mgr', 'D2', ['unit_manager']);
    await makeUser(ds, 'leader', 'C1', ['leader']);
    const [{ id: cadre }] = await ds.query(`SELECT id FROM app_user WHERE username = 'v1cadre'`);
    logins = await loginAs(api, ['office', 'd1mgr', 'd2mgr', 'insp_mgr', 'insp1', 'insp2', 'audit_mgr', 'leader']);
    campaignId = (await makeCampaign(ds, { settings: { escalationWindow: { from: '09-01', to: '11-30' }, escalationTime: '17:00', refusalThreshold: 3 } }))
      .campaignId;
    await makeRefuser(ds, campaignId, 'V1', '乙公司', 30, 3, cadre);
    await makeRefuser(ds, campaignId, 'V2', '丙公司', 8, 3, cadre);
    await makeRefuser(ds, campaignId, 'V1', '丁公司', 12, 4, cadre);
    await makeRefuser(ds, campaignId, 'V3', '戊公司', 55, 3, cadre);
    await makeRefuser(ds, campaignId, 'V3', '己公司', 6, 3, cadre);
    const geng = await makeRefuser(ds, campaignId, 'V2', '庚公司', 20, 2, cadre);

    const office = logins.as('office');
    await office.post('/api/cutoff-runs').send({ campaignId, cutoffDate: '2026-09-10' }).expect(200);
    list10 = (await office.post('/api/inspection-lists').send({ campaignId, cutoffDate: '2026-09-10' }).expect(200)).body.id;
    const all = await office.get(`/api/inspection-lists/${list10}/entries`).expect(200);
    const ji = all.body.items.find((e: { name: string }) => e.name === '己公司');
    await office.post(`/api/inspection-lists/${list10}/entries/${ji.id}/remove`).send({ reason: '已承诺本月参保' }).expect(200);
    await office
      .post(`/api/inspection-lists/${list10}/dispatch`)
      .send({ departmentIds: [inspectId, auditId] })
      .expect(200);

    await refuse(ds, geng, '2026-09-15T02:00:00Z', cadre);
    env.clock.set('2026-09-21T01:00:00Z');
    await office.post('/api/cutoff-runs').send({ campaignId, cutoffDate: '2026-09-20' }).expect(200);
    list20 = (await office.post('/api/inspection-lists').send({ campaignId, cutoffDate: '2026-09-20' }).expect(200)).body.id;
    for (const r of await ds.query(`SELECT r.id::int, to_char(r.cutoff_date, 'DD') AS day, u.code FROM cutoff_run r JOIN org_unit u ON u.id = r.district_id`))
      runs[`${r.code}-${r.day}`] = r.id;
  });

  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  describe('cutoff runs', () => {
    const runList = async (user: string, query: string) => {
      const res = await logins.as(user).get(`/api/cutoff-runs?campaignId=${campaignId}&${query}`);
      expect(res.status).toBe(200);
      return (res.body.items as { districtName: string; cutoffDate: string; entryCount: number }[]).map(
        (r) => `${r.cutoffDate} ${r.districtName} ${r.entryCount}`,
      );
    };

    it('sort by entry count, ties in the default order (newest cutoff, then district)', async () => {
      // 10 Sept: D1 乙丙丁 = 3, D2 戊己 = 2; 20 Sept: D1 庚 = 1, D2 己 = 1
      expect(await runList('office', '')).toEqual(['2026-09-20 单位D1 1', '2026-09-20 单位D2 1', '2026-09-10 单位D1 3', '2026-09-10 单位D2 2']);
      expect(await runList('office', 'sort=entryCount&order=asc')).toEqual([
        '2026-09-20 单位D1 1',
        '2026-09-20 单位D2 1',
        '2026-09-10 单位D2 2',
        '2026-09-10 单位D1 3',
      ]);
      expect(await runList('office', 'sort=cutoffDate&order=asc&pageSize=1&page=2')).toEqual(['2026-09-10 单位D2 2']);
      // a district sees its own runs only, in the order asked
      expect(await runList('d1mgr', 'sort=entryCount&order=desc')).toEqual(['2026-09-10 单位D1 3', '2026-09-20 单位D1 1']);
    });

    it("pages and sorts a run's frozen entries on the server, for the run's district only", async () => {
      const entries = async (user: string, id: number, query = '') => logins.as(user).get(`/api/cutoff-runs/${id}/entries?${query}`);
      // default most refusals first: 丁 4, then 乙 3 and 丙 3 by employer
      const first = await entries('d1mgr', runs['D1-10'], 'pageSize=2');
      expect([first.body.total, names(first.body)]).toEqual([3, ['丁公司', '乙公司']]);
      expect(names((await entries('d1mgr', runs['D1-10'], 'pageSize=2&page=2')).body)).toEqual(['丙公司']);
      expect(names((await entries('office', runs['D1-10'], 'sort=uninsuredCount&order=asc')).body)).toEqual(['丙公司', '丁公司', '乙公司']);
      expect((await entries('d2mgr', runs['D1-10'])).status).toBe(403);
      expect((await logins.as('d1mgr').get(`/api/cutoff-runs/${runs['D1-10']}`)).body).not.toHaveProperty('entries');
    });

    it('refuses an unknown sort key or order with 400 naming the field', async () => {
      const bad = await logins.as('office').get(`/api/cutoff-runs?campaignId=${campaignId}&sort=districtPath`);
      expect([bad.status, bad.body.fields?.[0]?.field]).toEqual([400, 'sort']);
      const order = await logins.as('office').get(`/api/cutoff-runs/${runs['D1-10']}/entries?sort=name&order=up`);
      expect([order.status, order.body.fields?.[0]?.field]).toEqual([400, 'order']);
    });
  });

  it('sorts the escalation candidates on the server', async () => {
    // now: 己 (taken off the list, in no case) and 庚 (on the 20 Sept list, not dispatched)
    const get = (q: string) => logins.as('office').get(`/api/escalation-candidates?campaignId=${campaignId}&${q}`);
    expect(names((await get('sort=uninsuredCount&order=asc')).body)).toEqual(['己公司', '庚公司']);
    expect(names((await get('sort=uninsuredCount&order=desc')).body)).toEqual(['庚公司', '己公司']);
    expect((await get('sort=employerName')).status).toBe(400);
  });

  describe('key-inspection lists and their entries', () => {
    const entries = async (user: string, query: string, id = list10) => {
      const res = await logins.as(user).get(`/api/inspection-lists/${id}/entries?${query}`);
      expect(res.status).toBe(200);
      return { total: res.body.total as number, names: names(res.body) };
    };

    it('filters lists by round and sorts them, each caller seeing their own', async () => {
      const get = async (user: string, q: string) =>
        ((await logins.as(user).get(`/api/inspection-lists?campaignId=${campaignId}&${q}`)).body.items as { cutoffDate: string }[]).map((l) => l.cutoffDate);
      expect(await get('office', '')).toEqual(['2026-09-20', '2026-09-10']);
      expect(await get('office', 'round=10')).toEqual(['2026-09-10']);
      expect(await get('office', 'round=20')).toEqual(['2026-09-20']);
      expect(await get('office', 'round=30')).toEqual([]);
      // 10 Sept keeps 4, 20 Sept 2
      expect(await get('office', 'sort=entryCount&order=desc')).toEqual(['2026-09-10', '2026-09-20']);
      // labour inspection has only the list sent to it
      expect(await get('insp_mgr', '')).toEqual(['2026-09-10']);
      expect((await logins.as('office').get(`/api/inspection-lists?round=15`)).status).toBe(400);
    });

    it('says who may review and dispatch a list: the office while it is compiled, as the routes decide', async () => {
      const can = async (user: string) =>
        ((await logins.as(user).get(`/api/inspection-lists?campaignId=${campaignId}`).expect(200)).body.items as { cutoffDate: string; can: object }[]).map(
          (l) => [l.cutoffDate, l.can],
        );
      expect(await can('office')).toEqual([
        ['2026-09-20', { review: true }],
        ['2026-09-10', { review: false }], // dispatched
      ]);
      expect(await can('leader')).toEqual([
        ['2026-09-20', { review: false }],
        ['2026-09-10', { review: false }],
      ]);
      expect(await can('insp_mgr')).toEqual([['2026-09-10', { review: false }]]);
      expect((await logins.as('office').get(`/api/inspection-lists/${list20}`).expect(200)).body.can).toEqual({ review: true });
      expect((await logins.as('leader').get(`/api/inspection-lists/${list20}`).expect(200)).body.can).toEqual({ review: false });
      // the leader's refusal is the API's: dispatching is a 403
      expect(
        (
          await logins
            .as('leader')
            .post(`/api/inspection-lists/${list20}/dispatch`)
            .send({ departmentIds: [inspectId] })
        ).status,
      ).toBe(403);
    });

    it('filters entries by kept or removed, unit, name or USCC and round, and sorts them', async () => {
      // default: by district, most uninsured first; the removed entry too
      expect(await entries('office', '')).toEqual({ total: 5, names: ['乙公司', '丁公司', '丙公司', '戊公司', '己公司'] });
      expect(await entries('office', 'status=removed')).toEqual({ total: 1, names: ['己公司'] });
      expect(await entries('office', 'status=kept&pageSize=3')).toEqual({ total: 4, names: ['乙公司', '丁公司', '丙公司'] });
      expect(await entries('office', `unitId=${await unitId(ds, 'V1')}`)).toEqual({ total: 2, names: ['乙公司', '丁公司'] });
      expect(await entries('office', `unitId=${await unitId(ds, 'D2')}&status=kept`)).toEqual({ total: 1, names: ['戊公司'] });
      expect(await entries('office', `q=${encodeURIComponent('丁')}`)).toEqual({ total: 1, names: ['丁公司'] });
      expect(await entries('office', `q=${encodeURIComponent('uscc-戊')}`)).toEqual({ total: 1, names: ['戊公司'] });
      expect(await entries('office', 'round=10')).toMatchObject({ total: 5 });
      expect(await entries('office', 'round=20')).toEqual({ total: 0, names: [] });
      expect(await entries('office', 'round=20', list20)).toEqual({ total: 2, names: ['庚公司', '己公司'] });
      expect(await entries('office', 'sort=uninsuredCount&order=asc')).toEqual({ total: 5, names: ['己公司', '丙公司', '丁公司', '乙公司', '戊公司'] });
      expect(await entries('office', 'sort=refusalCount&order=desc&status=kept&pageSize=1')).toEqual({ total: 4, names: ['丁公司'] });
    });

    it('lets a department the list was sent to filter by any unit, and no one else read it', async () => {
      expect(await entries('insp_mgr', `unitId=${await unitId(ds, 'T1')}`)).toEqual({ total: 3, names: ['乙公司', '丁公司', '丙公司'] });
      expect((await logins.as('insp_mgr').get(`/api/inspection-lists/${list10}/entries?unitId=987654`)).status).toBe(404);
      expect((await logins.as('insp_mgr').get(`/api/inspection-lists/${list20}/entries`)).status).toBe(403);
      expect((await logins.as('d1mgr').get(`/api/inspection-lists/${list10}/entries`)).status).toBe(403);
    });

    it('refuses bad filters with 400 naming the field', async () => {
      for (const [q, field] of [
        ['status=gone', 'status'],
        ['round=15', 'round'],
        ['unitId=abc', 'unitId'],
        ['sort=uscc', 'sort'],
        [`q=${'x'.repeat(101)}`, 'q'],
      ]) {
        const res = await logins.as('office').get(`/api/inspection-lists/${list10}/entries?${q}`);
        expect([q, res.status, res.body.fields?.[0]?.field]).toEqual([q, 400, field]);
      }
    });
  });

  describe('inspection cases', () => {
    const cases = async (user: string, query: string) => {
      const res = await logins.as(user).get(`/api/inspection-cases?${query}`);
      expect(res.status).toBe(200);
      return { total: res.body.total as number, names: names(res.body) };
    };
    const caseOf = async (employer: string, department: number): Promise<number> =>
      (
        await ds.query(`SELECT c.id::int FROM inspection_case c JOIN registry_employer e ON e.id = c.employer_id WHERE e.name = $1 AND c.department_id = $2`, [
          employer,
          department,
        ])
      )[0].id;

    it('assigns one case by hand, then the rest of the dispatched list evenly', async () => {
      await logins
        .as('insp_mgr')
        .post(`/api/inspection-cases/${await caseOf('丁公司', inspectId)}/assign`)
        .send({ inspectorId: users.insp1 })
        .expect(200);
      const wrongList = await logins.as('insp_mgr').post('/api/inspection-cases/assign-evenly').send({ departmentId: inspectId, listId: list20 });
      expect([wrongList.status, wrongList.body.fields?.[0]?.field]).toEqual([400, 'listId']);
      expect((await logins.as('insp_mgr').post('/api/inspection-cases/assign-evenly').send({ departmentId: inspectId, listId: 987654 })).status).toBe(404);
      // 乙 丙 戊 unassigned, insp1 holds 丁: 乙 → insp2, 丙 → insp1 (tie, lower id), 戊 → insp2
      const even = await logins.as('insp_mgr').post('/api/inspection-cases/assign-evenly').send({ departmentId: inspectId, listId: list10 });
      expect(even.body).toEqual({
        assigned: 3,
        loads: [
          { inspectorId: users.insp1, name: 'insp1', openCases: 2 },
          { inspectorId: users.insp2, name: 'insp2', openCases: 2 },
        ],
      });
      expect(await cases('insp_mgr', `assigneeId=${users.insp1}`)).toEqual({ total: 2, names: ['丙公司', '丁公司'] });
      expect(await cases('insp_mgr', 'unassigned=true')).toEqual({ total: 0, names: [] });
      expect(await cases('audit_mgr', 'unassigned=true')).toMatchObject({ total: 4 });
    });

    it('filters by campaign, status, overdue and due date within what the caller sees, and marks overdue rows', async () => {
      // 丙: rectification ordered by 25 Sept; the others are due 30 days after dispatch on 11 Sept (11 Oct)
      await logins
        .as('insp1')
        .post(`/api/inspection-cases/${await caseOf('丙公司', inspectId)}/outcomes`)
        .send({ kind: 'rectification_ordered', deadline: '2026-09-25' })
        .expect(200);
      const other = (await makeCampaign(ds, { name: '另一任务' })).campaignId;
      expect(await cases('office', `campaignId=${campaignId}`)).toMatchObject({ total: 8 });
      expect(await cases('office', `campaignId=${other}`)).toEqual({ total: 0, names: [] });
      expect(await cases('insp_mgr', `campaignId=${campaignId}&status=open`)).toMatchObject({ total: 4 });
      expect(await cases('insp_mgr', 'status=closed')).toEqual({ total: 0, names: [] });
      expect(await cases('insp_mgr', `listId=${list10}&dueBefore=2026-09-30`)).toEqual({ total: 1, names: ['丙公司'] });

      env.clock.set('2026-09-25T15:59:59Z'); // 23:59:59 on 25 Sept in China: still in time
      expect(await cases('office', 'overdue=true')).toEqual({ total: 0, names: [] });
      env.clock.set('2026-09-25T16:00:00Z'); // 26 Sept in China
      expect(await cases('office', 'overdue=true')).toEqual({ total: 1, names: ['丙公司'] });
      const page = await logins.as('insp_mgr').get('/api/inspection-cases?sort=dueDate&order=asc');
      expect(page.body.items.map((c: { employerName: string; overdue: boolean }) => [c.employerName, c.overdue])).toEqual([
        ['丙公司', true],
        ['乙公司', false],
        ['丁公司', false],
        ['戊公司', false],
      ]);
      expect((await logins.as('insp_mgr').get(`/api/inspection-cases/${await caseOf('丙公司', inspectId)}`)).body.overdue).toBe(true);
      // D1 sees the cases of its employers (乙 丙 丁) at both departments
      expect(await cases('d1mgr', '')).toMatchObject({ total: 6 });
      expect(await cases('d1mgr', `departmentId=${auditId}&sort=uninsuredCount&order=desc`)).toEqual({ total: 3, names: ['乙公司', '丁公司', '丙公司'] });
      expect(await cases('d2mgr', 'overdue=true')).toEqual({ total: 0, names: [] });
      // an inspector of another department sees none of labour inspection's, whatever the filter
      expect(await cases('audit_mgr', `departmentId=${inspectId}`)).toEqual({ total: 0, names: [] });
      expect(await cases('insp_mgr', `q=${encodeURIComponent('USCC-乙')}`)).toEqual({ total: 1, names: ['乙公司'] });
      expect(await cases('insp_mgr', 'sort=assigneeName&order=asc&pageSize=2')).toEqual({ total: 4, names: ['丙公司', '丁公司'] });
    });

    it("sorts an inspector's checklist on the server", async () => {
      const list = async (q: string) => names((await logins.as('insp1').get(`/api/inspection-checklist?${q}`)).body);
      expect(await list('')).toEqual(['丙公司', '丁公司']); // by due date: 25 Sept, 11 Oct
      expect(await list('sort=uninsuredCount&order=desc')).toEqual(['丁公司', '丙公司']);
      expect((await logins.as('insp1').get('/api/inspection-checklist?sort=assigneeName')).status).toBe(400);
    });

    it('refuses bad case filters with 400 naming the field', async () => {
      for (const [q, field] of [
        ['overdue=maybe', 'overdue'],
        ['unassigned=2', 'unassigned'],
        ['dueBefore=2026-02-30', 'dueBefore'],
        ['campaignId=-1', 'campaignId'],
        ['listId=x', 'listId'],
        ['sort=districtName', 'sort'],
      ]) {
        const res = await logins.as('insp_mgr').get(`/api/inspection-cases?${q}`);
        expect([q, res.status, res.body.fields?.[0]?.field]).toEqual([q, 400, field]);
      }
    });
  });
});
