import { INestApplicationContext } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { createTestEnv, startWorker, TestEnv } from '../helpers/test-app';

/**
 * Issue 18, one schedule dialect: every schedule has its tick (an @Interval) besides its start-up catch-up.
 * @nestjs/schedule keeps one timer type per method, so a @Timeout stacked over an @Interval silently dropped
 * the interval (the registry's and outreach's ticks never fired after start-up); this lists what is registered.
 */
describe('the worker registers every schedule tick', () => {
  let env: TestEnv;
  let worker: INestApplicationContext;
  beforeAll(async () => {
    env = await createTestEnv();
    worker = await startWorker(env);
  });
  afterAll(async () => {
    await worker.close();
    await env.drop();
  });

  it('has one interval per schedule', () => {
    expect(worker.get(SchedulerRegistry).getIntervals().sort()).toEqual([
      'deadlines-tick',
      'enforcement-tick',
      'idempotency-key-sweep',
      'notices-reescalate',
      'outreach-plans',
      'outreach-reconcile',
      'outreach-resume',
      'progress-reconcile',
      'registry-import-reconcile',
      'registry-upload-sweep',
    ]);
  });
});
