import { OutboxService } from '#core';
import { makeSmallCity } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

describe('outbox', () => {
  let env: TestEnv;
  let api: TestApi;
  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  it('writes many jobs in the caller transaction, and none when it rolls back', async () => {
    const outbox = api.app.get(OutboxService);
    await api.ds.transaction((m) =>
      outbox.enqueueMany(m, [
        { name: 'system.probe', payload: { probeId: 1 }, opts: { jobId: 'probe-a' } },
        { name: 'system.probe', payload: { probeId: 2 }, opts: { runAt: new Date('2026-05-01T00:00:00Z') } },
      ]),
    );
    await expect(
      api.ds.transaction(async (m) => {
        await outbox.enqueue(m, 'system.probe', { probeId: 3 });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const rows = await api.ds.query(`SELECT job_name, job_id, payload, run_at FROM outbox ORDER BY id`);
    expect(rows).toEqual([
      { job_name: 'system.probe', job_id: 'probe-a', payload: { probeId: 1 }, run_at: null },
      { job_name: 'system.probe', job_id: '', payload: { probeId: 2 }, run_at: new Date('2026-05-01T00:00:00Z') },
    ]);
  });
});
