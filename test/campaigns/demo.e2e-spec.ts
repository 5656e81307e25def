import { DeadlinesService } from '#campaigns';
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
    const mine = await api.as(token).get('/api/tasks/mine');
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

  it('freshly loaded and reconciled, shows no met task overdue and escalates none (issue 12 §1)', async () => {
    // the demo is dated by the real clock: let the reconciler act on every deadline already past today
    env.clock.set(new Date());
    await api.app.get(DeadlinesService).reconcile();
    // each task's figure now (its unit's rollup), judged here independently: count actual >= target, ratio rate >= target %
    const rows: { id: number; status: string; reached: boolean; past: boolean }[] = await api.ds.query(
      `SELECT t.id, t.status, coalesce(CASE WHEN i.kind = 'ratio' THEN sum(r.d_den) > 0 AND sum(r.d_actual) * 100 >= t.target * sum(r.d_den)
                                           ELSE sum(r.d_actual) >= t.target END, false) AS reached,
              now() >= (t.deadline + 1)::timestamp AT TIME ZONE 'Asia/Shanghai' AS past
         FROM task t JOIN indicator i ON i.id = t.indicator_id
         LEFT JOIN progress_rollup r ON r.unit_id = t.holder_unit_id AND r.indicator_id = t.indicator_id
        GROUP BY t.id, i.kind`,
    );
    const by = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).map((r) => r.id);
    expect(by((r) => r.status === 'overdue' && r.reached)).toEqual([]);
    expect(by((r) => r.reached).sort()).toEqual(by((r) => r.status === 'met').sort());
    expect(by((r) => r.status === 'met').length).toBeGreaterThan(0);
    // overdue means unmet at a past deadline
    expect(by((r) => r.status === 'overdue').sort()).toEqual(by((r) => !r.reached && r.past).sort());
    const escalated: { id: number }[] = await api.ds.query(
      `SELECT DISTINCT t.id FROM outbox o, jsonb_array_elements(o.payload->'notices') n JOIN task t ON n->>'dedupeKey' LIKE 'task-' || t.id || '-overdue-%'
        WHERE o.job_name = 'notices.create' AND t.status = 'met'`,
    );
    expect(escalated).toEqual([]);
  });
});
