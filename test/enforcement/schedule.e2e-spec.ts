import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createTestEnv, startWorker, TestEnv, waitFor } from '../helpers/test-app';

/**
 * Issue 18, one schedule dialect: enforcement's start-up catch-up is enqueued like its tick, under the
 * per-minute id, so two workers starting in the same minute make one reconcile job, which a handler runs.
 * Before, each worker ran the reconcile inside its start-up timer and wrote no outbox row.
 */
describe('enforcement schedule: the start-up catch-up is a job', () => {
  let env: TestEnv;
  let workers: INestApplicationContext[] = [];

  beforeAll(async () => {
    env = await createTestEnv();
    // 2026-09-10T09:30:20Z is 1 788 946 220 s since the epoch: minute 29 817 210 (the 21st second past minute 29 817 210 × 60 s)
    env.clock.set('2026-09-10T09:30:20Z');
  });

  afterAll(async () => {
    for (const w of workers) await w.close();
    await env.drop();
  });

  it('two workers starting in the same minute enqueue one reconcile job, and it runs', async () => {
    workers = await Promise.all([startWorker(env), startWorker(env)]);
    const ds = workers[0].get(DataSource);
    const rows = await waitFor(async () => {
      const r: { job_id: string; done: boolean }[] = await ds.query(
        `SELECT job_id, done_at IS NOT NULL AS done FROM outbox WHERE job_name = 'enforcement.reconcile' ORDER BY id`,
      );
      return r.length === 2 && r.some((x) => x.done) ? r : null;
    });
    // one row per worker start, both under the same id: BullMQ keeps one job of that id, and its handler ran
    expect(rows?.map((r) => r.job_id)).toEqual(['enforcement-reconcile-29817210', 'enforcement-reconcile-29817210']);
  });
});
