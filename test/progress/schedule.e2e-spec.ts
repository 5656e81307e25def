import { ProgressSchedule } from '#progress';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

/** progress's timer only enqueues progress.reconcile, one job id per ten-minute bucket (the work is in the job's handler, jobs/progress.jobs.ts). */
describe('progress schedule', () => {
  let env: TestEnv;
  let api: TestApi;

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  it('enqueues the reconcile job with one job id per ten-minute bucket', async () => {
    const schedule = api.app.get(ProgressSchedule);
    // 2026-03-02T02:00:00Z = 1772416800000 ms -> bucket 1772416800000 / 600000 = 2954028;
    // 02:09:59 is still bucket 2954028, 02:10:00 is 2954029
    env.clock.set('2026-03-02T02:00:00Z');
    await schedule.tick();
    env.clock.set('2026-03-02T02:09:59Z');
    await schedule.tick();
    env.clock.set('2026-03-02T02:10:00Z');
    await schedule.tick();
    const rows: { job_name: string; job_id: string }[] = await api.ds.query(`SELECT job_name, job_id FROM outbox ORDER BY id`);
    expect(rows).toEqual([
      { job_name: 'progress.reconcile', job_id: 'progress-reconcile-2954028' },
      { job_name: 'progress.reconcile', job_id: 'progress-reconcile-2954028' },
      { job_name: 'progress.reconcile', job_id: 'progress-reconcile-2954029' },
    ]);
  });
});
