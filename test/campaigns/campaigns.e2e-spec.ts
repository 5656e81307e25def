import { DeadlinesService } from '#campaigns';
import { NoticesService } from '#notices';
import { INestApplicationContext } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { loginAs, Logins } from '../helpers/api-client';
import { makeSmallCity, makeUser, unitId } from '../helpers/factories';
import { rowLockable, someoneWaitsForTheLock, whileRollupLocked } from '../helpers/rollup-lock';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv, waitFor } from '../helpers/test-app';

describe('campaigns: cascade, approval, tasks, deadlines, export', () => {
  let env: TestEnv;
  let api: TestApi;
  let workers: INestApplicationContext[] = [];
  let logins: Logins;
  const ids: Record<string, number> = {};
  let campaignId: number;
  const top: Record<string, number> = {};

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    ids.leader = await makeUser(api.ds, 'leader', 'C1', ['leader']);
    ids.deputy = await makeUser(api.ds, 'deputy', 'C1', ['leader']);
    ids.member = await makeUser(api.ds, 'member', 'C1', ['leader']);
    logins = await loginAs(api, ['admin', 'office', 'leader', 'deputy', 'member', 'd1mgr', 't1mgr', 'v1mgr']);
    for (const r of await api.ds.query(`SELECT id, username FROM app_user`)) ids[r.username] = r.id;
    for (const c of ['C1', 'D1', 'D2', 'T1', 'T2', 'V1', 'V2', 'V3', 'A1']) ids[c] = await unitId(api.ds, c);
  });
  afterAll(async () => {
    for (const w of workers) await w.close();
    await api.close();
    await env.drop();
  });

  const campaignBody = (extra: object = {}) => ({
    name: '2026年扩面征缴专项行动',
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    officeName: '领导小组办公室',
    phases: [
      { name: '动员部署', startsOn: '2026-01-01', endsOn: '2026-03-15' },
      { name: '集中攻坚', startsOn: '2026-03-16', endsOn: '2026-09-30' },
      { name: '巩固提升', startsOn: '2026-10-01', endsOn: '2026-12-31' },
    ],
    milestones: [
      { dueOn: '2026-03-31', percent: 25 },
      { dueOn: '2026-06-30', percent: 50 },
      { dueOn: '2026-09-30', percent: 75 },
      { dueOn: '2026-12-31', percent: 100 },
    ],
    members: [
      { userId: ids.leader, role: 'head', title: '市长' },
      { userId: ids.deputy, role: 'deputy', title: '副市长' },
      { userId: ids.member, role: 'member', title: '人社局局长' },
      { userId: ids.office, body: 'office', role: 'director', title: '办公室主任' },
    ],
    indicators: [
      { code: 'EP', name: '企业职工基本养老保险新增参保', unit: 'person', kind: 'count', insuranceType: 'employee_pension', target: 100 },
      { code: 'AMT', name: '城乡居民养老保险续缴金额', unit: 'yuan', kind: 'amount', insuranceType: 'resident_pension', target: 10.5 },
      {
        code: 'COV',
        name: '基本医疗保险参保率',
        unit: 'percent',
        kind: 'ratio',
        insuranceType: 'medical',
        numeratorLabel: '参保人数',
        denominatorLabel: '户籍人口',
        target: 98.5,
      },
    ],
    ...extra,
  });

  async function submitAndApprove(allocationId: number, drafter = 'office'): Promise<void> {
    await logins.as(drafter).post(`/api/allocations/${allocationId}/submit`).send({}).expect(200);
    await logins.as('leader').post(`/api/allocations/${allocationId}/approve`).send({ comment: '同意' }).expect(200);
  }

  it('creates a campaign and sets the top targets on activation', async () => {
    const bad = await logins
      .as('office')
      .post('/api/campaigns')
      .send(campaignBody({ endsOn: '2025-12-31' }));
    expect(bad.status).toBe(400);
    expect((await logins.as('d1mgr').post('/api/campaigns').send(campaignBody())).status).toBe(403);
    const res = await logins.as('office').post('/api/campaigns').send(campaignBody());
    expect(res.status).toBe(201);
    campaignId = res.body.id;
    expect(res.body).toMatchObject({
      status: 'draft',
      orgUnitId: ids.C1,
      settings: { deadlines: { reminderOffsetsDays: [7, 3, 1], allowOverAllocation: false }, escalation: { refusalThreshold: 3, time: '17:00' } },
    });
    expect(res.body.milestones.map((m: { percent: string }) => m.percent)).toEqual(['25.00', '50.00', '75.00', '100.00']);
    const act = await logins.as('office').post(`/api/campaigns/${campaignId}/activate`).send({});
    expect(act.status).toBe(200);
    expect(act.body.status).toBe('active');
    for (const t of act.body.topTasks) top[act.body.indicators.find((i: { id: number }) => i.id === t.indicatorId).code] = t.id;
    expect(act.body.topTasks.map((t: { target: string; deadline: string }) => [t.target, t.deadline])).toEqual([
      ['100.00', '2026-12-31'],
      ['10.50', '2026-12-31'],
      ['98.50', '2026-12-31'],
    ]);
    expect((await logins.as('office').post(`/api/campaigns/${campaignId}/activate`).send({})).status).toBe(409);
  });

  let epAlloc: number;
  it('enforces the sum rule exactly, unique children and the subtree', async () => {
    const post = (lines: object[], parentTaskId = top.EP, who = 'office') => logins.as(who).post('/api/allocations').send({ parentTaskId, lines });
    const short = await post([
      { childUnitId: ids.D1, target: 60 },
      { childUnitId: ids.D2, target: 30 },
    ]);
    expect(short.status).toBe(400); // 60 + 30 = 90 ≠ 100
    expect(short.body).toMatchObject({
      error: 'ALLOCATION_SUM_MISMATCH',
      fields: [{ field: 'lines', message: '各行合计 90.00，须等于上级目标 100.00（lines add up to 90.00; they must add up to exactly 100.00）' }],
    });
    const dup = await post([
      { childUnitId: ids.D1, target: 50 },
      { childUnitId: ids.D1, target: 50 },
    ]);
    expect(dup.status).toBe(400);
    expect(dup.body.fields[0].field).toBe('lines[1].childUnitId');
    const frac = await post([
      { childUnitId: ids.D1, target: 59.5 },
      { childUnitId: ids.D2, target: 40.5 },
    ]);
    expect(frac.status).toBe(400);
    expect(frac.body.fields[0].field).toBe('lines[0].target');
    const late = await post([
      { childUnitId: ids.D1, target: 60, deadline: '2027-01-15' },
      { childUnitId: ids.D2, target: 40 },
    ]);
    expect(late.status).toBe(400);
    expect(late.body.fields[0].field).toBe('lines[0].deadline');
    expect(
      (
        await post(
          [
            { childUnitId: ids.D1, target: 60 },
            { childUnitId: ids.D2, target: 40 },
          ],
          top.EP,
          'd1mgr',
        )
      ).status,
    ).toBe(403);
    const ok = await post([
      { childUnitId: ids.D1, target: 60 },
      { childUnitId: ids.D2, target: 30 },
      { childUnitId: ids.A1, target: 10 },
    ]);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ status: 'draft', version: 1, total: '100.00' });
    epAlloc = ok.body.id;
    expect((await post([{ childUnitId: ids.D1, target: 100 }])).status).toBe(409); // one allocation per parent target
    // the amount indicator: 2 decimals, exact sum 6.25 + 4.25 = 10.50
    const amt = await post(
      [
        { childUnitId: ids.D1, target: 6.25 },
        { childUnitId: ids.D2, target: 4.25 },
      ],
      top.AMT,
    );
    expect(amt.status).toBe(201);
    await submitAndApprove(amt.body.id);
  });

  it('allows more than the parent only when the campaign allows over-allocation', async () => {
    const res = await logins
      .as('office')
      .post('/api/campaigns')
      .send(campaignBody({ name: '超额分解', settings: { deadlines: { allowOverAllocation: true } }, indicators: [campaignBody().indicators[0]] }));
    const act = await logins.as('office').post(`/api/campaigns/${res.body.id}/activate`).send({});
    const t = act.body.topTasks[0].id;
    const less = await logins
      .as('office')
      .post('/api/allocations')
      .send({
        parentTaskId: t,
        lines: [
          { childUnitId: ids.D1, target: 50 },
          { childUnitId: ids.D2, target: 49 },
        ],
      });
    expect(less.status).toBe(400);
    expect(less.body.message).toContain('at least 100.00');
    const more = await logins
      .as('office')
      .post('/api/allocations')
      .send({
        parentTaskId: t,
        lines: [
          { childUnitId: ids.D1, target: 70 },
          { childUnitId: ids.D2, target: 50 },
        ],
      });
    expect(more.status).toBe(201);
    expect(more.body.total).toBe('120.00');
  });

  it('lets only the head or a deputy approve; reject with a reason, then resubmit', async () => {
    await logins.as('office').post(`/api/allocations/${epAlloc}/submit`).send({ comment: '请审批' }).expect(200);
    // refused at once, even while a report holds the rollup lock: a refused call does not wait for it
    await whileRollupLocked(api.ds, 'shared', async () => {
      for (const u of ['member', 'office', 'd1mgr']) {
        const r = await logins.as(u).post(`/api/allocations/${epAlloc}/approve`).timeout(3000).send({});
        expect(r.status).toBe(403);
      }
    });
    expect((await logins.as('deputy').post(`/api/allocations/${epAlloc}/reject`).send({})).status).toBe(400);
    const rej = await logins.as('deputy').post(`/api/allocations/${epAlloc}/reject`).send({ reason: '驻区单位目标偏高' });
    expect(rej.status).toBe(200);
    expect(rej.body).toMatchObject({ status: 'rejected', rejectReason: '驻区单位目标偏高' });
    // no tasks before approval
    const d1Tasks = (await logins.as('d1mgr').get('/api/tasks/mine')).body.items;
    expect(d1Tasks.map((t: { indicatorCode: string }) => t.indicatorCode)).toEqual(['AMT']); // the amount split was approved, EP not yet
    const upd = await logins
      .as('office')
      .patch(`/api/allocations/${epAlloc}`)
      .send({
        lines: [
          { childUnitId: ids.D1, target: 60 },
          { childUnitId: ids.D2, target: 35 },
          { childUnitId: ids.A1, target: 5 },
        ],
        comment: '已调整',
      });
    expect(upd.status).toBe(200);
    await logins.as('office').post(`/api/allocations/${epAlloc}/submit`).send({}).expect(200);
    // approved while a report holds the rollup lock: the approval waits for it before locking a row of its
    // own (had it locked its tasks first, a report holding one of them and waiting for the lock would deadlock)
    const outcome = await whileRollupLocked(api.ds, 'shared', async () => {
      const approval = logins
        .as('leader')
        .post(`/api/allocations/${epAlloc}/approve`)
        .send({ comment: '同意' })
        .then((r) => r.status);
      await someoneWaitsForTheLock(api.ds);
      return { free: await rowLockable(api.ds, 'allocation', epAlloc), approval };
    });
    expect({ free: outcome.free, approved: await outcome.approval }).toEqual({ free: 'free', approved: 200 });
    const a = (await logins.as('office').get(`/api/allocations/${epAlloc}`)).body;
    expect(a.status).toBe('approved');
    expect(a.steps.map((s: { action: string; actorUsername: string; comment: string | null }) => [s.action, s.actorUsername, s.comment])).toEqual([
      ['create', 'office', null],
      ['submit', 'office', '请审批'],
      ['reject', 'deputy', '驻区单位目标偏高'],
      ['update', 'office', '已调整'],
      ['submit', 'office', null],
      ['approve', 'leader', '同意'],
    ]);
    expect(a.lines.every((l: { taskId: number | null }) => l.taskId !== null)).toBe(true);
  });

  it('copies a ratio target down unchanged', async () => {
    const wrong = await logins
      .as('office')
      .post('/api/allocations')
      .send({ parentTaskId: top.COV, lines: [{ childUnitId: ids.D1, target: 99 }] });
    expect(wrong.status).toBe(400);
    const res = await logins
      .as('office')
      .post('/api/allocations')
      .send({ parentTaskId: top.COV, lines: [{ childUnitId: ids.D1 }, { childUnitId: ids.D2, target: 98.5 }] });
    expect(res.status).toBe(201);
    expect(res.body.lines.map((l: { target: string }) => l.target)).toEqual(['98.50', '98.50']);
    await submitAndApprove(res.body.id);
  });

  let d1Ep: number;
  let t1Ep: number;
  it('cascades city → district → town; each level sees its task only after approval', async () => {
    const mine = (await logins.as('d1mgr').get('/api/tasks/mine').query({ campaignId })).body;
    expect(mine.items.map((t: { indicatorCode: string; target: string }) => [t.indicatorCode, t.target])).toEqual(
      expect.arrayContaining([
        ['EP', '60.00'],
        ['AMT', '6.25'],
        ['COV', '98.50'],
      ]),
    );
    d1Ep = mine.items.find((t: { indicatorCode: string }) => t.indicatorCode === 'EP').id;
    // the district manager drafts for its towns; a town of another district is outside the subtree
    const outside = await logins
      .as('d1mgr')
      .post('/api/allocations')
      .send({ parentTaskId: d1Ep, lines: [{ childUnitId: ids.T2, target: 60 }] });
    expect(outside.status).toBe(400);
    expect(outside.body.fields[0]).toMatchObject({ field: 'lines[0].childUnitId' });
    const res = await logins
      .as('d1mgr')
      .post('/api/allocations')
      .send({ parentTaskId: d1Ep, lines: [{ childUnitId: ids.T1, target: 60, deadline: '2026-11-30' }] });
    expect(res.status).toBe(201);
    await logins.as('d1mgr').post(`/api/allocations/${res.body.id}/submit`).send({}).expect(200);
    expect((await logins.as('t1mgr').get('/api/tasks/mine')).body.total).toBe(0);
    await logins.as('deputy').post(`/api/allocations/${res.body.id}/approve`).send({}).expect(200);
    const t1 = (await logins.as('t1mgr').get('/api/tasks/mine')).body;
    expect(t1.items.map((t: { target: string; deadline: string }) => [t.target, t.deadline])).toEqual([['60.00', '2026-11-30']]);
    t1Ep = t1.items[0].id;
    const detail = (await logins.as('t1mgr').get(`/api/tasks/${t1Ep}`)).body;
    expect(detail.chain.map((t: { holderCode: string; target: string }) => [t.holderCode, t.target])).toEqual([
      ['C1', '100.00'],
      ['D1', '60.00'],
      ['T1', '60.00'],
    ]);
    // 60 × 25 % = 15; 60 × 50 % = 30; 60 × 75 % = 45 (milestones up to the deadline 30 Nov)
    expect(detail.milestones.map((m: { expected: string }) => m.expected)).toEqual(['15.00', '30.00', '45.00']);
    // the town sees its own task, not its sibling's or parent's allocation list beyond scope
    expect((await logins.as('t1mgr').get(`/api/tasks/${d1Ep}`)).status).toBe(403);
  });

  it('version 2 of an approved allocation updates the tasks and keeps history', async () => {
    const before = (await logins.as('office').get(`/api/tasks/${d1Ep}`)).body;
    const v2 = await logins
      .as('office')
      .post('/api/allocations')
      .send({
        parentTaskId: top.EP,
        lines: [
          { childUnitId: ids.D1, target: 70, deadline: '2026-06-30' },
          { childUnitId: ids.D2, target: 30 },
        ],
      });
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ version: 2, previousId: epAlloc, status: 'draft' });
    // tasks still follow version 1 until approval
    expect((await logins.as('office').get(`/api/tasks/${d1Ep}`)).body.target).toBe('60.00');
    await submitAndApprove(v2.body.id);
    const after = (await logins.as('office').get(`/api/tasks/${d1Ep}`)).body;
    expect(after).toMatchObject({ id: before.id, target: '70.00', deadline: '2026-06-30', allocationVersion: 2 });
    const v1 = (await logins.as('office').get(`/api/allocations/${epAlloc}`)).body;
    expect(v1.status).toBe('superseded');
    expect(v1.lines.map((l: { childCode: string; target: string }) => [l.childCode, l.target])).toEqual([
      ['D1', '60.00'],
      ['D2', '35.00'],
      ['A1', '5.00'],
    ]);
    expect(v1.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [1, 'superseded'],
      [2, 'approved'],
    ]);
    // A1 is no longer in the split: its task is withdrawn, not deleted
    const [a1] = await api.ds.query(`SELECT withdrawn_at FROM task WHERE parent_task_id = $1 AND holder_unit_id = $2`, [top.EP, ids.A1]);
    expect(a1.withdrawn_at).not.toBeNull();
    // the moved deadline re-planned the events: v1's pending ones cancelled, v2's overdue at 1 Jul 00:00 China
    const ev = await api.ds.query(
      `SELECT key, cancelled_at IS NOT NULL AS cancelled FROM task_deadline_event WHERE task_id = $1 AND kind = 'overdue' ORDER BY id`,
      [d1Ep],
    );
    expect(ev).toEqual([
      { key: 'overdue-2026-12-31-v1', cancelled: true },
      { key: 'overdue-2026-06-30-v2', cancelled: false },
    ]);
    // D1's own split (T1 60, due 30 Nov) no longer fits 70 due 30 Jun: marked out of step, D1's manager told
    const [d1Split] = await api.ds.query(`SELECT id FROM allocation WHERE parent_task_id = $1 AND status = 'approved'`, [d1Ep]);
    const stale = (await logins.as('d1mgr').get(`/api/allocations/${d1Split.id}`)).body;
    expect(stale.outOfStep).toBe(
      'lines[0].deadline: 不能晚于上级任务的截止日期 2026-06-30（must be no later than the parent deadline 2026-06-30）; lines: 各行合计 60.00，须等于上级目标 70.00（lines add up to 60.00; they must add up to exactly 70.00）',
    );
    const told = await api.ds.query(
      `SELECT n->>'subject' AS subject, n->>'body' AS body FROM outbox o, jsonb_array_elements(o.payload->'notices') n
        WHERE o.job_name = 'notices.create' AND n->>'kind' = 'allocation.out-of-step' AND (n->>'recipientUserId')::int = $1`,
      [ids.d1mgr],
    );
    expect(told).toHaveLength(1);
    expect(told[0].subject).toBe('请重新分解：企业职工基本养老保险新增参保');
    expect(told[0].body).toContain('已调整为目标 70.00、完成时限 2026-06-30');
    // the town's task keeps its figures until D1 re-splits (last test)
    expect((await logins.as('t1mgr').get(`/api/tasks/${t1Ep}`)).body).toMatchObject({ target: '60.00', deadline: '2026-11-30' });
  });

  it('exports the allocation table with Chinese headers and a total row', async () => {
    const res = await logins.as('office').get(`/api/campaigns/${campaignId}/allocation-table`).responseType('blob');
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('2026年扩面征缴专项行动单位C1目标任务分解表.xlsx')}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    const ws = wb.getWorksheet('任务分解表')!;
    expect(ws.getCell('A1').value).toBe('2026年扩面征缴专项行动 目标任务分解表');
    expect(ws.getCell('A2').value).toBe('单位：人、元、%');
    expect(ws.getCell('A3').value).toBe('地区');
    expect(ws.getCell('B3').value).toBe('企业职工基本养老保险新增参保');
    expect(ws.getCell('B4').value).toBe('目标（人）');
    expect(ws.getCell('C4').value).toBe('完成时限');
    expect(ws.getCell('D4').value).toBe('目标（元）');
    expect(ws.getCell('F4').value).toBe('目标（%）');
    expect([...ws.model.merges].sort()).toEqual(['A1:G1', 'A2:G2', 'A3:A4', 'B3:C3', 'D3:E3', 'F3:G3']);
    const row = (r: number) => [1, 2, 3, 4, 5, 6, 7].map((c) => ws.getRow(r).getCell(c).value);
    // the 98.5 % coverage target is the fraction 0.985 printed 98.5%; yuan with two decimals
    expect(row(5)).toEqual(['单位C1合计', 100, '2026-12-31', 10.5, '2026-12-31', 0.985, '2026-12-31']);
    expect(row(6)).toEqual(['单位D1', 70, '2026-06-30', 6.25, '2026-12-31', 0.985, '2026-12-31']);
    expect(row(7)).toEqual(['单位D2', 30, '2026-12-31', 4.25, '2026-12-31', 0.985, '2026-12-31']);
    expect(['B5', 'D5', 'F5'].map((a) => ws.getCell(a).numFmt)).toEqual(['0', '0.00', '0.0%']);
    expect(ws.getCell('A5').font).toMatchObject({ bold: true });
    expect(ws.getCell('G7').border).toMatchObject({ right: { style: 'thin' }, bottom: { style: 'thin' } });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:4' });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    const one = await logins.as('office').get(`/api/allocations/${epAlloc}/export`).responseType('blob');
    expect(one.headers['content-disposition']).toMatch(/filename\*=UTF-8''.*%E7%9B%AE%E6%A0%87%E4%BB%BB%E5%8A%A1%E5%88%86%E8%A7%A3%E8%A1%A8/); // 目标任务分解表
    const wb1 = new ExcelJS.Workbook();
    await wb1.xlsx.load(one.body as never);
    expect(wb1.worksheets[0].getCell('A8').value).toBe('单位A1');
    expect(wb1.worksheets[0].getCell('B8').value).toBe(5);
  });

  it('moving a campaign deadline reschedules its events', async () => {
    const r = await logins.as('office').post(`/api/tasks/${top.COV}/deadline`).send({ deadline: '2026-11-30' });
    expect(r.status).toBe(200);
    expect(r.body.deadline).toBe('2026-11-30');
    const ev = await api.ds.query(`SELECT key FROM task_deadline_event WHERE task_id = $1 AND cancelled_at IS NULL AND kind = 'overdue'`, [top.COV]);
    expect(ev).toEqual([{ key: 'overdue-2026-11-30-v2' }]);
    // D1's and D2's coverage tasks have no deadline of their own in the split: they follow to 30 Nov, events re-planned
    const children = await api.ds.query(
      `SELECT u.code, to_char(t.deadline, 'YYYY-MM-DD') AS deadline, e.key FROM task t JOIN org_unit u ON u.id = t.holder_unit_id
         JOIN task_deadline_event e ON e.task_id = t.id AND e.kind = 'overdue' AND e.cancelled_at IS NULL
        WHERE t.parent_task_id = $1 ORDER BY u.code`,
      [top.COV],
    );
    expect(children).toEqual([
      { code: 'D1', deadline: '2026-11-30', key: 'overdue-2026-11-30-v2' },
      { code: 'D2', deadline: '2026-11-30', key: 'overdue-2026-11-30-v2' },
    ]);
    expect((await logins.as('office').post(`/api/tasks/${d1Ep}/deadline`).send({ deadline: '2026-11-30' })).status).toBe(409);
  });

  const noticeCount = async (like: string): Promise<number> =>
    (await api.ds.query(`SELECT count(*)::int AS n FROM notice_item WHERE dedupe_key LIKE $1`, [like]))[0].n;

  it('sends each reminder and each overdue transition once with two workers running', async () => {
    workers = [await startWorker(env), await startWorker(env)];
    const run = () => Promise.all(workers.map((w) => w.get(DeadlinesService).reconcile()));
    // 23 Jun 09:00 China: 7 days before D1's deadline 30 Jun
    env.clock.set('2026-06-23T01:00:30Z');
    await run();
    await run();
    await waitFor(() => noticeCount(`task-${d1Ep}-deadline-2026-06-30-7-u%`));
    expect(await noticeCount(`task-${d1Ep}-deadline-2026-06-30-7-u%`)).toBe(1); // d1mgr is D1's only manager
    const [ev] = await api.ds.query(`SELECT done_at, done_by FROM task_deadline_event WHERE task_id = $1 AND key = 'reminder-deadline-2026-06-30-7-v2'`, [
      d1Ep,
    ]);
    expect(ev.done_at).not.toBeNull();
    // 1 Jul 00:00 China: D1's EP task is overdue (target 70, nothing completed)
    env.clock.set('2026-06-30T16:00:30Z');
    const counts = await run();
    await run();
    const [t] = await api.ds.query(`SELECT status FROM task WHERE id = $1`, [d1Ep]);
    expect(t.status).toBe('overdue');
    await waitFor(async () => (await noticeCount(`task-${d1Ep}-overdue-2026-06-30-escalation-u%`)) >= 4);
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(await noticeCount(`task-${d1Ep}-overdue-2026-06-30-u%`)).toBe(1);
    // escalation to the allocating unit (C1: leader, deputy, member hold role leader) and the office
    const esc = await api.ds.query(`SELECT u.username FROM notice_item n JOIN app_user u ON u.id = n.recipient_user_id WHERE n.dedupe_key LIKE $1 ORDER BY 1`, [
      `task-${d1Ep}-overdue-2026-06-30-escalation-u%`,
    ]);
    expect(esc.map((e: { username: string }) => e.username)).toEqual(['deputy', 'leader', 'member', 'office']);
    expect((await logins.as('d1mgr').get('/api/tasks/mine').query({ status: 'overdue' })).body.items.map((x: { id: number }) => x.id)).toEqual([d1Ep]);
  });

  it('never sends the same notice twice, even if an event is run again', async () => {
    const key = `task-${d1Ep}-deadline-2026-06-30-7-u${ids.d1mgr}`;
    // items listed in the digest that holds this notice: the same count afterwards means it was not listed twice
    const digestItems = async (): Promise<number> =>
      (await api.ds.query(`SELECT n.item_count FROM notice n JOIN notice_item i ON i.notice_id = n.id WHERE i.dedupe_key = $1`, [key]))[0].item_count;
    expect(await noticeCount(key)).toBe(1);
    const listed = await digestItems();
    const [{ before }] = await api.ds.query(`SELECT coalesce(max(id), 0)::text AS before FROM outbox`);
    // the reminder's event runs again (as after a lost commit) and its notice is sent again (as by a re-delivered job)
    await api.ds.query(`UPDATE task_deadline_event SET done_at = NULL WHERE task_id = $1 AND key = 'reminder-deadline-2026-06-30-7-v2'`, [d1Ep]);
    await workers[0].get(DeadlinesService).reconcile();
    const [ev] = await api.ds.query(`SELECT done_at FROM task_deadline_event WHERE task_id = $1 AND key = 'reminder-deadline-2026-06-30-7-v2'`, [d1Ep]);
    expect(ev.done_at).not.toBeNull();
    const notices = workers[0].get(NoticesService);
    await api.ds.transaction((m) => notices.notify(m, [{ recipientUserId: ids.d1mgr, kind: 'task.reminder', subject: 'x', body: 'x', dedupeKey: key }]));
    // every notices.create job written since has run (done in PostgreSQL), so the notice was really offered again
    const jobs = await waitFor(async () => {
      const rows: { done: boolean; payload: { notices: Parameters<NoticesService['create']>[0] } }[] = await api.ds.query(
        `SELECT done_at IS NOT NULL AS done, payload FROM outbox WHERE job_name = 'notices.create' AND id > $1::bigint ORDER BY id`,
        [before],
      );
      return rows.length > 0 && rows.every((r) => r.done) ? rows : null;
    });
    expect(jobs!.some((j) => j.payload.notices.some((n) => n.dedupeKey === key))).toBe(true);
    expect(await noticeCount(key)).toBe(1);
    expect(await digestItems()).toBe(listed);
    // and nothing more on a further tick, nor when each of those jobs is delivered once more
    expect(await workers[0].get(DeadlinesService).reconcile()).toBe(0);
    for (const j of jobs!) expect(await notices.create(j.payload.notices)).toBe(0);
    expect(await noticeCount(`task-${d1Ep}-deadline-2026-06-30-7-u%`)).toBe(1);
    expect(await digestItems()).toBe(listed);
  });

  it('a worker down across a deadline catches up once on restart', async () => {
    for (const w of workers) await w.close();
    workers = [];
    // T1's task is due 30 Nov and the moved COV deadline is 30 Nov: both overdue at 1 Dec 00:00 China, while no worker runs
    env.clock.set('2026-11-30T16:05:00Z');
    await new Promise((r) => setTimeout(r, 300));
    const [t] = await api.ds.query(`SELECT status FROM task WHERE id = $1`, [t1Ep]);
    expect(t.status).toBe('open');
    workers = [await startWorker(env)];
    await waitFor(async () => (await api.ds.query(`SELECT status FROM task WHERE id = $1`, [t1Ep]))[0].status === 'overdue');
    await waitFor(async () => (await api.ds.query(`SELECT status FROM task WHERE id = $1`, [top.COV]))[0].status === 'overdue');
    await waitFor(() => noticeCount(`task-${t1Ep}-overdue-2026-11-30-u%`));
    expect(await workers[0].get(DeadlinesService).reconcile()).toBe(0);
    expect(await noticeCount(`task-${t1Ep}-overdue-2026-11-30-u%`)).toBe(1);
    // the cancelled 31 Dec overdue of the moved COV deadline never acts
    const [old] = await api.ds.query(`SELECT done_at FROM task_deadline_event WHERE task_id = $1 AND key = 'overdue-2026-12-31-v1'`, [top.COV]);
    expect(old.done_at).toBeNull();
  });

  it('a new version of an out-of-step split fits the new figures and ends the flag', async () => {
    const [stale] = await api.ds.query(`SELECT id, out_of_step FROM allocation WHERE parent_task_id = $1 AND status = 'approved'`, [d1Ep]);
    expect(stale.out_of_step).not.toBeNull();
    const fix = await logins
      .as('d1mgr')
      .post('/api/allocations')
      .send({ parentTaskId: d1Ep, lines: [{ childUnitId: ids.T1, target: 70 }] });
    expect(fix.status).toBe(201);
    await submitAndApprove(fix.body.id, 'd1mgr');
    expect((await logins.as('d1mgr').get(`/api/allocations/${fix.body.id}`)).body.outOfStep).toBeNull();
    expect((await logins.as('t1mgr').get(`/api/tasks/${t1Ep}`)).body).toMatchObject({ target: '70.00', deadline: '2026-06-30' });
  });
});
