import { businessDate as businessDateOf } from '#core';
import { EnforcementJobs, EnforcementSchedule, EscalationService } from '#enforcement';
import { INestApplicationContext } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { loginAs, Logins } from '../helpers/api-client';
import { makeCampaign, makeSmallCity, makeUnit, makeUser, unitId } from '../helpers/factories';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv, waitFor } from '../helpers/test-app';

/** An employer of the campaign in a village, with a cadre. */
async function makeEmployer(ds: DataSource, campaignId: number, unitCode: string, name: string, uninsured: number, cadreId: number): Promise<number> {
  const [row] = await ds.query(
    `INSERT INTO registry_employer (campaign_id, org_unit_id, org_unit_path, uscc, name, address, uninsured_count, staff_count, cadre_id)
     SELECT $1, id, path, $2, $3, $4, $5, $5, $6 FROM org_unit WHERE code = $7 RETURNING id::int`,
    [campaignId, `USCC-${name}`, name, `${name}路 1 号`, uninsured, cadreId, unitCode],
  );
  return row.id;
}

async function visit(ds: DataSource, employerId: number, outcome: 'refused' | 'enrolled' | 'will_enrol', at: string, visitorId: number): Promise<void> {
  await ds.query(
    `INSERT INTO registry_visit (campaign_id, employer_id, org_unit_path, visitor_id, visited_at, method, outcome)
     SELECT campaign_id, id, org_unit_path, $2, $3, 'door_to_door', $4 FROM registry_employer WHERE id = $1`,
    [employerId, visitorId, at, outcome],
  );
}

describe('escalation: candidates, cutoffs exactly once, key-inspection list, cases', () => {
  let env: TestEnv;
  let api: TestApi;
  let ds: DataSource;
  let campaignId: number;
  let logins: Logins;
  const users: Record<string, number> = {};
  const emp: Record<string, number> = {};
  let inspectId: number;
  let epIndicator: number;
  let auditId: number;
  let workers: INestApplicationContext[] = [];

  const runsOf = async (date: string) =>
    ds.query(
      `SELECT r.district_id, r.cutoff_at, r.trigger, r.entry_count, array_agg(s.employer_id::int ORDER BY s.employer_id) FILTER (WHERE s.id IS NOT NULL) AS employers
         FROM cutoff_run r LEFT JOIN cutoff_submission_entry s ON s.cutoff_run_id = r.id
        WHERE r.cutoff_date = $1 GROUP BY r.id ORDER BY r.district_id`,
      [date],
    );
  /** The notices' items (one per reason); a person's items of one kind and day are one notice (see test/notices/digests.e2e-spec.ts). */
  const noticesOf = (kind: string) =>
    ds.query(
      `SELECT n.recipient_user_id AS uid, u.username, n.link_id FROM notice_item n JOIN app_user u ON u.id = n.recipient_user_id WHERE kind = $1 ORDER BY n.id`,
      [kind],
    );
  const candidateNames = async (unit?: number) => {
    const res = await logins.as('office').get(`/api/escalation-candidates?campaignId=${campaignId}${unit ? `&unitId=${unit}` : ''}`);
    expect(res.status).toBe(200);
    return (res.body.items as { name: string }[]).map((r) => r.name).sort();
  };

  beforeAll(async () => {
    env = await createTestEnv();
    env.clock.set('2026-09-05T02:00:00Z');
    api = await startApi(env);
    ds = api.ds;
    await makeSmallCity(ds);
    await makeUnit(ds, 'DEP-INSPECT', 'agency', 'C1', '劳动保障监察支队');
    await makeUnit(ds, 'DEP-AUDIT', 'agency', 'C1', '社会保险稽核中心');
    inspectId = await unitId(ds, 'DEP-INSPECT');
    auditId = await unitId(ds, 'DEP-AUDIT');
    users.insp_mgr = await makeUser(ds, 'insp_mgr', 'DEP-INSPECT', ['department', 'unit_manager']);
    users.insp1 = await makeUser(ds, 'insp1', 'DEP-INSPECT', ['inspector'], { displayName: '韩磊' });
    users.insp2 = await makeUser(ds, 'insp2', 'DEP-INSPECT', ['inspector']);
    users.audit_mgr = await makeUser(ds, 'audit_mgr', 'DEP-AUDIT', ['department', 'unit_manager']);
    users.auditor = await makeUser(ds, 'auditor', 'DEP-AUDIT', ['inspector']);
    users.v3cadre = await makeUser(ds, 'v3cadre', 'V3', ['cadre']);
    const [{ id: cadre }] = await ds.query(`SELECT id FROM app_user WHERE username = 'v1cadre'`);
    const [{ id: office }] = await ds.query(`SELECT id FROM app_user WHERE username = 'office'`);
    users.v1cadre = cadre;
    users.office = office;
    logins = await loginAs(api, ['office', 'd1mgr', 'insp_mgr', 'insp1', 'insp2', 'audit_mgr', 'auditor', 'v1mgr']);
    // an enrolment indicator linked to inspection enrolments: C1 100 -> D1 60 (T1 60 -> V1 40, V2 20), D2 40
    const made = await makeCampaign(ds, {
      name: '2026 扩面征缴',
      settings: { escalationWindow: { from: '09-01', to: '11-30' }, escalationTime: '17:00', refusalThreshold: 3 },
      indicators: [{ code: 'EP', name: '企业职工养老保险新增参保' }],
      tasks: {
        EP: {
          unit: 'C1',
          target: 100,
          children: [
            {
              unit: 'D1',
              target: 60,
              children: [
                {
                  unit: 'T1',
                  target: 60,
                  children: [
                    { unit: 'V1', target: 40 },
                    { unit: 'V2', target: 20 },
                  ],
                },
              ],
            },
            { unit: 'D2', target: 40 },
          ],
        },
      },
    });
    campaignId = made.campaignId;
    epIndicator = made.indicatorIds.EP;
    await ds.query(`UPDATE campaign SET settings = settings || $2::jsonb WHERE id = $1`, [
      campaignId,
      JSON.stringify({ inspectionIndicatorIds: [epIndicator] }),
    ]);
    // D1 (via V1): A 2 refusals, B 3 refusals, C 3 refusals then enrolled; D2 (via V3): E, F 3 refusals, G 2 refusals.
    emp.A = await makeEmployer(ds, campaignId, 'V1', '甲公司', 12, users.v1cadre);
    emp.B = await makeEmployer(ds, campaignId, 'V1', '乙公司', 30, users.v1cadre);
    emp.C = await makeEmployer(ds, campaignId, 'V2', '丙公司', 8, users.v1cadre);
    emp.E = await makeEmployer(ds, campaignId, 'V3', '戊公司', 55, users.v3cadre);
    emp.F = await makeEmployer(ds, campaignId, 'V3', '己公司', 6, users.v3cadre);
    emp.G = await makeEmployer(ds, campaignId, 'V3', '庚公司', 9, users.v3cadre);
    for (const k of ['A', 'B', 'C', 'E', 'F', 'G']) {
      const n = k === 'A' || k === 'G' ? 2 : 3;
      for (let i = 0; i < n; i++) await visit(ds, emp[k], 'refused', `2026-08-0${i + 1}T02:00:00Z`, users.v1cadre);
    }
    await visit(ds, emp.C, 'enrolled', '2026-08-20T02:00:00Z', users.v1cadre);
  });

  afterAll(async () => {
    for (const w of workers) await w.close();
    await api.close();
    await env.drop();
  });

  it('makes an employer a candidate at N refusals, not at N-1, and not after an enrolment visit', async () => {
    // A: 2 of 3 refusals; C: 3 refusals then enrolled
    expect(await candidateNames()).toEqual(['乙公司', '己公司', '戊公司'].sort());
    expect(await candidateNames(await unitId(ds, 'D1'))).toEqual(['乙公司']);
    const res = await logins.as('d1mgr').get(`/api/escalation-candidates?campaignId=${campaignId}`);
    expect(res.body).toMatchObject({
      total: 1,
      refusalThreshold: 3,
      items: [{ name: '乙公司', refusalCount: 3, uninsuredCount: 30, districtName: '单位D1', townName: '单位T1' }],
    });
    expect((await logins.as('d1mgr').get(`/api/escalation-candidates?campaignId=${campaignId}&unitId=${await unitId(ds, 'D2')}`)).status).toBe(403);
  });

  /**
   * Waits until every enforcement.reconcile job written so far has run: each row relayed, and its BullMQ job done (rows of
   * one per-minute job id share one job: BullMQ drops the repeat, so only the first row of an id is marked done at once).
   */
  const reconcileJobsDone = () =>
    waitFor(
      async () =>
        (
          await ds.query(
            `SELECT bool_and(o.relayed_at IS NOT NULL AND EXISTS (SELECT 1 FROM outbox d WHERE d.relayed_job_id = o.relayed_job_id AND d.done_at IS NOT NULL)) AS ran
               FROM outbox o WHERE o.job_name = 'enforcement.reconcile'`,
          )
        )[0].ran === true,
    );

  it('runs the cutoff of 10 September exactly once with two workers started together', async () => {
    env.clock.set('2026-09-10T08:59:59Z'); // 16:59:59 in China: not yet
    workers = await Promise.all([startWorker(env), startWorker(env)]);
    await reconcileJobsDone(); // both start-up reconciles have run (nothing due yet)
    await Promise.all(workers.map((w) => w.get(EscalationService).reconcile()));
    expect(await runsOf('2026-09-10')).toEqual([]);
    env.clock.set('2026-09-10T09:00:00Z'); // 17:00 in China
    const results = await Promise.all([...workers, ...workers].map((w) => w.get(EscalationService).reconcile()));
    // 2 districts in total across four concurrent reconciles
    expect(results.reduce((s, r) => s + r.runs, 0)).toBe(2);
    await Promise.all(workers.map((w) => w.get(EnforcementSchedule).requestReconcile()));
    await reconcileJobsDone();
    const runs = await runsOf('2026-09-10');
    expect(runs).toEqual([
      { district_id: await unitId(ds, 'D1'), cutoff_at: new Date('2026-09-10T09:00:00Z'), trigger: 'schedule', entry_count: 1, employers: [emp.B] },
      { district_id: await unitId(ds, 'D2'), cutoff_at: new Date('2026-09-10T09:00:00Z'), trigger: 'schedule', entry_count: 2, employers: [emp.E, emp.F] },
    ]);
    // the office hears of each district's submission once
    const notices = await waitFor(async () => {
      const n = await noticesOf('escalation.submission');
      return n.length === 2 ? n : null;
    });
    expect(notices.map((n: { username: string }) => n.username)).toEqual(['office', 'office']);
    // in one notice that lists both districts' submissions
    expect(await ds.query(`SELECT subject, item_count FROM notice WHERE kind = 'escalation.submission'`)).toEqual([
      { subject: '2 份拒不参保用人单位报送', item_count: 2 },
    ]);
    const list = await logins.as('d1mgr').get(`/api/cutoff-runs?campaignId=${campaignId}`);
    expect(list.body.total).toBe(1);
  });

  it('compiles, reviews, exports and dispatches the key-inspection list to two departments', async () => {
    env.clock.set('2026-09-11T01:00:00Z');
    const compiled = await logins.as('office').post('/api/inspection-lists').send({ campaignId, cutoffDate: '2026-09-10' });
    expect(compiled.status).toBe(200);
    expect(compiled.body).toMatchObject({ status: 'compiled', cutoffDate: '2026-09-10', entryCount: 3, created: true });
    const again = await logins.as('office').post('/api/inspection-lists').send({ campaignId, cutoffDate: '2026-09-10' });
    expect(again.body).toMatchObject({ id: compiled.body.id, created: false });
    const listId = compiled.body.id;
    const entries = await logins.as('office').get(`/api/inspection-lists/${listId}/entries`);
    expect(entries.body.items.map((e: { name: string }) => e.name)).toEqual(['乙公司', '戊公司', '己公司']);
    expect(entries.body.items[0]).toMatchObject({ districtName: '单位D1', townName: '单位T1', uninsuredCount: 30, refusalCount: 3, cadreName: 'v1cadre' });
    const f = entries.body.items.find((e: { name: string }) => e.name === '己公司');
    expect((await logins.as('office').post(`/api/inspection-lists/${listId}/entries/${f.id}/remove`).send({})).status).toBe(400);
    const removed = await logins.as('office').post(`/api/inspection-lists/${listId}/entries/${f.id}/remove`).send({ reason: '已承诺本月参保' });
    expect(removed.body).toMatchObject({ name: '己公司', removalReason: '已承诺本月参保' });

    const file = await logins
      .as('office')
      .get(`/api/inspection-lists/${listId}/export`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(file.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body);
    const ws = wb.getWorksheet('重点检查名单')!;
    expect(ws.getRow(1).getCell(1).value).toBe('重点检查用人单位名单（截至 2026-09-10）');
    expect(ws.getRow(2).values).toEqual([
      undefined,
      '序号',
      '统一社会信用代码',
      '用人单位名称',
      '地址',
      '所属区县',
      '所属镇街',
      '未参保人数',
      '拒绝参保次数',
      '最近走访时间',
      '责任干部',
      '状态',
      '移出原因',
    ]);
    expect(ws.getRow(3).getCell(3).value).toBe('乙公司');
    expect(file.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('重点检查用人单位名单（2026-09-10）.xlsx')}`);
    // 拒绝参保次数: 6 CJK characters = 12, + 2; printed A4 landscape, one page wide, the header on every page
    expect(ws.getColumn(8).width).toBe(14);
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, printTitlesRow: '2:2' });
    expect(ws.getRow(5).getCell(11).value).toBe('已移出');

    const bad = await logins
      .as('office')
      .post(`/api/inspection-lists/${listId}/dispatch`)
      .send({ departmentIds: [await unitId(ds, 'D1')] });
    expect(bad.status).toBe(400);
    const sent = await logins
      .as('office')
      .post(`/api/inspection-lists/${listId}/dispatch`)
      .send({ departmentIds: [inspectId, auditId] });
    expect(sent.status).toBe(200);
    expect(sent.body.casesOpened).toEqual([
      { departmentId: inspectId, count: 2 },
      { departmentId: auditId, count: 2 },
    ]);
    expect(
      (
        await logins
          .as('office')
          .post(`/api/inspection-lists/${listId}/dispatch`)
          .send({ departmentIds: [inspectId] })
      ).status,
    ).toBe(409);
    const notices = await waitFor(async () => {
      const n = await noticesOf('inspection.list_dispatched');
      return n.length === 2 ? n : null;
    });
    expect(notices.map((n: { username: string }) => n.username).sort()).toEqual(['audit_mgr', 'insp_mgr']);
    // an employer in an open case is no longer a candidate
    expect(await candidateNames()).toEqual(['己公司']);
    // the inspection department sees the list now
    expect((await logins.as('insp_mgr').get(`/api/inspection-lists/${listId}`)).status).toBe(200);
  });

  it('catches up, once and dated to the cutoff, after the workers were down across 20 September', async () => {
    await visit(ds, emp.A, 'refused', '2026-09-12T02:00:00Z', users.v1cadre); // A reaches 3 before the 20th
    for (const w of workers) await w.close();
    workers = [];
    await visit(ds, emp.G, 'refused', '2026-09-20T12:00:00Z', users.v3cadre); // G reaches 3 after the cutoff: not in the frozen submission
    // H refused three times before the cutoff and enrolled three hours after it: the late run still lists it
    emp.H = await makeEmployer(ds, campaignId, 'V3', '辛公司', 4, users.v3cadre);
    for (const day of ['11', '12', '13']) await visit(ds, emp.H, 'refused', `2026-09-${day}T02:00:00Z`, users.v3cadre);
    await visit(ds, emp.H, 'enrolled', '2026-09-20T12:00:00Z', users.v3cadre);
    await ds.query(`UPDATE registry_employer SET status = 'enrolled', updated_at = '2026-09-20T12:00:00Z' WHERE id = $1`, [emp.H]);
    env.clock.set('2026-09-21T01:00:00Z');
    workers = [await startWorker(env)]; // its start-up reconcile runs the missed cutoff
    const runs = await waitFor(async () => {
      const r = await runsOf('2026-09-20');
      return r.length === 2 ? r : null;
    });
    expect(runs).toEqual([
      { district_id: await unitId(ds, 'D1'), cutoff_at: new Date('2026-09-20T09:00:00Z'), trigger: 'schedule', entry_count: 1, employers: [emp.A] },
      { district_id: await unitId(ds, 'D2'), cutoff_at: new Date('2026-09-20T09:00:00Z'), trigger: 'schedule', entry_count: 2, employers: [emp.F, emp.H] },
    ]);
    const [late] = await ds.query(`SELECT ran_at FROM cutoff_run WHERE cutoff_date = '2026-09-20' LIMIT 1`);
    expect(late.ran_at).toEqual(new Date('2026-09-21T01:00:00Z'));
    expect(await runsOf('2026-09-10')).toHaveLength(2);
  });

  it('runs a cutoff by hand once, however often the office triggers it', async () => {
    env.clock.set('2026-09-30T10:00:00Z');
    const early = await logins.as('office').post('/api/cutoff-runs').send({ campaignId, cutoffDate: '2026-10-10' });
    expect([early.status, early.body.error]).toEqual([409, 'CUTOFF_NOT_DUE']);
    const notCutoff = await logins.as('office').post('/api/cutoff-runs').send({ campaignId, cutoffDate: '2026-09-29' });
    expect(notCutoff.status).toBe(400);
    expect((await logins.as('d1mgr').post('/api/cutoff-runs').send({ campaignId, cutoffDate: '2026-09-30' })).status).toBe(403);
    const first = await logins.as('office').post('/api/cutoff-runs').send({ campaignId, cutoffDate: '2026-09-30' });
    const second = await logins.as('office').post('/api/cutoff-runs').send({ campaignId, cutoffDate: '2026-09-30' });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.body.created + second.body.created).toBe(2);
    expect(second.body.runs).toHaveLength(2);
    const runs = await runsOf('2026-09-30');
    expect(runs.map((r: { employers: number[] | null }) => r.employers)).toEqual([[emp.A], [emp.F, emp.G]]);
  });

  it('assigns cases by hand and evenly, and gives each inspector a checklist', async () => {
    const cases = await logins.as('insp_mgr').get(`/api/inspection-cases?departmentId=${inspectId}`);
    expect(cases.body.total).toBe(2);
    const caseB = cases.body.items.find((c: { employerName: string }) => c.employerName === '乙公司');
    expect((await logins.as('audit_mgr').post(`/api/inspection-cases/${caseB.id}/assign`).send({ inspectorId: users.insp1 })).status).toBe(403);
    expect((await logins.as('insp_mgr').post(`/api/inspection-cases/${caseB.id}/assign`).send({ inspectorId: users.auditor })).status).toBe(400);
    const assigned = await logins.as('insp_mgr').post(`/api/inspection-cases/${caseB.id}/assign`).send({ inspectorId: users.insp1 });
    expect(assigned.body).toMatchObject({ assigneeId: users.insp1, status: 'open' });
    const even = await logins.as('insp_mgr').post('/api/inspection-cases/assign-evenly').send({ departmentId: inspectId });
    // insp1 already holds one: the other case goes to insp2
    expect(even.body).toMatchObject({
      assigned: 1,
      loads: [
        { inspectorId: users.insp1, openCases: 1 },
        { inspectorId: users.insp2, openCases: 1 },
      ],
    });
    await logins.as('audit_mgr').post('/api/inspection-cases/assign-evenly').send({ departmentId: auditId });

    const checklist = await logins.as('insp1').get('/api/inspection-checklist');
    expect(checklist.body.total).toBe(1);
    const item = checklist.body.items[0];
    expect(item).toMatchObject({
      employerName: '乙公司',
      uscc: 'USCC-乙公司',
      address: '乙公司路 1 号',
      uninsuredCount: 30,
      refusalCount: 3,
      dueDate: '2026-10-11',
      departmentName: '劳动保障监察支队',
    });
    expect(item.visits).toHaveLength(3);
    expect(item.visits[0]).toMatchObject({ outcome: 'refused', visitor: 'v1cadre' });
    expect(item.previousCases).toEqual([expect.objectContaining({ departmentName: '社会保险稽核中心', closedAt: null })]);
    const n = await waitFor(async () => {
      const rows = await noticesOf('inspection.case_assigned');
      return rows.length === 4 ? rows : null;
    });
    expect(n.map((r: { username: string }) => r.username).sort()).toEqual(['auditor', 'auditor', 'insp1', 'insp2']);

    const file = await logins
      .as('insp1')
      .get('/api/inspection-checklist/export?date=2026-09-30')
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body);
    const ws = wb.getWorksheet('检查清单')!;
    // the inspector by name, not by login
    expect(ws.getRow(1).getCell(1).value).toBe('劳动保障检查清单（2026-09-30，检查人员：韩磊）');
    expect(ws.getRow(2).getCell(3).value).toBe('用人单位名称');
    expect(ws.getRow(3).getCell(3).value).toBe('乙公司');
    expect(ws.getRow(3).getCell(12).value).toBe('2026-08-03 拒绝参保；2026-08-02 拒绝参保；2026-08-01 拒绝参保');
    expect((await logins.as('insp_mgr').get('/api/inspection-checklist')).status).toBe(403);
  });

  it('reminds before a rectification deadline, marks it overdue after and tells the department manager once', async () => {
    const [{ id: caseB }] = await ds.query(`SELECT id::int FROM inspection_case WHERE employer_id = $1 AND department_id = $2`, [emp.B, inspectId]);
    expect((await logins.as('insp2').post(`/api/inspection-cases/${caseB}/outcomes`).send({ kind: 'visited', findings: 'x' })).status).toBe(403);
    expect((await logins.as('insp1').post(`/api/inspection-cases/${caseB}/outcomes`).send({ kind: 'visited' })).status).toBe(400);
    const visited = await logins.as('insp1').post(`/api/inspection-cases/${caseB}/outcomes`).send({ kind: 'visited', findings: '30 名职工未参保，负责人拒绝' });
    expect(visited.status).toBe(200);
    const ordered = await logins.as('insp1').post(`/api/inspection-cases/${caseB}/outcomes`).send({ kind: 'rectification_ordered' });
    // ordered on 30 Sept (China), 15 days: deadline 15 Oct
    expect(ordered.body).toMatchObject({ rectificationDeadline: '2026-10-15', dueDate: '2026-10-15' });
    const sweep = () => workers[0].get(EnforcementJobs).reconcile();

    env.clock.set('2026-10-11T02:00:00Z'); // 11 Oct: more than 3 days before
    expect(await sweep()).toMatchObject({ reminded: 0, overdue: 0 });
    env.clock.set('2026-10-12T02:00:00Z'); // 12 Oct = 15 - 3
    expect(await sweep()).toMatchObject({ reminded: 1, overdue: 0 });
    env.clock.set('2026-10-15T15:59:59Z'); // 23:59:59 on 15 Oct in China: still in time
    expect(await sweep()).toMatchObject({ overdue: 0 });
    env.clock.set('2026-10-15T16:00:00Z'); // 00:00 on 16 Oct in China
    const [a, b] = await Promise.all([sweep(), sweep()]);
    // once between the two sweeps and the worker's own reconcile job, which may run at the same fake instant;
    // the single notice below is the exactly-once check
    expect(a.overdue + b.overdue).toBeLessThanOrEqual(1);
    expect((await api.ds.query(`SELECT count(*)::int AS n FROM inspection_case WHERE rectification_overdue_at IS NOT NULL`))[0].n).toBe(1);
    expect((await sweep()).overdue).toBe(0);
    const overdue = await waitFor(async () => {
      const rows = await noticesOf('inspection.rectification_overdue');
      return rows.length === 2 ? rows : null;
    });
    expect(overdue.map((r: { username: string }) => r.username).sort()).toEqual(['insp1', 'insp_mgr']);
    const reminders = await waitFor(async () => {
      const rows = await noticesOf('inspection.rectification_reminder');
      return rows.length ? rows : null;
    });
    expect(reminders.map((r: { username: string }) => r.username)).toEqual(['insp1']);
    const detail = await logins.as('insp_mgr').get(`/api/inspection-cases/${caseB}`);
    expect(detail.body.events.map((e: { kind: string }) => e.kind)).toEqual(['opened', 'assigned', 'visited', 'rectification_ordered', 'overdue']);
    expect(detail.body.rectificationOverdueAt).toBe('2026-10-15T16:00:00.000Z');
  });

  it('shows one case to its department, its assignee and the units above the employer, and to no one else', async () => {
    const [{ id: caseB }] = await ds.query(`SELECT id::int FROM inspection_case WHERE employer_id = $1 AND department_id = $2`, [emp.B, inspectId]);
    // B is in D1 and its labour-inspection case is assigned to insp1: DEP-INSPECT (insp_mgr, insp2), insp1 and D1 (d1mgr) see it;
    // audit (audit_mgr, auditor) is another department and not above the employer
    const status = async (u: string, id = caseB) => (await logins.as(u).get(`/api/inspection-cases/${id}`)).status;
    expect(await Promise.all(['insp_mgr', 'insp2', 'insp1', 'd1mgr', 'office', 'audit_mgr', 'auditor'].map((u) => status(u)))).toEqual([
      200, 200, 200, 200, 200, 403, 403,
    ]);
    expect(await status('audit_mgr', 987654321)).toBe(404);
  });

  it('closing as rectified enrols the employer in the registry; a case closed unrectified lets a refusing employer back on the list', async () => {
    const [{ id: caseB }] = await ds.query(`SELECT id::int FROM inspection_case WHERE employer_id = $1 AND department_id = $2`, [emp.B, inspectId]);
    expect((await logins.as('insp1').post(`/api/inspection-cases/${caseB}/outcomes`).send({ kind: 'penalised', amount: 5000 })).body).toMatchObject({
      penaltyAmount: '5000.00',
    });
    const done = await logins.as('insp1').post(`/api/inspection-cases/${caseB}/outcomes`).send({ kind: 'rectified', enrolledCount: 25 });
    expect(done.body).toMatchObject({ status: 'closed', resolution: 'rectified', enrolledCount: 25 });
    const [b] = await ds.query(`SELECT status, insured_count, uninsured_count FROM registry_employer WHERE id = $1`, [emp.B]);
    expect(b).toEqual({ status: 'enrolled', insured_count: 25, uninsured_count: 5 }); // 30 - 25
    // the 25 enrolments go to progress through the outbox, once per case, dated the day of the outcome
    const credits = await ds.query(`SELECT job_id, payload FROM outbox WHERE job_name = 'progress.credit'`);
    expect(credits).toEqual([
      {
        job_id: `credit-inspection-case-${caseB}`,
        payload: {
          campaignId,
          orgUnitId: await unitId(ds, 'V1'),
          amount: 25,
          source: 'inspection',
          sourceRef: `case-${caseB}`,
          on: businessDateOf(env.clock.now()),
        },
      },
    ]);
    // a worker credits them: V1, T1, D1 and C1 each show 25 new enrolees on the linked indicator, never summed twice
    await waitFor(async () => (await ds.query(`SELECT 1 FROM progress_credit WHERE source_ref = $1`, [`case-${caseB}`])).length > 0);
    const board = await logins
      .as('office')
      .get('/api/dashboards')
      .query({ campaignId, unitId: await unitId(ds, 'C1') });
    const actuals = (b: { indicators: { total: { code: string; actual: string }; rows: { code: string; actual: string }[] }[] }) =>
      [b.indicators[0].total, ...b.indicators[0].rows].map((r) => [r.code, r.actual]);
    expect(actuals(board.body)).toEqual([
      ['C1', '25'],
      ['D1', '25'],
      ['D2', '0'],
    ]);
    const town = await logins
      .as('office')
      .get('/api/dashboards')
      .query({ campaignId, unitId: await unitId(ds, 'T1') });
    expect(actuals(town.body)).toEqual([
      ['T1', '25'],
      ['V1', '25'],
      ['V2', '0'],
    ]);
    // audit also closes its case on B as rectified with 25: only the 5 still uninsured are new, so 5 more are credited
    const [{ id: auditB }] = await ds.query(`SELECT id::int FROM inspection_case WHERE employer_id = $1 AND department_id = $2`, [emp.B, auditId]);
    await logins.as('auditor').post(`/api/inspection-cases/${auditB}/outcomes`).send({ kind: 'rectified', enrolledCount: 25 }).expect(200);
    expect((await ds.query(`SELECT insured_count, uninsured_count FROM registry_employer WHERE id = $1`, [emp.B]))[0]).toEqual({
      insured_count: 30,
      uninsured_count: 0,
    });
    await waitFor(async () => (await ds.query(`SELECT 1 FROM progress_credit WHERE source_ref = $1`, [`case-${auditB}`])).length > 0);
    const city = await logins
      .as('office')
      .get('/api/dashboards')
      .query({ campaignId, unitId: await unitId(ds, 'C1') });
    expect(actuals(city.body)[0]).toEqual(['C1', '30']);
    const closed = await logins.as('insp1').post(`/api/inspection-cases/${caseB}/outcomes`).send({ kind: 'visited', findings: 'x' });
    expect([closed.status, closed.body.error]).toEqual([409, 'CASE_CLOSED']);
    expect((await logins.as('insp1').get('/api/inspection-checklist')).body.total).toBe(0);

    // E: both departments close without rectification; E refuses again and is a candidate again
    const eCases: { id: number; department_id: number }[] = await ds.query(
      `SELECT id::int, department_id FROM inspection_case WHERE employer_id = $1 ORDER BY id`,
      [emp.E],
    );
    const eInspect = eCases.find((c) => c.department_id === inspectId)!;
    const eAudit = eCases.find((c) => c.department_id === auditId)!;
    expect((await logins.as('insp2').post(`/api/inspection-cases/${eInspect.id}/outcomes`).send({ kind: 'closed', reason: '企业停产，无法检查' })).status).toBe(
      200,
    );
    expect(await candidateNames()).not.toContain('戊公司'); // still open at audit
    await logins.as('auditor').post(`/api/inspection-cases/${eAudit.id}/outcomes`).send({ kind: 'referred_to_tax' });
    expect((await logins.as('auditor').post(`/api/inspection-cases/${eAudit.id}/outcomes`).send({ kind: 'closed', reason: '已移交税务征收' })).status).toBe(
      200,
    );
    await visit(ds, emp.E, 'refused', '2026-10-18T02:00:00Z', users.v3cadre);
    env.clock.set('2026-10-19T02:00:00Z');
    expect(await candidateNames()).toContain('戊公司');
    expect(await candidateNames()).not.toContain('乙公司'); // enrolled
  });
});
