import { DEMO_PASSWORD, seedDemo } from '#platform';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

describe('demo campaign', () => {
  let env: TestEnv;
  let api: TestApi;
  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await seedDemo(api.ds);
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  it('cascades to villages with approved allocations whose lines add up, and every holder sees its tasks', async () => {
    const [c] = await api.ds.query(`SELECT id, status FROM campaign ORDER BY id LIMIT 1`);
    expect(c.status).toBe('active');
    // every count allocation adds up exactly to its parent task; ratio lines equal the parent rate
    const bad = await api.ds.query(
      `SELECT a.id FROM allocation a JOIN task p ON p.id = a.parent_task_id JOIN indicator i ON i.id = a.indicator_id JOIN allocation_line l ON l.allocation_id = a.id
        GROUP BY a.id, p.target, i.kind
       HAVING (i.kind = 'count' AND sum(l.target) <> p.target) OR (i.kind = 'ratio' AND (min(l.target) <> p.target OR max(l.target) <> p.target))`,
    );
    expect(bad).toEqual([]);
    const [{ levels }] = await api.ds.query(
      `SELECT count(DISTINCT u.level)::int AS levels FROM task t JOIN org_unit u ON u.id = t.holder_unit_id WHERE t.campaign_id = $1`,
      [c.id],
    );
    expect(levels).toBe(4); // city, district, town, village
    const token = await api.login('dh01001_manager', DEMO_PASSWORD);
    const mine = await api
      .http()
      .get('/api/tasks/mine')
      .set({ Authorization: `Bearer ${token}` });
    expect(mine.body.items.map((t: { indicatorCode: string; deadline: string }) => [t.indicatorCode, t.deadline]).sort()).toEqual([
      ['EP-NEW', '2026-10-31'],
      ['MED-COV', '2026-10-31'],
      ['RP-RENEW', '2026-10-31'],
    ]);
    const [{ n }] = await api.ds.query(
      `SELECT count(*)::int AS n FROM task_deadline_event e JOIN task t ON t.id = e.task_id WHERE t.campaign_id = $1 AND e.kind = 'overdue'`,
      [c.id],
    );
    const [{ tasks }] = await api.ds.query(`SELECT count(*)::int AS tasks FROM task WHERE campaign_id = $1`, [c.id]);
    expect(n).toBe(tasks);
  });
});
