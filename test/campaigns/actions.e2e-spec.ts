import { loginAs, Logins } from '../helpers/api-client';
import { makeSmallCity, makeUser, unitId } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

/**
 * GET /api/campaigns and /api/campaigns/:id answer `can`: what the caller may do with the campaign, by the rules the
 * routes enforce — the city's campaign is listed to a district (it is above it) but the district's office runs only its own.
 */
describe('campaigns: what the caller may do (can)', () => {
  let env: TestEnv;
  let api: TestApi;
  let logins: Logins;
  let city: number;
  let district: number;
  const none = { run: false, editDraft: false, settings: false, split: false };

  const create = async (as: string, extra: object = {}): Promise<number> => {
    const res = await logins
      .as(as)
      .post('/api/campaigns')
      .send({
        name: `${as} 扩面行动`,
        startsOn: '2027-01-01',
        endsOn: '2027-12-31',
        indicators: [{ code: 'EP', name: '企业职工基本养老保险新增参保', unit: 'person', kind: 'count', insuranceType: 'employee_pension', target: 100 }],
        ...extra,
      });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const canOf = async (as: string, id: number) => {
    const one = await logins.as(as).get(`/api/campaigns/${id}`).expect(200);
    const list = await logins.as(as).get('/api/campaigns').expect(200);
    const listed = list.body.items.find((c: { id: number }) => c.id === id);
    expect(listed.can).toEqual(one.body.can); // the list and the campaign answer the same
    return one.body.can;
  };

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    await makeUser(api.ds, 'd2office', 'D2', ['office']);
    await makeUser(api.ds, 'd2mgr', 'D2', ['unit_manager']);
    await makeUser(api.ds, 'leader', 'C1', ['leader']);
    logins = await loginAs(api, ['office', 'd2office', 'd2mgr', 'd1mgr', 'leader']);
    city = await create('office');
    district = await create('d2office', { orgUnitId: await unitId(api.ds, 'D2') });
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  it("the district's office sees the city's campaign but may do nothing with it, and runs its own draft", async () => {
    expect(await canOf('d2office', city)).toEqual(none);
    expect(await canOf('d2office', district)).toEqual({ run: true, editDraft: true, settings: true, split: false });
    // the flags are the API's refusals: activating the city's campaign is a 403
    expect((await logins.as('d2office').post(`/api/campaigns/${city}/activate`).send({})).status).toBe(403);
  });

  it("a city leader runs the city's and the district's campaign; once active it is no longer an editable draft and a leader does not split", async () => {
    expect(await canOf('leader', city)).toEqual({ run: true, editDraft: true, settings: true, split: false });
    expect(await canOf('leader', district)).toEqual({ run: true, editDraft: true, settings: true, split: false });
    const res = await logins.as('leader').post(`/api/campaigns/${city}/activate`).send({}).expect(200);
    expect(res.body.can).toEqual({ run: true, editDraft: false, settings: true, split: false });
    expect(await canOf('office', city)).toEqual({ run: true, editDraft: false, settings: true, split: true }); // the city's office splits
  });

  it("a unit manager splits their own unit's active campaign only, and runs nothing", async () => {
    expect(await canOf('d2mgr', district)).toEqual(none); // a draft: nothing to split yet
    await logins.as('d2office').post(`/api/campaigns/${district}/activate`).send({}).expect(200);
    expect(await canOf('d2mgr', district)).toEqual({ ...none, split: true });
    expect(await canOf('d2mgr', city)).toEqual(none); // the city's tasks are split by the city
    expect(await canOf('d1mgr', city)).toEqual(none);
    expect((await logins.as('d2mgr').post(`/api/campaigns/${district}/close`)).status).toBe(403);
  });
});
