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
    const [b] = await api.ds.query(`SELECT id, to_char(bulletin_date, 'YYYY-MM-DD') AS date FROM bulletin WHERE campaign_id = $1`, [c.id]);
    expect(b).toBeDefined();
    const token = await api.login('office', DEMO_PASSWORD);
    const res = await api
      .http()
      .get(`/api/dashboards?campaignId=${c.id}&unitId=${c.org_unit_id}&date=${b.date}`)
      .set({ Authorization: `Bearer ${token}` })
      .expect(200);
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
    const bulletin = await api
      .http()
      .get(`/api/bulletins/${b.id}`)
      .set({ Authorization: `Bearer ${token}` })
      .expect(200);
    expect(bulletin.body.content.sections.length).toBe(3);
  });
});
