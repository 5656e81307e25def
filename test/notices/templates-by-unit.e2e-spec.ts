import { INestApplicationContext } from '@nestjs/common';
import { loginAs, Logins } from '../helpers/api-client';
import { makeUser, unitId } from '../helpers/factories';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv } from '../helpers/test-app';
import { addPeople, makeOutreachCity, rounds } from './round-fixture';

jest.setTimeout(90000);

const ROOT_BODY_START = '{{name}}您好：您的养老保险已中断缴费'; // the migration's reminder.lapsed, owned by the root
const D1_BODY = '{{name}}您好：东湖区提醒您于{{deadline}}前续缴养老保险，标准{{amount}}元。';
const T1_BODY = '{{name}}您好：临江街道提醒您于{{deadline}}前续缴养老保险。';

describe('message templates belong to units', () => {
  let env: TestEnv;
  let api: TestApi;
  let worker: INestApplicationContext;
  let campaignId: number;
  let logins: Logins;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    const city = await makeOutreachCity(api);
    campaignId = city.campaignId;
    await makeUser(api.ds, 'd1office', 'D1', ['office']);
    await makeUser(api.ds, 'd2office', 'D2', ['office']);
    logins = (await loginAs(api, ['d1office', 'd2office'])).keep('office', city.token);
    for (const c of ['C1', 'D1', 'D2', 'T1', 'T2', 'V1']) ids[c] = await unitId(api.ds, c);
    await addPeople(api.ds, campaignId, 'V1', 3, '东湖居民', (i) => `1390000000${i}`);
    await addPeople(api.ds, campaignId, 'V3', 2, '西岭居民', (i) => `1370000000${i}`);
    worker = await startWorker(env);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await env.drop();
  });

  const put = (u: string, body: string, unit?: number) =>
    logins
      .as(u)
      .put(`/api/notice-templates/reminder.lapsed${unit ? `?orgUnitId=${unit}` : ''}`)
      .send({ name: '断缴提醒', body });
  const applying = async (u: string, unit: number) =>
    (await logins.as(u).get(`/api/notice-templates/reminder.lapsed?orgUnitId=${unit}`)).body as { body: string; orgUnitId: number; editable: boolean };

  it("refuses a district office's change of the root's template (403) and lets it make its own", async () => {
    const refused = await put('d1office', D1_BODY, ids.C1);
    expect(refused.status).toBe(403);
    const [root] = await api.ds.query(`SELECT body FROM notice_template WHERE kind = 'reminder.lapsed' AND org_unit_id IS NULL`);
    expect(root.body.startsWith(ROOT_BODY_START)).toBe(true);
    // another district is out of scope too
    expect((await put('d1office', D1_BODY, ids.D2)).status).toBe(403);

    const own = await put('d1office', D1_BODY);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ kind: 'reminder.lapsed', orgUnitId: ids.D1, body: D1_BODY, editable: true });
    const rows = await api.ds.query(`SELECT coalesce(org_unit_id, 0) AS unit FROM notice_template WHERE kind = 'reminder.lapsed' ORDER BY 1`);
    expect(rows).toEqual([{ unit: 0 }, { unit: ids.D1 }]);
  });

  it('lists the own subtree editable and the inherited root template read-only', async () => {
    const d1 = await logins.as('d1office').get('/api/notice-templates?pageSize=100');
    const lapsed = d1.body.items.filter((t: { kind: string }) => t.kind === 'reminder.lapsed');
    expect(lapsed.map((t: { orgUnitId: number; editable: boolean }) => [t.orgUnitId, t.editable])).toEqual([
      [ids.C1, false],
      [ids.D1, true],
    ]);
    // D2's office does not see D1's template, only the root's
    const d2 = await logins.as('d2office').get('/api/notice-templates?pageSize=100');
    expect(d2.body.items.filter((t: { kind: string }) => t.kind === 'reminder.lapsed').map((t: { orgUnitId: number }) => t.orgUnitId)).toEqual([ids.C1]);
    expect(d2.body.total).toBe(3);
    const root = await logins.as('office').get('/api/notice-templates?pageSize=100');
    expect(root.body.total).toBe(4);
    expect(root.body.items.every((t: { editable: boolean }) => t.editable)).toBe(true);
  });

  it("sends a round in the district with the override and a round in another district with the root's", async () => {
    const r = rounds(api, logins.token('office'), campaignId);
    const inD1 = await r.plan({ name: '东湖断缴提醒', orgUnitId: ids.D1, target: 'lapsed', channel: 'sms' });
    const inD2 = await r.plan({ name: '西岭提醒', orgUnitId: ids.D2, target: 'will_enrol', channel: 'sms', templateKind: 'reminder.lapsed' });
    await r.start(inD1);
    await r.start(inD2);
    await r.settled(inD1, 40000, true);
    await r.settled(inD2, 40000, true);
    const bodies = async (round: number) =>
      (await api.ds.query(`SELECT body FROM outreach_message WHERE round_id = $1 ORDER BY id`, [round])).map((m: { body: string }) => m.body);
    expect(await bodies(inD1)).toEqual([1, 2, 3].map((i) => `东湖居民${i}您好：东湖区提醒您于2026年3月31日前续缴养老保险，标准3600元。`));
    const d2 = await bodies(inD2);
    expect(d2).toHaveLength(2);
    expect(d2[0]).toBe('西岭居民1您好：您的养老保险已中断缴费，本年度个人缴费标准为3600元，请于2026年3月31日前续缴，以免影响待遇。咨询电话0571-88886666。');
  });

  it('uses the nearest template across three levels', async () => {
    expect((await put('office', T1_BODY, ids.T1)).status).toBe(200);
    expect(await applying('office', ids.V1)).toMatchObject({ orgUnitId: ids.T1, body: T1_BODY }); // V1 → T1 (own) before D1 and the root
    expect(await applying('office', ids.T1)).toMatchObject({ orgUnitId: ids.T1 });
    expect(await applying('office', ids.D1)).toMatchObject({ orgUnitId: ids.D1, body: D1_BODY });
    expect((await applying('office', ids.T2)).orgUnitId).toBe(ids.C1);
    // the district office inherits nothing it cannot see, and reads the root's as not editable
    expect(await applying('d2office', ids.T2)).toMatchObject({ orgUnitId: ids.C1, editable: false });

    const r = rounds(api, logins.token('office'), campaignId);
    const inT1 = await r.plan({ name: '临江提醒', orgUnitId: ids.T1, target: 'lapsed', channel: 'sms' });
    await r.start(inT1);
    await r.settled(inT1, 40000, true);
    const [m] = await api.ds.query(`SELECT body FROM outreach_message WHERE round_id = $1 ORDER BY id LIMIT 1`, [inT1]);
    expect(m.body).toBe('东湖居民1您好：临江街道提醒您于2026年3月31日前续缴养老保险。');
  });

  it("lets the root's office still edit the root's template without touching the overrides", async () => {
    const res = await put('office', '{{name}}您好：请于{{deadline}}前续缴养老保险。');
    expect(res.status).toBe(200);
    expect(res.body.orgUnitId).toBe(ids.C1);
    const [{ n }] = await api.ds.query(`SELECT count(*)::int AS n FROM notice_template WHERE kind = 'reminder.lapsed'`);
    expect(n).toBe(3);
  });
});
