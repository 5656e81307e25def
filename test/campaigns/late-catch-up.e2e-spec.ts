import { DeadlinesService } from '#campaigns';
import { INestApplicationContext } from '@nestjs/common';
import { makeCampaign, makeSmallCity } from '../helpers/factories';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv, waitFor } from '../helpers/test-app';

/**
 * Issue 13 §5: the workers are down from 1 Dec 2026 until 5 Jan 2027 10:00 China (02:00 UTC). Reminders go out
 * 7, 3 and 1 days before a deadline at 09:00 China (01:00 UTC); the overdue transition at 00:00 China the day after.
 *   A: D1's task in the 2026 campaign, due 31 Dec 2026: reminders 24, 28, 30 Dec, overdue 1 Jan 00:00. At the
 *      catch-up the deadline is over: the three reminders are skipped ('passed'), one overdue notice to d1mgr and
 *      one escalation to the office (C1 has no managers or leaders); units are named 单位D1, 单位T1, both stating 2026-12-31.
 *   B: T1's task in a campaign to June 2027, due 7 Jan 2027: reminders 31 Dec, 4 Jan, 6 Jan. At the catch-up the
 *      31 Dec and 4 Jan ones are due and the deadline is ahead: 31 Dec gives way to 4 Jan ('superseded'), which
 *      says the true 7 Jan - 5 Jan = 2 days (not its planned 3). On 6 Jan (on time) the last one says 1 day.
 */
describe('deadlines: a late catch-up sends only what is still true', () => {
  let env: TestEnv;
  let api: TestApi;
  let worker: INestApplicationContext | undefined;
  const task: Record<string, number> = {};

  const events = async (taskId: number) =>
    api.ds.query(`SELECT key, done_at IS NOT NULL AS done, skip_reason FROM task_deadline_event WHERE task_id = $1 ORDER BY due_at`, [taskId]);
  /** Every notice handed to the outbox is in its recipient's inbox. */
  const delivered = async () =>
    (
      await api.ds.query(
        `SELECT count(*)::int AS n FROM outbox o, jsonb_array_elements(o.payload->'notices') x
          WHERE o.job_name = 'notices.create' AND NOT EXISTS (SELECT 1 FROM notice_item i WHERE i.dedupe_key = x->>'dedupeKey')`,
      )
    )[0].n === 0;
  /** The task notices' items (the worker also runs the campaigns' escalation cutoffs: not looked at here). */
  const items = () =>
    api.ds.query(
      `SELECT u.username, i.kind, i.subject, i.body FROM notice_item i JOIN app_user u ON u.id = i.recipient_user_id
        WHERE i.kind LIKE 'task.%' ORDER BY i.created_at, u.username, i.kind`,
    );

  beforeAll(async () => {
    env = await createTestEnv();
    env.clock.set('2026-12-01T02:00:00Z');
    api = await startApi(env);
    await makeSmallCity(api.ds);
    const plan = async (code: string, name: string, endsOn: string, unit: string, deadline: string) => {
      const made = await makeCampaign(api.ds, {
        name,
        startsOn: '2026-07-01',
        endsOn,
        indicators: [{ code: 'EP', name: '企业职工养老保险新增参保' }],
        tasks: { EP: { unit, target: 100, deadline } },
      });
      task[code] = made.taskIds.EP[unit];
    };
    await plan('A', '2026年扩面专项行动', '2026-12-31', 'D1', '2026-12-31');
    await plan('B', '2026—2027年度扩面专项行动', '2027-06-30', 'T1', '2027-01-07');
    const deadlines = api.app.get(DeadlinesService);
    await api.ds.transaction((m) => deadlines.schedule(m, [task.A, task.B]));
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
    await env.drop();
  });

  it('skips reminders whose deadline is over, sends one overdue notice naming it, and a late reminder with the days truly left', async () => {
    env.clock.set('2027-01-05T02:00:00Z');
    worker = await startWorker(env); // it catches up on start
    await waitFor(async () => (await api.ds.query(`SELECT count(*)::int AS n FROM task_deadline_event WHERE done_at IS NOT NULL`))[0].n === 6);
    await waitFor(delivered);
    expect(await events(task.A)).toEqual([
      { key: 'reminder-deadline-2026-12-31-7-v1', done: true, skip_reason: 'passed' },
      { key: 'reminder-deadline-2026-12-31-3-v1', done: true, skip_reason: 'passed' },
      { key: 'reminder-deadline-2026-12-31-1-v1', done: true, skip_reason: 'passed' },
      { key: 'overdue-2026-12-31-v1', done: true, skip_reason: null },
    ]);
    expect(await events(task.B)).toEqual([
      { key: 'reminder-deadline-2027-01-07-7-v1', done: true, skip_reason: 'superseded' },
      { key: 'reminder-deadline-2027-01-07-3-v1', done: true, skip_reason: null },
      { key: 'reminder-deadline-2027-01-07-1-v1', done: false, skip_reason: null },
      { key: 'overdue-2027-01-07-v1', done: false, skip_reason: null },
    ]);
    expect((await api.ds.query(`SELECT status FROM task WHERE id = $1`, [task.A]))[0].status).toBe('overdue');
    expect(await items()).toEqual([
      {
        username: 'd1mgr',
        kind: 'task.overdue',
        subject: '任务逾期：企业职工养老保险新增参保（完成时限 2026-12-31）',
        body: '2026年扩面专项行动：单位D1的“企业职工养老保险新增参保”任务（目标 100.00）已超过完成时限 2026-12-31 未完成。',
      },
      {
        username: 'office',
        kind: 'task.escalation',
        subject: '逾期督办：单位D1 企业职工养老保险新增参保（完成时限 2026-12-31）',
        body: '2026年扩面专项行动：单位D1的“企业职工养老保险新增参保”任务（目标 100.00）已超过完成时限 2026-12-31 未完成，请督促落实。',
      },
      {
        username: 't1mgr',
        kind: 'task.reminder',
        subject: '任务提醒：距完成时限 2027-01-07还有2天',
        body: '2026—2027年度扩面专项行动：单位T1的“企业职工养老保险新增参保”任务（目标 100.00）距完成时限 2027-01-07还有2天，请抓紧推进。',
      },
    ]);
  });

  it('sends the next reminder on time with its planned days, and nothing of the catch-up again', async () => {
    env.clock.set('2027-01-06T02:00:00Z'); // 6 Jan 10:00 China: B's 1-day reminder (09:00) is due
    expect(await worker!.get(DeadlinesService).reconcile()).toBe(1);
    await waitFor(delivered);
    const all = await items();
    expect(all).toHaveLength(4);
    expect(all[3]).toEqual({
      username: 't1mgr',
      kind: 'task.reminder',
      subject: '任务提醒：距完成时限 2027-01-07还有1天',
      body: '2026—2027年度扩面专项行动：单位T1的“企业职工养老保险新增参保”任务（目标 100.00）距完成时限 2027-01-07还有1天，请抓紧推进。',
    });
    expect((await events(task.B))[2]).toEqual({ key: 'reminder-deadline-2027-01-07-1-v1', done: true, skip_reason: null });
  });
});
