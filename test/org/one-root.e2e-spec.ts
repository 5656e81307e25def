import { ensureAdmin } from '#platform';
import { loginAs, Logins } from '../helpers/api-client';
import { makeSmallCity, makeUnit, makeUser, unitId } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

const CITY_TREE = 'code,name,level,parent_code\nYF,云帆市,city,\nYF01,东湖区,district,YF\nYF0101,临江街道,town,YF01\n';

describe('one tree per installation: a fresh database', () => {
  let env: TestEnv;
  let api: TestApi;

  beforeAll(async () => {
    env = await createTestEnv({ ADMIN_PASSWORD: 'Fresh@Admin2026' });
    api = await startApi(env);
    await ensureAdmin(api.ds, env.config);
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  it('puts the admin at the placeholder root, and the first imported city takes it over', async () => {
    const [placeholder] = await api.ds.query(
      `SELECT u.org_unit_id AS id, o.code, o.name FROM app_user u JOIN org_unit o ON o.id = u.org_unit_id WHERE u.username = 'admin'`,
    );
    expect(placeholder).toMatchObject({ code: 'ROOT', name: '本级' });
    const token = await api.login('admin', 'Fresh@Admin2026');

    // a file with two top units is refused, naming the second row
    const two = 'code,name,level,parent_code\nC2,第二市,city,\nC3,第三市,city,\n';
    const refused = await api.as(token).post('/api/org-units/import').attach('file', Buffer.from(two), 'tree.csv');
    expect(refused.status).toBe(400);
    expect(refused.body.fields).toEqual([{ row: 3, field: 'parent_code', message: expect.stringContaining('一个系统只能有一个顶级单位') }]);

    const res = await api.as(token).post('/api/org-units/import').attach('file', Buffer.from(CITY_TREE), 'tree.csv');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ created: 3 });

    const roots = await api.ds.query(`SELECT id, code, name, path, depth FROM org_unit WHERE parent_id IS NULL`);
    // the city kept the placeholder's id, so nothing is left beside it
    expect(roots).toEqual([{ id: placeholder.id, code: 'YF', name: '云帆市', path: `/${placeholder.id}/`, depth: 0 }]);
    const [admin] = await api.ds.query(`SELECT o.code FROM app_user u JOIN org_unit o ON o.id = u.org_unit_id WHERE u.username = 'admin'`);
    expect(admin.code).toBe('YF');
    const [town] = await api.ds.query(`SELECT path, depth FROM org_unit WHERE code = 'YF0101'`);
    const d = await unitId(api.ds, 'YF01');
    expect(town).toEqual({ path: `/${placeholder.id}/${d}/${await unitId(api.ds, 'YF0101')}/`, depth: 2 });

    // a second city is refused, by import and by creation, and nothing is written
    const again = await api.as(token).post('/api/org-units/import').attach('file', Buffer.from('code,name,level,parent_code\nXX,另一市,city,\n'), 'tree.csv');
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('本系统已有顶级单位“云帆市”');
    const create = await api.as(token).post('/api/org-units').send({ code: 'XX', name: '另一市', level: 'city' });
    expect(create.status).toBe(409);
    expect((await api.ds.query(`SELECT count(*)::int AS n FROM org_unit`))[0].n).toBe(3);
  });
});

describe('one tree per installation: creating the first top unit', () => {
  let env: TestEnv;
  let api: TestApi;

  beforeAll(async () => {
    env = await createTestEnv({ ADMIN_PASSWORD: 'Fresh@Admin2026' });
    api = await startApi(env);
    await ensureAdmin(api.ds, env.config);
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  it('turns the placeholder into the created city, keeping its id', async () => {
    const [{ id }] = await api.ds.query(`SELECT id FROM org_unit WHERE code = 'ROOT'`);
    const token = await api.login('admin', 'Fresh@Admin2026');
    const res = await api.as(token).post('/api/org-units').send({ code: 'YF', name: '云帆市', level: 'city' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id, code: 'YF', name: '云帆市', parentId: null, depth: 0 });
    expect(await api.ds.query(`SELECT id, code FROM org_unit`)).toEqual([{ id, code: 'YF' }]);
    const [audit] = await api.ds.query(`SELECT action FROM audit_log WHERE entity = 'org_unit' ORDER BY id DESC LIMIT 1`);
    expect(audit.action).toBe('replace_placeholder_root');
  });
});

describe('one tree per installation: an existing tree', () => {
  let env: TestEnv;
  let api: TestApi;
  let logins: Logins;

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    await makeUser(api.ds, 'd1office', 'D1', ['office']);
    await makeUser(api.ds, 'c1leader', 'C1', ['leader']);
    logins = await loginAs(api, ['admin', 'office', 'd1office', 'c1leader']);
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  it('refuses a second root through POST /api/org-units with 409', async () => {
    const res = await logins.as('admin').post('/api/org-units').send({ code: 'C2', name: '第二市', level: 'city' });
    expect(res.status).toBe(409);
    expect(res.body.message).toContain('一个系统只能有一棵组织树');
    expect(await api.ds.query(`SELECT code FROM org_unit WHERE parent_id IS NULL`)).toEqual([{ code: 'C1' }]);
  });

  it('refuses a second root through the import with 409 and writes nothing', async () => {
    const before = (await api.ds.query('SELECT count(*)::int AS n FROM org_unit'))[0].n;
    const file = 'code,name,level,parent_code\nC2,第二市,city,\nC2D1,第二市一区,district,C2\n';
    const res = await logins.as('admin').post('/api/org-units/import').attach('file', Buffer.from(file), 'tree.csv');
    expect(res.status).toBe(409);
    expect((await api.ds.query('SELECT count(*)::int AS n FROM org_unit'))[0].n).toBe(before);
  });

  it('the database itself refuses a second root', async () => {
    await expect(makeUnit(api.ds, 'C9', 'city')).rejects.toThrow(/org_unit_one_root/);
  });

  it("lets the root's office and leaders see all, and a district office only its district", async () => {
    const d2 = await unitId(api.ds, 'D2');
    for (const u of ['office', 'c1leader']) {
      const me = await logins.as(u).get('/api/auth/me');
      expect(me.body.seesAll).toBe(true);
      expect((await logins.as(u).get(`/api/org-units/${d2}`)).status).toBe(200);
    }
    const me = await logins.as('d1office').get('/api/auth/me');
    expect(me.body.seesAll).toBe(false);
    expect((await logins.as('d1office').get(`/api/org-units/${d2}`)).status).toBe(403);
    const list = await logins.as('d1office').get('/api/org-units?pageSize=100');
    expect(list.body.items.map((u: { code: string }) => u.code).sort()).toEqual(['D1', 'T1', 'V1', 'V2']);
  });
});
