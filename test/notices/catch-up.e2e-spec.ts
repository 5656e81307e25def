import { DeadlinesService } from '#campaigns';
import { QueueName } from '#core';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { makeCampaign, makeSmallCity, TaskSpec, unitId } from '../helpers/factories';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv, waitFor } from '../helpers/test-app';

/**
 * Issue 12 §2: a campaign entered with past dates. Its 12 tasks are all past their deadlines when they are
 * created; the worker starts and catches up every overdue transition in one run. Each person gets one notice
 * per kind that lists the tasks, not one notice per task.
 */
describe('notices: a catch-up of past events sends one summary per person and kind', () => {
  let env: TestEnv;
  let api: TestApi;
  let worker: INestApplicationContext | undefined;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    env = await createTestEnv(); // 2 Mar 2026 10:00 in China
    api = await startApi(env);
    await makeSmallCity(api.ds);
    for (const r of await api.ds.query(`SELECT id, username FROM app_user`)) ids[r.username] = r.id;
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
    await env.drop();
  });

  it('digests the overdue and escalation notices of 12 past-due tasks into 5 notices', async () => {
    const unit = async (code: string) => unitId(api.ds, code);
    // per indicator: C1 (deadline 20 Feb) → T1 (10 Feb) → V1, V2 (5 Feb); nothing reported, so every task is unmet
    const tree = (): TaskSpec => ({
      unit: 'C1',
      target: 100,
      deadline: '2026-02-20',
      children: [
        {
          unit: 'T1',
          target: 100,
          deadline: '2026-02-10',
          children: [
            { unit: 'V1', target: 100, deadline: '2026-02-05' },
            { unit: 'V2', target: 100, deadline: '2026-02-05' },
          ],
        },
      ],
    });
    const made = await makeCampaign(api.ds, {
      name: '2026年扩面专项行动',
      indicators: [
        { code: 'EP', name: '企业职工基本养老保险新增参保', insuranceType: 'other' },
        { code: 'RP', name: '城乡居民基本养老保险续缴', insuranceType: 'other' },
        { code: 'WI', name: '工伤保险新增参保', insuranceType: 'other' },
      ],
      tasks: { EP: tree(), RP: tree(), WI: tree() },
    });
    const taskIds = Object.values(made.taskIds).flatMap((byUnit) => Object.values(byUnit));
    const deadlines = api.app.get(DeadlinesService);
    await api.ds.transaction((m) => deadlines.schedule(m, taskIds));

    // the worker catches up on start (and once more here: nothing is done twice)
    worker = await startWorker(env);
    await worker.get(DeadlinesService).reconcile();
    await waitFor(async () => (await api.ds.query(`SELECT count(*)::int AS n FROM task WHERE status = 'overdue'`))[0].n === 12);
    const queue = worker.get<Queue>(getQueueToken(QueueName.Notices), { strict: false });
    await waitFor(async () => {
      const [{ n }] = await api.ds.query(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL AND job_name = 'notices.create'`);
      const q = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return n === 0 && q.waiting + q.active + q.delayed + q.prioritized === 0;
    });

    // By hand, per indicator (x 3):
    //   C1 task: no managers at C1; escalated to the office (the campaign unit's office user)
    //   T1 task: overdue to t1mgr; escalated to the office (C1 has no managers or leaders)
    //   V1, V2:  overdue to v1mgr, v2mgr; escalated to T1's manager t1mgr and to the office
    // items: office 4 x 3 = 12 escalations; t1mgr 1 x 3 overdue + 2 x 3 escalations; v1mgr 3; v2mgr 3 = 27.
    // Before digests these were 27 notices; now one per person and kind: 5.
    const rows = await api.ds.query(
      // the deadline notices only: the reporting reminders of the unreported period (progress.unreported) come
      // from another schedule, which may or may not have run by now
      `SELECT u.username, n.kind, n.subject, n.item_count FROM notice n JOIN app_user u ON u.id = n.recipient_user_id
        WHERE n.kind LIKE 'task.%' ORDER BY u.username, n.kind`,
    );
    expect(rows).toEqual([
      { username: 'office', kind: 'task.escalation', subject: '12 项逾期任务待督办', item_count: 12 },
      { username: 't1mgr', kind: 'task.escalation', subject: '6 项逾期任务待督办', item_count: 6 },
      { username: 't1mgr', kind: 'task.overdue', subject: '3 项任务已逾期', item_count: 3 },
      { username: 'v1mgr', kind: 'task.overdue', subject: '3 项任务已逾期', item_count: 3 },
      { username: 'v2mgr', kind: 'task.overdue', subject: '3 项任务已逾期', item_count: 3 },
    ]);
    const [{ items }] = await api.ds.query(`SELECT count(*)::int AS items FROM notice_item`);
    expect(items).toBe(27);
    // v1mgr's notice names each of its three tasks, linked
    const [v1] = await api.ds.query(`SELECT array_agg(i.link_id::int ORDER BY i.link_id::int) AS tasks FROM notice_item i WHERE i.recipient_user_id = $1`, [
      ids.v1mgr,
    ]);
    const v1Tasks = await api.ds.query(`SELECT array_agg(id ORDER BY id) AS tasks FROM task WHERE holder_unit_id = $1`, [await unit('V1')]);
    expect(v1.tasks).toEqual(v1Tasks[0].tasks);
    expect(v1.tasks).toHaveLength(3);
  });
});
