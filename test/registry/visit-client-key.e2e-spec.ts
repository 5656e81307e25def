import { createHash } from 'node:crypto';
import { makeCampaign, makeSmallCity } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

/**
 * Exactly-once of a phone's visit does not end with the idempotency store's day: the visit keeps its
 * Idempotency-Key (registry_visit.client_key, unique per visitor), so a resend after the key's row is gone
 * (swept after 24 h; deleted here) answers the visit already stored and changes no status or count.
 */
describe('a visit resent under its key after the idempotency store forgot it', () => {
  let env: TestEnv;
  let api: TestApi;
  let token: string;
  let personId: string;
  const KEY = '3f1c2b4a-8d7e-4f60-9a1b-2c3d4e5f6a7b';

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    const { campaignId } = await makeCampaign(api.ds);
    token = await api.login('v1cadre');
    const [row] = await api.ds.query(
      `INSERT INTO registry_person (campaign_id, org_unit_id, org_unit_path, id_number, name, sex, birth_date, source_group, cadre_id)
       SELECT $1, o.id, o.path, '510105198103020113', '离线乙', 'M', '1981-03-02', 'other', u.id
         FROM org_unit o, app_user u WHERE o.code = 'V1' AND u.username = 'v1cadre' RETURNING id::text`,
      [campaignId],
    );
    personId = row.id;
    env.clock.set('2026-03-02T02:00:00Z');
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  const post = (body: Record<string, unknown>, key?: string) => {
    const req = api.as(token).post('/api/registry-visits');
    if (key) req.set('Idempotency-Key', key);
    return req.send({ kind: 'person', entryId: personId, method: 'door_to_door', ...body });
  };
  const stored = async () => ({
    visits: await api.ds.query(
      `SELECT id::text, outcome, visited_at AS "visitedAt", client_key AS "clientKey" FROM registry_visit WHERE person_id = $1 ORDER BY id`,
      [personId],
    ),
    entry: (await api.ds.query(`SELECT visit_count, status, last_outcome FROM registry_person WHERE id = $1`, [personId]))[0],
  });

  it('stores one visit: the resend answers the stored visit, without changing the status or the counts', async () => {
    const first = await post({ visitedAt: '2026-03-02T01:30:00Z', outcome: 'refused' }, KEY);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ id: expect.any(String), visitedAt: '2026-03-02T01:30:00.000Z', method: 'door_to_door', outcome: 'refused' });
    const one = {
      visits: [{ id: first.body.id, outcome: 'refused', visitedAt: new Date('2026-03-02T01:30:00Z'), clientKey: KEY }],
      entry: { visit_count: 1, status: 'refused', last_outcome: 'refused' },
    };
    expect(await stored()).toEqual(one);

    // two days on, the key's row swept (simulated: deleted); the phone resends the very same request
    env.clock.set('2026-03-04T02:00:00Z');
    const [swept] = await api.ds.query(`DELETE FROM idempotency_key WHERE key = $1 RETURNING status`, [KEY]);
    expect(swept).toEqual([{ status: 201 }]);
    const again = await post({ visitedAt: '2026-03-02T01:30:00Z', outcome: 'refused' }, KEY);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBeUndefined(); // not the store's replay: the visit's own key
    expect(again.body).toEqual(first.body);
    expect(await stored()).toEqual(one);

    // a client that rebuilt the body (a later time, another outcome: not the same visit by the double-click rule) under
    // the same key, once more after the key's row went: still the visit stored under it, status and counts unchanged
    await api.ds.query(`DELETE FROM idempotency_key WHERE key = $1`, [KEY]);
    const rebuilt = await post({ visitedAt: '2026-03-03T09:00:00Z', outcome: 'will_enrol' }, KEY);
    expect(rebuilt.status).toBe(201);
    expect(rebuilt.body).toEqual(first.body);
    expect(await stored()).toEqual(one);
  });

  it('another key, or another visitor with the same key, is another visit; no key stores no client key', async () => {
    const other = await post({ visitedAt: '2026-03-03T09:00:00Z', outcome: 'will_enrol' }, 'a1b2c3d4-0000-4000-8000-000000000001');
    expect(other.status).toBe(201);
    const mgr = await api.login('v1mgr');
    const byMgr = await api.as(mgr).post('/api/registry-visits').set('Idempotency-Key', KEY).send({
      kind: 'person',
      entryId: personId,
      visitedAt: '2026-03-03T10:00:00Z',
      method: 'phone',
      outcome: 'will_enrol',
    });
    expect(byMgr.status).toBe(201);
    const none = await post({ visitedAt: '2026-03-03T11:00:00Z', outcome: 'enrolled' });
    expect(none.status).toBe(201);
    const { visits, entry } = await stored();
    expect(visits.map((v: { clientKey: string | null }) => v.clientKey)).toEqual([KEY, 'a1b2c3d4-0000-4000-8000-000000000001', KEY, null]);
    // 1 + 3 new visits; the latest (11:00, enrolled) sets the status
    expect(entry).toEqual({ visit_count: 4, status: 'enrolled', last_outcome: 'enrolled' });
  });

  it('while the first request under the key still runs, a repeat is answered 409 IN_PROGRESS (the phone retries later), not CONFLICT', async () => {
    const body = { kind: 'person', entryId: personId, method: 'door_to_door', visitedAt: '2026-03-03T12:00:00Z', outcome: 'refused' };
    // the key's row as the interceptor keeps it for a first request still running (alive now by the API's clock)
    const canonical = Object.fromEntries(Object.entries(body).sort(([a], [b]) => a.localeCompare(b)));
    const hash = createHash('sha256')
      .update(JSON.stringify(['POST', '/api/registry-visits', canonical, null]))
      .digest('hex');
    await api.ds.query(
      `INSERT INTO idempotency_key (user_id, key, method, path, request_hash, created_at, alive_at)
       SELECT id, 'still-running-1', 'POST', '/api/registry-visits', $1, $2, $2 FROM app_user WHERE username = 'v1cadre'`,
      [hash, env.clock.now()],
    );
    const res = await api.as(token).post('/api/registry-visits').set('Idempotency-Key', 'still-running-1').send(body);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      error: 'IN_PROGRESS',
      fields: [
        { field: 'Idempotency-Key', message: '同一 Idempotency-Key 的上一个请求仍在处理中，请稍后重试 (the first request under this key is still running)' },
      ],
    });
    expect((await api.ds.query(`SELECT count(*)::int AS n FROM registry_visit WHERE client_key = 'still-running-1'`))[0]).toEqual({ n: 0 });
  }, 60_000);
});
