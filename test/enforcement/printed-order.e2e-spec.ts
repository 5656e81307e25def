import { DEMO_PASSWORD, seedDemo } from '#platform';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

/**
 * Issue 15: what the inspector's printed 限期改正指令书 needs comes with the case: the employer's legal
 * representative and the latest rectification order (number, issue date, deadline, findings, inspector).
 */
describe('inspection case: the rectification order it prints', () => {
  let env: TestEnv;
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    env = await createTestEnv();
    env.clock.set('2026-11-24T02:00:00Z'); // 24 Nov, 10:00 in China
    api = await startApi(env);
    await seedDemo(api.ds);
    token = await api.login('inspector', DEMO_PASSWORD);
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  it("answers the demo's order as issued on the visit day, with the visit's findings and the employer's legal representative", async () => {
    const [c] = await api.ds.query(
      `SELECT c.id::int, e.legal_representative, to_char(c.rectification_deadline, 'YYYY-MM-DD') AS deadline
         FROM inspection_case c JOIN registry_employer e ON e.id = c.employer_id WHERE c.rectification_deadline IS NOT NULL`,
    );
    expect(c.legal_representative).toEqual(expect.any(String));
    const res = await api.as(token).get(`/api/inspection-cases/${c.id}`);
    expect(res.status).toBe(200);
    expect(res.body.legalRepresentative).toBe(c.legal_representative);
    // cutoff 10 Sept 17:00, assigned 64 h later (13 Sept 09:00), visited a day after: 14 Sept; 15 rectification days: 29 Sept
    expect(c.deadline).toBe('2026-09-29');
    expect(res.body.rectificationOrder).toEqual({
      number: `限改〔2026〕${c.id}-1号`,
      issuedOn: '2026-09-14',
      deadline: '2026-09-29',
      findings: '现场检查：职工花名册与参保名单不符，负责人拒绝为未参保职工办理参保',
      inspector: '韩磊',
    });
  });

  it('is null until an order is recorded, then numbers the order the inspector just gave', async () => {
    const [c] = await api.ds.query(
      `SELECT c.id::int FROM inspection_case c JOIN app_user u ON u.id = c.assignee_id
        WHERE u.username = 'inspector' AND c.rectification_deadline IS NULL ORDER BY c.id LIMIT 1`,
    );
    const before = await api.as(token).get(`/api/inspection-cases/${c.id}`);
    expect(before.body.rectificationOrder).toBeNull();
    const ordered = await api
      .as(token)
      .post(`/api/inspection-cases/${c.id}/outcomes`)
      .send({ kind: 'rectification_ordered', deadline: '2026-12-04', findings: '未为 8 名职工参保' });
    expect(ordered.status).toBe(200);
    expect(ordered.body).toMatchObject({ rectificationDeadline: '2026-12-04', dueDate: '2026-12-04' });
    const after = await api.as(token).get(`/api/inspection-cases/${c.id}`);
    expect(after.body.rectificationOrder).toEqual({
      number: `限改〔2026〕${c.id}-1号`,
      issuedOn: '2026-11-24',
      deadline: '2026-12-04',
      findings: '未为 8 名职工参保',
      inspector: '韩磊',
    });
    // a deadline not after today is refused, naming the field
    const late = await api.as(token).post(`/api/inspection-cases/${c.id}/outcomes`).send({ kind: 'rectification_ordered', deadline: '2026-11-24' });
    expect(late.status).toBe(400);
    expect(late.body.fields).toEqual([expect.objectContaining({ field: 'deadline' })]);
  });
});
