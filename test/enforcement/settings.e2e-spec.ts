import { EnforcementJobs } from '#enforcement';
import { INestApplicationContext } from '@nestjs/common';
import { loginAs, Logins } from '../helpers/api-client';
import { makeSmallCity, makeUnit, makeUser, unitId } from '../helpers/factories';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv } from '../helpers/test-app';

/**
 * Issue 12 point 6: the escalation and inspection settings set through PUT /api/campaigns/:id/settings
 * are the ones enforcement uses. Before, rectificationDays, caseDueDays and rectificationReminderDays
 * were refused (400 "should not exist") and a campaign always ran on 30 / 15 / 3 days.
 */
describe('enforcement runs on the settings set through the API', () => {
  let env: TestEnv;
  let api: TestApi;
  let worker: INestApplicationContext;
  let campaignId: number;
  let inspectId: number;
  let logins: Logins;
  const userId = async (username: string): Promise<number> => (await api.ds.query(`SELECT id FROM app_user WHERE username = $1`, [username]))[0].id;

  beforeAll(async () => {
    env = await createTestEnv();
    env.clock.set('2026-10-01T02:00:00Z');
    api = await startApi(env);
    await makeSmallCity(api.ds);
    await makeUnit(api.ds, 'DEP-INSPECT', 'agency', 'C1', '劳动保障监察支队');
    inspectId = await unitId(api.ds, 'DEP-INSPECT');
    await makeUser(api.ds, 'insp_mgr', 'DEP-INSPECT', ['department', 'unit_manager']);
    await makeUser(api.ds, 'insp1', 'DEP-INSPECT', ['inspector']);
    logins = await loginAs(api, ['office', 'insp_mgr', 'insp1']);
    const created = await logins
      .as('office')
      .post('/api/campaigns')
      .send({
        name: '2026 扩面征缴',
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        indicators: [{ code: 'EP', name: '企业职工养老保险新增参保', unit: 'person', kind: 'count', insuranceType: 'employee_pension', target: 100 }],
      })
      .expect(201);
    campaignId = created.body.id;
    await logins.as('office').post(`/api/campaigns/${campaignId}/activate`).send({}).expect(200);
    await logins
      .as('office')
      .put(`/api/campaigns/${campaignId}/settings`)
      .send({
        escalation: { windows: [{ from: '2026-10-01', to: '2026-10-31' }], time: '16:00', refusalThreshold: 2 },
        inspection: { rectificationDays: 10, rectificationReminderDays: 2, caseDueDays: 20 },
      })
      .expect(200);
    // one employer in V1 refused twice in September: a candidate at 2 refusals (the default 3 would not list it)
    const [e] = await api.ds.query(
      `INSERT INTO registry_employer (campaign_id, org_unit_id, org_unit_path, uscc, name, address, uninsured_count, staff_count)
       SELECT $1, id, path, 'USCC-甲', '甲公司', '甲路 1 号', 12, 12 FROM org_unit WHERE code = 'V1' RETURNING id`,
      [campaignId],
    );
    await api.ds.query(
      `INSERT INTO registry_visit (campaign_id, employer_id, org_unit_path, visitor_id, visited_at, method, outcome)
       SELECT campaign_id, id, org_unit_path, $2, timestamptz '2026-09-01 10:00+08' + n * interval '1 day', 'door_to_door', 'refused'
         FROM registry_employer, generate_series(1, 2) n WHERE id = $1`,
      [e.id, await userId('v1cadre')],
    );
    worker = await startWorker(env);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await env.drop();
  });

  it('cuts off in the window and at the time set, at the refusal threshold set', async () => {
    const run = (cutoffDate: string) => logins.as('office').post('/api/cutoff-runs').send({ campaignId, cutoffDate });
    // 20 September lies outside the window 1..31 October
    env.clock.set('2026-10-10T07:59:00Z'); // 15:59 in China: the 16:00 cutoff of 10 October has not come
    expect((await run('2026-09-20')).status).toBe(400);
    expect((await run('2026-10-10')).status).toBe(409);
    env.clock.set('2026-10-10T08:00:00Z'); // 16:00 in China
    const done = await run('2026-10-10');
    expect(done.status).toBe(200);
    const [r] = await api.ds.query(`SELECT entry_count, cutoff_at FROM cutoff_run WHERE cutoff_date = '2026-10-10'`);
    expect(r).toEqual({ entry_count: 1, cutoff_at: new Date('2026-10-10T08:00:00Z') });
  });

  it('gives a dispatched case caseDueDays, a rectification order rectificationDays, and reminds rectificationReminderDays before', async () => {
    env.clock.set('2026-10-11T02:00:00Z'); // 11 October in China
    const list = await logins.as('office').post('/api/inspection-lists').send({ campaignId, cutoffDate: '2026-10-10' }).expect(200);
    await logins
      .as('office')
      .post(`/api/inspection-lists/${list.body.id}/dispatch`)
      .send({ departmentIds: [inspectId] })
      .expect(200);
    const cases = await logins.as('insp_mgr').get(`/api/inspection-cases?departmentId=${inspectId}`).expect(200);
    // 11 October + 20 days = 31 October (the default 30 would give 10 November)
    expect(cases.body.items.map((c: { dueDate: string }) => c.dueDate)).toEqual(['2026-10-31']);
    const caseId = cases.body.items[0].id;
    await logins
      .as('insp_mgr')
      .post(`/api/inspection-cases/${caseId}/assign`)
      .send({ inspectorId: await userId('insp1') })
      .expect(200);
    await logins.as('insp1').post(`/api/inspection-cases/${caseId}/outcomes`).send({ kind: 'visited', findings: '12 名职工未参保' }).expect(200);
    const ordered = await logins.as('insp1').post(`/api/inspection-cases/${caseId}/outcomes`).send({ kind: 'rectification_ordered' });
    // 11 October + 10 days = 21 October (the default 15 would give 26 October)
    expect(ordered.body).toMatchObject({ rectificationDeadline: '2026-10-21', dueDate: '2026-10-21' });
    const sweep = () => worker.get(EnforcementJobs).reconcile();
    env.clock.set('2026-10-18T02:00:00Z'); // 18 October = 21 - 3: the default would remind today, 2 days does not
    expect(await sweep()).toMatchObject({ reminded: 0 });
    env.clock.set('2026-10-19T02:00:00Z'); // 19 October = 21 - 2
    expect(await sweep()).toMatchObject({ reminded: 1 });
  });
});
