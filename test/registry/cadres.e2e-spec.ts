import { makeCampaign, makeSmallCity, makeUser, unitId } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';
import { idNumber } from './registry-helpers';

/** GET /api/registry-assignments/cadres: who a unit manager can give entries to (cadres at the unit and below), scoped. */
describe('registry: the cadres of my unit', () => {
  let env: TestEnv;
  let api: TestApi;
  let tokens: Record<string, string>;
  let campaignId: number;
  let other: number;
  const users: Record<string, number> = {};
  const people: string[] = [];

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    await makeUser(api.ds, 'd2mgr', 'D2', ['unit_manager']);
    users.v2cadre = await makeUser(api.ds, 'v2cadre', 'V2', ['cadre'], { displayName: '李四' });
    users.t1cadre = await makeUser(api.ds, 't1cadre', 'T1', ['cadre'], { displayName: '王五' });
    users.v3cadre = await makeUser(api.ds, 'v3cadre', 'V3', ['cadre'], { displayName: '赵六' });
    users.gone = await makeUser(api.ds, 'gonecadre', 'V1', ['cadre']);
    await api.ds.query(`UPDATE app_user SET active = false WHERE id = $1`, [users.gone]);
    await makeUser(api.ds, 'v1clerk', 'V1', ['unit_manager']); // not a cadre
    await api.ds.query(`UPDATE app_user SET display_name = '张三' WHERE username = 'v1cadre'`);
    [{ id: users.v1cadre }] = await api.ds.query(`SELECT id FROM app_user WHERE username = 'v1cadre'`);
    tokens = {};
    for (const u of ['office', 't1mgr', 'v1mgr', 'd2mgr', 'v1cadre']) tokens[u] = await api.login(u);
    campaignId = (await makeCampaign(api.ds)).campaignId;
    other = (await makeCampaign(api.ds)).campaignId;
    for (let i = 0; i < 3; i++) {
      const [row] = await api.ds.query(
        `INSERT INTO registry_person (campaign_id, org_unit_id, org_unit_path, id_number, name, sex, birth_date, source_group)
         SELECT $1, o.id, o.path, $2, $3, 'M', '1980-01-01', 'other' FROM org_unit o WHERE o.code = 'V1' RETURNING id::text`,
        [i < 2 ? campaignId : other, idNumber('19800101', 2 * i + 1), `村民${i}`],
      );
      people.push(row.id);
    }
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });
  const get = (u: string, query = '') =>
    api
      .http()
      .get(`/api/registry-assignments/cadres${query}`)
      .set({ Authorization: `Bearer ${tokens[u]}` });

  it("lists the active cadres at the manager's unit and below, by unit, with the entries each holds", async () => {
    await api
      .http()
      .post('/api/registry-assignments')
      .set({ Authorization: `Bearer ${tokens.t1mgr}` })
      .send({ kind: 'person', mode: 'single', ids: people, cadreId: users.v1cadre })
      .expect(201);
    const t1 = await unitId(api.ds, 'T1');
    const v1 = await unitId(api.ds, 'V1');
    const v2 = await unitId(api.ds, 'V2');
    const res = await get('t1mgr').expect(200);
    // T1's own cadre first (the unit's path sorts before its villages'), then V1's, then V2's; the inactive one and the non-cadre left out
    expect(res.body).toEqual([
      { id: users.t1cadre, username: 't1cadre', displayName: '王五', orgUnitId: t1, unitName: '单位T1', people: 0, employers: 0 },
      { id: users.v1cadre, username: 'v1cadre', displayName: '张三', orgUnitId: v1, unitName: '单位V1', people: 3, employers: 0 },
      { id: users.v2cadre, username: 'v2cadre', displayName: '李四', orgUnitId: v2, unitName: '单位V2', people: 0, employers: 0 },
    ]);
    // counted in one campaign: 2 of the 3 people are of `campaignId`
    const one = await get('t1mgr', `?campaignId=${campaignId}`).expect(200);
    expect(one.body.map((c: { username: string; people: number }) => [c.username, c.people])).toEqual([
      ['t1cadre', 0],
      ['v1cadre', 2],
      ['v2cadre', 0],
    ]);
  });

  it('answers for a unit below the caller, and defaults to the caller’s own unit', async () => {
    const v1 = await unitId(api.ds, 'V1');
    expect((await get('t1mgr', `?unitId=${v1}`).expect(200)).body.map((c: { username: string }) => c.username)).toEqual(['v1cadre']);
    expect((await get('v1mgr').expect(200)).body.map((c: { username: string }) => c.username)).toEqual(['v1cadre']);
    expect((await get('office').expect(200)).body.map((c: { username: string }) => c.username)).toEqual(['t1cadre', 'v1cadre', 'v2cadre', 'v3cadre']);
  });

  it("refuses another district's unit with a 403, an unknown unit with a 404, and a cadre's own call with a 403", async () => {
    const t1 = await unitId(api.ds, 'T1');
    const d1 = await unitId(api.ds, 'D1');
    const outside = await get('d2mgr', `?unitId=${t1}`);
    expect(outside.status).toBe(403);
    expect(outside.body.message).toBe(`单位 ${t1} 不在您所在单位的范围内（org unit ${t1} is outside your organisation unit）`);
    expect((await get('v1mgr', `?unitId=${d1}`)).status).toBe(403); // above the caller
    expect((await get('t1mgr', '?unitId=999999')).status).toBe(404);
    expect((await get('v1cadre')).status).toBe(403);
    expect((await get('t1mgr', '?unitId=abc')).status).toBe(400);
  });
});
