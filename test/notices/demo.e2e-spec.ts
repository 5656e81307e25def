import { seedDemo } from '#platform';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

describe('demo: a finished reminder round', () => {
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

  it('has one finished round with delivered and failed messages', async () => {
    expect(await seedDemo(api.ds)).not.toBeNull();
    const rounds = await api.ds.query(`SELECT id, status, name FROM reminder_round`);
    expect(rounds).toEqual([{ id: expect.any(Number), status: 'finished', name: '三月断缴提醒（第一轮）' }]);
    const totals = await api.ds.query(`SELECT state, count(*)::int AS n FROM outreach_message GROUP BY state ORDER BY state`);
    expect(totals).toEqual([
      { state: 'delivered', n: 9 },
      { state: 'failed', n: 2 },
      { state: 'skipped', n: 1 },
    ]);
    const ids: { id_number: string }[] = await api.ds.query(`SELECT id_number FROM registry_person`);
    expect(ids.every((r) => /^\d{17}[\dX]$/.test(r.id_number))).toBe(true);
  });
});
