import { makeCampaign, makeSmallCity } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';
import { uscc } from './registry-helpers';

/**
 * A double click records one visit (issue 13 point 3): the same visitor posting the same outcome and
 * method on the same entry, visited less than a minute apart, gets the visit already recorded, and the
 * employer's refusal count goes up once. With an Idempotency-Key the repeats are replays of the first answer.
 */
describe('the same visit posted five times at once', () => {
  let env: TestEnv;
  let api: TestApi;
  let campaignId: number;
  let token: string;
  const ids: Record<string, string> = {};

  const employer = async (key: string, serial: string) => {
    const [row] = await api.ds.query(
      `INSERT INTO registry_employer (campaign_id, org_unit_id, org_unit_path, uscc, name, staff_count, insured_count, uninsured_count)
       SELECT $1, o.id, o.path, $2, $3, 10, 0, 10 FROM org_unit o WHERE o.code = 'V1' RETURNING id::text`,
      [campaignId, uscc(serial), key],
    );
    ids[key] = row.id;
  };
  const visit = (key: string, outcome: string, at: string, idempotencyKey?: string) => {
    const req = api.as(token).post('/api/registry-visits');
    if (idempotencyKey) req.set('Idempotency-Key', idempotencyKey);
    return req.send({ kind: 'employer', entryId: ids[key], visitedAt: at, method: 'door_to_door', outcome });
  };
  const counters = async (key: string) =>
    (
      await api.ds.query(
        `SELECT e.visit_count, e.refusal_count, e.onsite_visit_count, (SELECT count(*)::int FROM registry_visit v WHERE v.employer_id = e.id) AS visits
           FROM registry_employer e WHERE e.id = $1`,
        [ids[key]],
      )
    )[0];

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    campaignId = (await makeCampaign(api.ds)).campaignId;
    token = await api.login('v1mgr');
    await employer('refuser', '000000011');
    await employer('keyco', '000000012');
    env.clock.set('2026-03-02T02:00:00Z');
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  it('without a key: one visit, the refusal counted once, every answer the same visit; a visit a minute apart is a new one', async () => {
    const five = await Promise.all(Array.from({ length: 5 }, () => visit('refuser', 'refused', '2026-03-02T01:30:00Z')));
    expect(five.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const [first] = five;
    expect(first.body).toEqual({ id: expect.any(String), visitedAt: '2026-03-02T01:30:00.000Z', method: 'door_to_door', outcome: 'refused' });
    for (const r of five) expect(r.body).toEqual(first.body);
    // before: 0 visits, 0 refusals, 0 door-to-door; one visit counted once → 1, 1, 1 (old code: 5, 5, 5)
    expect(await counters('refuser')).toEqual({ visit_count: 1, refusal_count: 1, onsite_visit_count: 1, visits: 1 });

    // another outcome is another visit, even within the minute: visit_count 2, refusals still 1
    const other = await visit('refuser', 'will_enrol', '2026-03-02T01:40:00Z');
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(first.body.id);
    expect(await counters('refuser')).toEqual({ visit_count: 2, refusal_count: 1, onsite_visit_count: 2, visits: 2 });

    // a visit 59 s from the first is the same visit; one 61 s from it is a new one (window 60 s) → visits 3, refusals 2
    expect((await visit('refuser', 'refused', '2026-03-02T01:30:59Z')).body).toEqual(first.body);
    expect((await visit('refuser', 'refused', '2026-03-02T01:29:01Z')).body).toEqual(first.body);
    const later = await visit('refuser', 'refused', '2026-03-02T01:31:01Z');
    expect(later.status).toBe(201);
    expect(later.body.id).not.toBe(first.body.id);
    expect(await counters('refuser')).toEqual({ visit_count: 3, refusal_count: 2, onsite_visit_count: 3, visits: 3 });
  });

  it('with a key: one visit, five equal answers, four of them replays', async () => {
    const five = await Promise.all(Array.from({ length: 5 }, () => visit('keyco', 'refused', '2026-03-02T01:50:00Z', 'visit-keyco-1')));
    expect(five.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    for (const r of five) expect(r.text).toBe(five[0].text);
    expect(five.filter((r) => r.headers['idempotent-replayed'] === 'true').length).toBe(4);
    expect(await counters('keyco')).toEqual({ visit_count: 1, refusal_count: 1, onsite_visit_count: 1, visits: 1 });
  });

  it('a phone resending its queued visit (the answer was lost) under the same key: one visit stored, the same answer replayed', async () => {
    const [{ id: personId }] = await api.ds.query(
      `INSERT INTO registry_person (campaign_id, org_unit_id, org_unit_path, id_number, name, sex, birth_date, source_group)
       SELECT $1, o.id, o.path, '510105198103020113', '离线甲', 'M', '1981-03-02', 'other' FROM org_unit o WHERE o.code = 'V1' RETURNING id::text`,
      [campaignId],
    );
    const body = {
      kind: 'person',
      entryId: personId,
      visitedAt: '2026-03-02T01:55:00Z',
      method: 'door_to_door',
      outcome: 'insured_elsewhere',
      proofReference: '外省参保凭证 2026-17',
    };
    const send = () => api.as(token).post('/api/registry-visits').set('Idempotency-Key', '7d0e4d0c-5a1b-4c3e-9f2a-1b2c3d4e5f60').send(body);
    const first = await send();
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await send();
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.text).toBe(first.text);
    const rows = await api.ds.query(`SELECT id::text, outcome, proof_reference FROM registry_visit WHERE person_id = $1`, [personId]);
    expect(rows).toEqual([{ id: first.body.id, outcome: 'insured_elsewhere', proof_reference: '外省参保凭证 2026-17' }]);
    const [p] = await api.ds.query(`SELECT visit_count, status FROM registry_person WHERE id = $1`, [personId]);
    expect(p).toEqual({ visit_count: 1, status: 'insured_elsewhere' });
  });
});
