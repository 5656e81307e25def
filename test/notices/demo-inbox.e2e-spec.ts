import { DeadlinesService } from '#campaigns';
import { QueueName } from '#core';
import { EnforcementJobs } from '#enforcement';
import { DEMO_PASSWORD, seedDemo } from '#platform';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv, waitFor } from '../helpers/test-app';

/**
 * Issue 12 §2: right after the demo loaded and the worker caught up (every past-due deadline event of 222 tasks,
 * the enforcement cutoffs since the campaign began), the office had 240 unread notices, one per event. Now each
 * person has at most one notice per kind (the demo loads and catches up within one business day), so a handful.
 * The demo dates from the real date (it is seeded with the real now), so the clock is the real one here.
 */
describe('demo: a readable inbox after the load and the catch-up', () => {
  let env: TestEnv;
  let api: TestApi;
  let worker: INestApplicationContext;
  beforeAll(async () => {
    env = await createTestEnv();
    env.clock.set(new Date());
    api = await startApi(env);
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
    await env.drop();
  });

  it('leaves each person a handful of notices, one per kind, that list every event', async () => {
    expect(await seedDemo(api.ds)).not.toBeNull();
    worker = await startWorker(env);
    await worker.get(DeadlinesService).reconcile();
    await worker.get(EnforcementJobs).reconcile();
    const queue = worker.get<Queue>(getQueueToken(QueueName.Notices), { strict: false });
    const settled = async () => {
      const [{ n }] = await api.ds.query(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL AND job_name = 'notices.create'`);
      const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return n === 0 && c.waiting + c.active + c.delayed + c.prioritized === 0;
    };
    await waitFor(settled, 60_000);
    const [{ items, events }] = await api.ds.query(
      `SELECT (SELECT count(*)::int FROM notice_item) AS items, (SELECT count(*)::int FROM task_deadline_event WHERE done_at IS NOT NULL) AS events`,
    );
    // the catch-up did happen (events done, items filed): the inbox is small because it is digested, not because nothing ran
    expect(events).toBeGreaterThan(0);
    expect(items).toBeGreaterThan(0);
    const perKind = await api.ds.query(`SELECT recipient_user_id, kind, count(*)::int AS n FROM notice GROUP BY 1, 2 HAVING count(*) > 1`);
    expect(perKind).toEqual([]);
    const [{ most }] = await api.ds.query(`SELECT coalesce(max(n), 0)::int AS most FROM (SELECT count(*) AS n FROM notice GROUP BY recipient_user_id) x`);
    expect(most).toBeLessThanOrEqual(5);
    // every item is in its recipient's notice of its kind
    const [{ astray }] = await api.ds.query(
      `SELECT count(*)::int AS astray FROM notice_item i LEFT JOIN notice n ON n.id = i.notice_id
        WHERE n.id IS NULL OR n.recipient_user_id <> i.recipient_user_id OR n.kind <> i.kind`,
    );
    expect(astray).toBe(0);

    // the office's inbox: unread counts one per kind, and its notices list all of the office's items
    const token = await api.login('office', DEMO_PASSWORD);
    const res = await api.as(token).get('/api/notices?pageSize=50');
    expect(res.status).toBe(200);
    const [{ officeItems }] = await api.ds.query(
      `SELECT count(*)::int AS "officeItems" FROM notice_item i JOIN app_user u ON u.id = i.recipient_user_id WHERE u.username = 'office'`,
    );
    expect(res.body.unread).toBe(res.body.items.length);
    expect(res.body.unread).toBeLessThanOrEqual(5);
    expect(Object.values(res.body.unreadByKind)).toEqual(res.body.items.map(() => 1));
    expect(res.body.items.reduce((s: number, n: { itemCount: number; items: unknown[] }) => s + n.items.length, 0)).toBe(officeItems);
    expect(res.body.items.reduce((s: number, n: { itemCount: number }) => s + n.itemCount, 0)).toBe(officeItems);
  });
});
