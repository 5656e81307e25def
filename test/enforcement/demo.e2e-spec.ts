import { DEMO_PASSWORD, seedDemo } from '#platform';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

describe('demo: escalation to inspection', () => {
  let env: TestEnv;
  let api: TestApi;
  beforeAll(async () => {
    env = await createTestEnv();
    env.clock.set('2026-11-24T02:00:00Z');
    api = await startApi(env);
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  it('has refusing employers, a dispatched key-inspection list and inspectors with open cases on their checklists', async () => {
    expect(await seedDemo(api.ds)).not.toBeNull();
    const [{ n: refusing }] = await api.ds.query(`SELECT count(*)::int AS n FROM registry_employer WHERE refusal_count >= 3`);
    expect(refusing).toBeGreaterThanOrEqual(6); // two per district, three districts
    const office = await api.login('office', DEMO_PASSWORD);
    const [{ id: campaignId }] = await api.ds.query(`SELECT id FROM campaign WHERE status = 'active' ORDER BY id LIMIT 1`);
    const lists = await api.as(office).get(`/api/inspection-lists?campaignId=${campaignId}`);
    expect(lists.body.items).toEqual([expect.objectContaining({ status: 'dispatched', cutoffDate: '2026-09-10', entryCount: refusing })]);
    expect(lists.body.items[0].departments.map((d: { name: string }) => d.name)).toEqual(['市劳动保障监察支队', '市社会保险稽核中心']);
    for (const username of ['inspector', 'auditor']) {
      const token = await api.login(username, DEMO_PASSWORD);
      const checklist = await api.as(token).get('/api/inspection-checklist');
      expect(checklist.status).toBe(200);
      expect(checklist.body.total).toBe(refusing);
      expect(checklist.body.items[0].visits.length).toBeGreaterThanOrEqual(3);
    }
  });
});
