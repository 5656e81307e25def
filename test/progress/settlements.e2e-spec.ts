import { SettlementsService } from '#progress';
import { INestApplicationContext } from '@nestjs/common';
import { makeSmallCity } from '../helpers/factories';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv, waitFor } from '../helpers/test-app';
import { makeCampaign, makeTasks } from './progress-factory';

/**
 * Rewards and penalties at each task's own deadline (DOMAIN.md section 9): a task is settled with its
 * parent's subtree when it shares the parent's deadline, on its own when its allocation gave it another.
 */
describe('settlements at every level', () => {
  let env: TestEnv;
  let api: TestApi;
  let worker: INestApplicationContext;
  let campaignId: number;
  let ep: Record<string, number>;
  let office: string;

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    worker = await startWorker(env);
    await makeSmallCity(api.ds);
    office = await api.login('office');
    const c = await makeCampaign(api.ds, 'C1', [{ code: 'EP', name: '企业职工养老保险新增参保', kind: 'count' }], {
      settings: { incentives: { a: 80, b: 60, x: 20, y: 30, z: 10 } },
    });
    campaignId = c.campaignId;
    // C1 1000 (31 Dec) -> D1 600 due 30 Jun (T1 600 -> V1 300, V2 300, all 30 Jun), D2 400 (T2 400, 31 Dec)
    ep = await makeTasks(api.ds, campaignId, c.indicatorIds.EP, { unit: 'C1', target: 1000 });
    Object.assign(
      ep,
      await makeTasks(
        api.ds,
        campaignId,
        c.indicatorIds.EP,
        {
          unit: 'D1',
          target: 600,
          children: [
            {
              unit: 'T1',
              target: 600,
              children: [
                { unit: 'V1', target: 300 },
                { unit: 'V2', target: 300 },
              ],
            },
          ],
        },
        '2026-06-30',
        ep.C1,
      ),
    );
    Object.assign(
      ep,
      await makeTasks(api.ds, campaignId, c.indicatorIds.EP, { unit: 'D2', target: 400, children: [{ unit: 'T2', target: 400 }] }, '2026-12-31', ep.C1),
    );
    const report = (task: number, asOf: string, actual: number) =>
      api.ds.query(`INSERT INTO progress_report (task_id, as_of, actual, reported_at) VALUES ($1, $2, $3, now())`, [task, asOf, actual]);
    await report(ep.V1, '2026-06-30', 300); // 100 %
    await report(ep.V2, '2026-06-30', 200); // 66.7 %
    await report(ep.V1, '2026-07-15', 330); // after D1's deadline: not in its settlement
    await report(ep.T2, '2026-12-31', 340); // 85 %
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await env.drop();
  });

  const settled = async () =>
    api.ds.query(
      `SELECT s.task_id, s.period, s.totals, (SELECT json_agg(json_build_array(o.code, l.new_enrolees::text, l.tier, l.reward::text, l.deduction::text) ORDER BY l.id)
                                                FROM settlement_line l JOIN org_unit o ON o.id = l.unit_id WHERE l.settlement_id = s.id) AS lines
         FROM settlement s ORDER BY s.id`,
    );

  it('settles a district whose task has its own deadline at that deadline, with itself and its subtree', async () => {
    env.clock.set('2026-07-20T02:00:00Z');
    const svc = worker.get(SettlementsService);
    expect(await svc.enqueueDue()).toBe(1);
    const rows = await waitFor(async () => {
      const r = await settled();
      return r.length ? r : null;
    });
    // as of 30 Jun: D1 = T1 = 300 + 200 = 500 of 600 (83.3 %: >= A 80, X 20 x 500); V1 300/300 (Y 30 x 300); V2 200/300 66.7 % (between B and A)
    expect(rows).toEqual([
      {
        task_id: ep.D1,
        period: '2026-06-30',
        totals: { reward: '29000', deduction: '0', lines: 4 },
        lines: [
          ['D1', '500', 'partial', '10000', '0'],
          ['T1', '500', 'partial', '10000', '0'],
          ['V1', '300', 'full', '9000', '0'],
          ['V2', '200', 'none', '0', '0'],
        ],
      },
    ]);
    expect(await svc.enqueueDue()).toBe(0);
  });

  it('settles the city at its deadline without the district settled at its own', async () => {
    env.clock.set('2027-01-02T02:00:00Z');
    const svc = worker.get(SettlementsService);
    expect(await svc.enqueueDue()).toBe(1);
    const rows = await waitFor(async () => {
      const r = await settled();
      return r.length === 2 ? r : null;
    });
    // D2 = T2 = 340 of 400 = 85 %: X 20 x 340 = 6800 each; D1's subtree (deadline 30 Jun) is not settled again
    expect(rows[1]).toEqual({
      task_id: ep.C1,
      period: '2026-12-31',
      totals: { reward: '13600', deduction: '0', lines: 2 },
      lines: [
        ['D2', '340', 'partial', '6800', '0'],
        ['T2', '340', 'partial', '6800', '0'],
      ],
    });
    expect(await svc.enqueueDue()).toBe(0);
    const list = await api
      .http()
      .get(`/api/settlements?campaignId=${campaignId}`)
      .set({ Authorization: `Bearer ${office}` })
      .expect(200);
    expect(list.body.total).toBe(2);
  });
});
