import { DEMO_PASSWORD, seedDemo } from '#platform';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

describe('progress demo', () => {
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

  it('tells a story on the city dashboard: ahead, behind, a zero unit and a bulletin', async () => {
    const [c] = await api.ds.query(`SELECT id, org_unit_id FROM campaign ORDER BY id LIMIT 1`);
    const [b] = await api.ds.query(
      `SELECT id, to_char(bulletin_date, 'YYYY-MM-DD') AS date FROM bulletin WHERE campaign_id = $1 ORDER BY bulletin_date DESC LIMIT 1`,
      [c.id],
    );
    expect(b).toBeDefined();
    const token = await api.login('office', DEMO_PASSWORD);
    const res = await api.as(token).get(`/api/dashboards?campaignId=${c.id}&unitId=${c.org_unit_id}&date=${b.date}`).expect(200);
    const ep = res.body.indicators.find((i: { code: string }) => i.code === 'EP-NEW');
    const status = Object.fromEntries(ep.rows.map((r: { code: string; status: string }) => [r.code, r.status]));
    expect(status.DH).toBe('ahead');
    expect(status.XL).toBe('behind');
    const [{ zero }] = await api.ds.query(
      `SELECT count(*)::int AS zero FROM (SELECT DISTINCT ON (r.task_id) r.actual FROM progress_report r JOIN task t ON t.id = r.task_id
         WHERE t.campaign_id = $1 ORDER BY r.task_id, r.as_of DESC, r.id DESC) latest WHERE actual = 0`,
      [c.id],
    );
    expect(zero).toBeGreaterThan(0);
    const bulletin = await api.as(token).get(`/api/bulletins/${b.id}`).expect(200);
    expect(bulletin.body.content.sections.length).toBe(3);
  });

  it('settles the demo paying each enrolee once: towns and districts are not paid again for their villages’ people', async () => {
    env.clock.set(new Date()); // the demo's reports run up to the real today; tasks past their own deadline (villages 31 Oct, towns 30 Nov) are settled
    const token = await api.login('office', DEMO_PASSWORD);
    const tasks: { id: number; level: string }[] = await api.ds.query(
      `SELECT t.id, o.level FROM task t JOIN indicator i ON i.id = t.indicator_id JOIN org_unit o ON o.id = t.holder_unit_id
        WHERE i.code = 'EP-NEW' AND t.parent_task_id IS NOT NULL AND t.deadline < $1::date ORDER BY t.id`,
      [env.clock.today()],
    );
    // the demo credits nobody at a town's or district's own level: all their enrolees are their villages'
    const [{ n: ownCredits }] = await api.ds.query(
      `SELECT count(*)::int AS n FROM progress_credit c JOIN org_unit o ON o.id = c.org_unit_id WHERE o.level IN ('town', 'district')`,
    );
    expect(ownCredits).toBe(0);
    type Line = { newEnrolees: string; mobilised: string; reward: string; tier: string };
    const lines: Record<string, Line[]> = { village: [], town: [], district: [] };
    for (const t of tasks) {
      const s = await api.as(token).post('/api/settlements').send({ taskId: t.id }).expect(201);
      lines[t.level].push(...(s.body.lines as Line[]));
    }
    expect(lines.town.length).toBeGreaterThan(0);
    for (const l of [...lines.town, ...lines.district]) expect([l.mobilised, l.reward]).toEqual(['0', '0']);
    // before, a town at or above 100 % was paid 30 x its figure (e.g. 677 x 30) on top of its villages
    expect(lines.town.some((l) => l.tier === 'full' && Number(l.newEnrolees) > 0)).toBe(true);
    // a village (a leaf) is paid for every one of its own
    for (const l of lines.village) expect(l.mobilised).toBe(l.newEnrolees);
    expect(lines.village.some((l) => Number(l.reward) > 0)).toBe(true);
  });
});
