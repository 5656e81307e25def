import { loginAs, Logins } from '../helpers/api-client';
import { makeCampaign, makeSmallCity } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';
import { idNumber, uscc } from './registry-helpers';

describe('registry search (q): full ID number audited, phone, USCC, name contains, scope kept', () => {
  let env: TestEnv;
  let api: TestApi;
  let campaignId: number;
  let logins: Logins;
  const ids: Record<string, string> = {};
  const zhang = idNumber('19810302', 11);
  const other = idNumber('19900101', 33); // filed in D2's village V3

  async function person(key: string, id: string, name: string, village: string, phone: string | null = null) {
    const [row] = await api.ds.query(
      `INSERT INTO registry_person (campaign_id, org_unit_id, org_unit_path, id_number, name, sex, birth_date, phone, source_group)
       SELECT $1, o.id, o.path, $2, $3, 'M', to_date(substr($2, 7, 8), 'YYYYMMDD'), $5, 'other' FROM org_unit o WHERE o.code = $4 RETURNING id::text`,
      [campaignId, id, name, village, phone],
    );
    ids[key] = row.id;
  }
  async function employer(key: string, code: string, name: string, unit: string) {
    const [row] = await api.ds.query(
      `INSERT INTO registry_employer (campaign_id, org_unit_id, org_unit_path, uscc, name, staff_count, insured_count, uninsured_count)
       SELECT $1, o.id, o.path, $2, $3, 3, 0, 3 FROM org_unit o WHERE o.code = $4 RETURNING id::text`,
      [campaignId, code, name, unit],
    );
    ids[key] = row.id;
  }
  const people = async (who: string, q: string) => logins.as(who).get('/api/registry-people').query({ q });
  const idsOf = (body: { items: { id: string }[] }) => body.items.map((p) => p.id);
  const audit = () => api.ds.query(`SELECT actor_username, action, entity_id FROM audit_log WHERE action = 'registry.person.read' ORDER BY id`);

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    campaignId = (await makeCampaign(api.ds)).campaignId;
    logins = await loginAs(api, ['office', 'v1mgr', 'v1cadre']);
    await person('zhang', zhang, '张三', 'V1', '13912345678');
    await person('zhangs', idNumber('19850101', 15), '张三丰', 'V2', '13900000000');
    await person('pct', idNumber('19850101', 17), '李100%_', 'V1');
    await person('plain', idNumber('19850101', 19), '李1000', 'V1');
    await person('other', other, '王五', 'V3', '13912345678');
    await employer('shop', uscc('000000001'), '幸福小卖部', 'V1');
    await employer('farm', uscc('000000002'), '幸福农场', 'T2');
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  it('finds a person by full ID number (a lower-case x too) and writes one audit row per person found', async () => {
    const res = await people('v1mgr', zhang);
    expect(res.status).toBe(200);
    expect(idsOf(res.body)).toEqual([ids.zhang]);
    expect(res.body.items[0].idNumber).toBe(`${zhang.slice(0, 6)}********${zhang.slice(-4)}`); // still masked in the list
    expect(await audit()).toEqual([{ actor_username: 'v1mgr', action: 'registry.person.read', entity_id: ids.zhang }]);
    // 11010519491231002X is GB 11643's own example: valid, with an X; nobody holds it here.
    const x = await people('v1mgr', '11010519491231002x');
    expect(x.status).toBe(200);
    expect(x.body).toMatchObject({ items: [], total: 0 });
    expect(await audit()).toHaveLength(1);
  });

  it("keeps the scope: another district's person by full ID number is nothing, and nothing is audited", async () => {
    const res = await people('v1mgr', other);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ items: [], total: 0 });
    expect(await audit()).toHaveLength(1);
    // the office (the whole city) finds them
    expect(idsOf((await people('office', other)).body)).toEqual([ids.other]);
    expect((await audit()).map((a: { actor_username: string; entity_id: string }) => `${a.actor_username}:${a.entity_id}`)).toEqual([
      `v1mgr:${ids.zhang}`,
      `office:${ids.other}`,
    ]);
  });

  it('matches 11 digits starting with 1 as the exact phone, within scope, and does not audit it', async () => {
    expect(idsOf((await people('v1mgr', '13912345678')).body)).toEqual([ids.zhang]);
    expect(idsOf((await people('office', '13912345678')).body).sort()).toEqual([ids.zhang, ids.other].sort());
    expect(idsOf((await people('office', '1391234567')).body)).toEqual([]); // 10 digits: a (digit-less) name search
    expect(await audit()).toHaveLength(2);
  });

  it('matches part of a name, the LIKE wildcards in it taken literally, with the other filters', async () => {
    expect(idsOf((await people('v1mgr', '张三')).body)).toEqual([ids.zhang]); // 张三丰 is in V2
    expect(idsOf((await people('office', '张三')).body).sort()).toEqual([ids.zhang, ids.zhangs].sort());
    expect(idsOf((await people('office', ' 三丰 ')).body)).toEqual([ids.zhangs]);
    expect(idsOf((await people('v1mgr', '100%')).body)).toEqual([ids.pct]);
    expect(idsOf((await people('v1mgr', '%_')).body)).toEqual([ids.pct]);
    expect(idsOf((await people('v1mgr', '0_')).body)).toEqual([]); // as a wildcard it would match 李1000
    expect(idsOf((await people('v1mgr', '%')).body)).toEqual([ids.pct]);
    expect(idsOf((await people('v1mgr', '李1')).body).sort()).toEqual([ids.pct, ids.plain].sort());
    const mine = await logins.as('v1cadre').get('/api/registry-people').query({ q: '张', mine: true });
    expect(mine.body).toMatchObject({ items: [], total: 0 }); // nothing assigned to the cadre yet
  });

  it('finds employers by exact USCC or by part of the name, in scope', async () => {
    const byCode = await logins
      .as('v1mgr')
      .get('/api/registry-employers')
      .query({ q: uscc('000000001').toLowerCase() });
    expect(idsOf(byCode.body)).toEqual([ids.shop]);
    expect(
      idsOf(
        (
          await logins
            .as('v1mgr')
            .get('/api/registry-employers')
            .query({ q: uscc('000000002') })
        ).body,
      ),
    ).toEqual([]);
    expect(idsOf((await logins.as('v1mgr').get('/api/registry-employers').query({ q: '幸福' })).body)).toEqual([ids.shop]);
    expect(idsOf((await logins.as('office').get('/api/registry-employers').query({ q: '幸福' })).body).sort()).toEqual([ids.shop, ids.farm].sort());
    // an 18-digit ID number on the employer list reads as a USCC, and its check character is not a USCC's
    expect((await logins.as('office').get('/api/registry-employers').query({ q: zhang })).status).toBe(400);
  });

  it('answers 400 naming q for a mistyped ID number or USCC, a blank or too long search', async () => {
    const typo = zhang.slice(0, 17) + (zhang[17] === '0' ? '1' : '0');
    const bad = await people('v1mgr', typo);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('q：搜索内容有误：身份证号码校验码错误（q is not a valid ID number or USCC）');
    const badDate = await people('v1mgr', idNumber('19810230', 11));
    expect(badDate.status).toBe(400);
    expect(badDate.body.message).toContain('身份证号码中的出生日期不存在');
    const code = uscc('000000001');
    const badCode = await logins
      .as('v1mgr')
      .get('/api/registry-employers')
      .query({ q: code.slice(0, 17) + (code[17] === 'A' ? 'B' : 'A') });
    expect(badCode.status).toBe(400);
    expect(badCode.body.message).toBe('q：搜索内容有误：统一社会信用代码校验码错误（q is not a valid ID number or USCC）');
    const blank = await people('v1mgr', '   ');
    expect(blank.status).toBe(400);
    expect(blank.body.message).toBe('q：搜索内容不能为空（q must not be blank）');
    const long = await people('v1mgr', '张'.repeat(101));
    expect(long.status).toBe(400);
    expect(long.body.message).toMatch(/^q：长度不能超过 100 个字符/);
    expect(await audit()).toHaveLength(2);
  });
});
