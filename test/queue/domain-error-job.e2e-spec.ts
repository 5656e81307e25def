import { JobLookup, OutboxReconciler, OutboxService, QueueName } from '#core';
import { INestApplicationContext } from '@nestjs/common';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv, waitFor } from '../helpers/test-app';

jest.setTimeout(30000);

/**
 * Issue 18: a job whose handler refuses it with a DomainError (here a credit for a campaign that does not
 * exist: NOT_FOUND) would answer the same on every attempt. It fails at once (BullMQ UnrecoverableError: one
 * attempt, not five with backoff), its outbox row is recorded dead with the reason, and the reconciler does
 * not write it again. Before, BullMQ ran it five times and the reconciler wrote it again after two minutes.
 */
describe('a domain error inside a job', () => {
  let env: TestEnv;
  let api: TestApi;
  let worker: INestApplicationContext;
  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    worker = await startWorker(env);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await env.drop();
  });

  it('fails the job at once, records it dead, and is not written again', async () => {
    await api.ds.transaction((m) =>
      api.app
        .get(OutboxService)
        .enqueue(
          m,
          'progress.credit',
          { campaignId: 999999, orgUnitId: 1, amount: 3, source: 'inspection', sourceRef: 'case-1', on: '2026-03-02' },
          { jobId: 'credit-domain-error' },
        ),
    );
    const row = await waitFor(async () => {
      const rows: { dead_reason: string; relayed_job_id: string; done_at: Date | null }[] = await api.ds.query(
        `SELECT dead_reason, relayed_job_id, done_at FROM outbox WHERE job_id = 'credit-domain-error' AND dead_at IS NOT NULL`,
      );
      return rows[0];
    });
    // the code and the message of DomainError.notFound('campaign', 999999)
    expect(row).toMatchObject({ dead_reason: 'NOT_FOUND: 扩面任务 999999 不存在（campaign 999999 does not exist）', done_at: null });
    const job = await worker.get(JobLookup).queue(QueueName.Bulletins).getJob(row.relayed_job_id);
    expect(job?.attemptsMade).toBe(1);
    expect(job?.failedReason).toBe('NOT_FOUND: 扩面任务 999999 不存在（campaign 999999 does not exist）');
    expect(await worker.get(OutboxReconciler).reconcileOnce()).toEqual({ done: 0, requeued: 0, dead: 0 });
    const [{ n }] = await api.ds.query(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL AND job_id = 'credit-domain-error'`);
    expect(n).toBe(0);
  });
});
