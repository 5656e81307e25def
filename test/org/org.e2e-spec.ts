import ExcelJS from 'exceljs';
import { loginAs, Logins, loginResponse } from '../helpers/api-client';
import { makeSmallCity, unitId } from '../helpers/factories';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv, waitFor } from '../helpers/test-app';

describe('foundation: auth, scope, tree, audit', () => {
  let env: TestEnv;
  let api: TestApi;
  let logins: Logins;

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    logins = await loginAs(api, ['admin', 'office', 'd1mgr', 't1mgr', 'v1mgr', 'v1cadre']);
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  it('logs in with the right password only', async () => {
    const bad = await loginResponse(api.http, 'admin', 'wrong-password');
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ statusCode: 401, error: 'UNAUTHENTICATED', message: '用户名或密码错误（wrong username or password）' });
    // the person's name (for screens and printed documents) next to the login name
    await api.ds.query(`UPDATE app_user SET display_name = '王村长' WHERE username = 'v1mgr'`);
    const me = await logins.as('v1mgr').get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'v1mgr', displayName: '王村长', roles: ['unit_manager'], seesAll: false });
  });

  it('requires a token everywhere but login and health', async () => {
    expect((await api.http().get('/api/org-units')).status).toBe(401);
    expect((await api.http().get('/health')).status).toBe(200);
  });

  it('limits a village manager to its own village', async () => {
    const v1 = await unitId(api.ds, 'V1');
    const v2 = await unitId(api.ds, 'V2');
    expect((await logins.as('v1mgr').get(`/api/org-units/${v1}`)).status).toBe(200);
    const sibling = await logins.as('v1mgr').get(`/api/org-units/${v2}`);
    expect(sibling.status).toBe(403);
    expect(sibling.body.error).toBe('OUT_OF_SCOPE');
    expect((await logins.as('v1mgr').get(`/api/org-units/${v2}/children`)).status).toBe(403);
    expect((await logins.as('admin').get(`/api/org-units/999999`)).status).toBe(404);
  });

  it('lists exactly the subtree as descendants', async () => {
    const d1 = await unitId(api.ds, 'D1');
    const res = await logins.as('d1mgr').get(`/api/org-units/${d1}/descendants`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((u: { code: string }) => u.code).sort()).toEqual(['T1', 'V1', 'V2']);
    expect(res.body.total).toBe(3);
    const mine = await logins.as('t1mgr').get(`/api/org-units`);
    expect(mine.body.items.map((u: { code: string }) => u.code).sort()).toEqual(['T1', 'V1', 'V2']);
  });

  it('moves a subtree and keeps every descendant query right', async () => {
    const t1 = await unitId(api.ds, 'T1');
    const d2 = await unitId(api.ds, 'D2');
    const d1 = await unitId(api.ds, 'D1');
    const moved = await logins.as('office').post(`/api/org-units/${t1}/move`).send({ parentId: d2 });
    expect(moved.status).toBe(200);
    expect(moved.body.parentId).toBe(d2);
    const underD2 = await logins.as('office').get(`/api/org-units/${d2}/descendants`);
    expect(underD2.body.items.map((u: { code: string }) => u.code).sort()).toEqual(['T1', 'T2', 'V1', 'V2', 'V3']);
    const underD1 = await logins.as('office').get(`/api/org-units/${d1}/descendants`);
    expect(underD1.body.items).toEqual([]);
    const v1 = await unitId(api.ds, 'V1');
    const chain = await logins.as('office').get(`/api/org-units/${v1}/ancestors`);
    expect(chain.body.map((u: { code: string }) => u.code)).toEqual(['C1', 'D2', 'T1', 'V1']);
    // d1mgr no longer sees T1's villages
    expect((await logins.as('d1mgr').get(`/api/org-units/${v1}`)).status).toBe(403);
    // a unit cannot move below itself
    const cyc = await logins.as('office').post(`/api/org-units/${d2}/move`).send({ parentId: t1 });
    expect(cyc.status).toBe(400);
    expect(cyc.body.fields[0].field).toBe('parentId');
    // move back for the other tests
    await logins.as('office').post(`/api/org-units/${t1}/move`).send({ parentId: d1 }).expect(200);
  });

  it('names each bad field in a validation error', async () => {
    const res = await logins.as('office').post('/api/org-units').send({ code: 'bad code!', level: 'province' });
    expect(res.status).toBe(400);
    const fields = res.body.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['code', 'name', 'level']));
    expect(res.body.fields.find((f: { field: string }) => f.field === 'level').message).toBe(
      '不是可选的值之一 (level must be one of city, district, town, village, agency)',
    );
  });

  it('answers 409 on a duplicate code, and lets only admin/office edit the tree', async () => {
    const d1 = await unitId(api.ds, 'D1');
    const dup = await logins.as('office').post('/api/org-units').send({ code: 'V1', name: 'again', level: 'village', parentId: d1 });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toBe('CONFLICT');
    const byManager = await logins.as('d1mgr').post('/api/org-units').send({ code: 'T9', name: 'x', level: 'town', parentId: d1 });
    expect(byManager.status).toBe(403);
    // the office reads users of its subtree (to pick members) but creates or changes none
    const users = await logins
      .as('office')
      .patch(`/api/users/${await api.ds.query(`SELECT id FROM app_user WHERE username = 'v1cadre'`).then((r) => r[0].id)}`)
      .send({ active: false });
    expect(users.status).toBe(403);
  });

  it('writes audit rows with before and after', async () => {
    const v2 = await unitId(api.ds, 'V2');
    await logins.as('office').patch(`/api/org-units/${v2}`).send({ name: '新名字' }).expect(200);
    const log = await logins.as('office').get(`/api/audit-log?entity=org_unit&entityId=${v2}`);
    expect(log.status).toBe(200);
    expect(log.body.items[0]).toMatchObject({ action: 'update', actorUsername: 'office', changes: { name: { before: '单位V2', after: '新名字' } } });
    // a range of Beijing days, both included: the row is stamped by the test clock, 2026-03-02 10:00 Beijing time
    const days = async (range: string) =>
      (await logins.as('office').get(`/api/audit-log?entity=org_unit&entityId=${v2}${range}`)).body.items.map((i: { action: string }) => i.action);
    expect(env.clock.now().toISOString()).toBe('2026-03-02T02:00:00.000Z');
    expect(await days('&from=2026-03-02&to=2026-03-02')).toEqual(['update']);
    expect(await days('&to=2026-03-01')).toEqual([]);
    expect(await days('&from=2026-03-03')).toEqual([]);
    expect((await logins.as('office').get('/api/audit-log?from=2026-02-30')).status).toBe(400);
    expect((await logins.as('v1mgr').get('/api/audit-log')).status).toBe(403);
    await expect(api.ds.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
  });

  it('imports a tree and writes nothing when one row is bad', async () => {
    const before = (await api.ds.query('SELECT count(*)::int AS n FROM org_unit'))[0].n;
    const bad = 'code,name,level,parent_code\nD9,新区,district,C1\nT9,新镇,town,D9\nV9,新村,village,NOPE\n';
    const res = await logins.as('office').post('/api/org-units/import').attach('file', Buffer.from(bad), 'tree.csv');
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([{ row: 4, field: 'parent_code', message: '上级代码 NOPE 不存在 (parent NOPE is unknown)' }]);
    expect((await api.ds.query('SELECT count(*)::int AS n FROM org_unit'))[0].n).toBe(before);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('tree');
    ws.addRows([
      ['code', 'name', 'level', 'parent_code'],
      ['V9', '新村', 'village', 'T9'],
      ['T9', '新镇', 'town', 'D9'],
      ['D9', '新区', 'district', 'C1'],
    ]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const ok = await logins.as('office').post('/api/org-units/import').attach('file', xlsx, 'tree.xlsx');
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ created: 3 });
    const [v9] = await api.ds.query(`SELECT v.path, v.depth, t.code AS parent FROM org_unit v JOIN org_unit t ON t.id = v.parent_id WHERE v.code = 'V9'`);
    expect(v9).toMatchObject({ depth: 3, parent: 'T9' });
  });

  it('lets an admin create users and masks phones in the list', async () => {
    const v1 = await unitId(api.ds, 'V1');
    const res = await logins
      .as('admin')
      .post('/api/users')
      .send({ username: 'newcadre', displayName: '新干部', orgUnitId: v1, roles: ['cadre'], password: 'Linjiang-2026x', phone: '+86 139 1234 5678' });
    expect(res.status).toBe(201);
    expect(res.body.passwordHash).toBeUndefined();
    // typed with the country code and spaces, kept as the 11 digits an SMS goes to
    expect(await api.ds.query(`SELECT phone FROM app_user WHERE username = 'newcadre'`)).toEqual([{ phone: '13912345678' }]);
    const bad = await logins
      .as('admin')
      .post('/api/users')
      .send({ username: 'badphone', displayName: 'x', orgUnitId: v1, roles: ['cadre'], password: 'Linjiang-2026x', phone: '+86 139' });
    expect([bad.status, bad.body.fields?.[0]?.field]).toEqual([400, 'phone']);
    const again = await logins
      .as('admin')
      .post('/api/users')
      .send({ username: 'newcadre', displayName: 'x', orgUnitId: v1, roles: ['cadre'], password: 'Linjiang-2026x' });
    expect(again.status).toBe(409);
    const list = await logins.as('admin').get('/api/users?q=newcadre');
    expect(list.body.items[0].phone).toBe('139****5678');
    const first = await loginResponse(api.http, 'newcadre', 'Linjiang-2026x');
    expect(first.status).toBe(200);
    expect(first.body.mustChangePassword).toBe(true);
  });
  it('lets the office and unit managers search the users of their own subtree, read-only', async () => {
    const names = async (who: string, q = '') =>
      (await logins.as(who).get(`/api/users?pageSize=500${q}`)).body.items.map((u: { username: string }) => u.username).sort();
    expect(await names('d1mgr')).toEqual(['d1mgr', 'newcadre', 't1mgr', 'v1cadre', 'v1mgr', 'v2mgr']);
    expect(await names('v1mgr')).toEqual(['newcadre', 'v1cadre', 'v1mgr']);
    expect((await names('office')).length).toBeGreaterThan(5);
    const cadre = (await logins.as('office').get('/api/users?q=v1cadre')).body.items[0];
    expect(cadre.phone).toBe('138****8000');
    expect((await logins.as('v1cadre').get('/api/users')).status).toBe(403);
    expect(
      (
        await logins
          .as('office')
          .post('/api/users')
          .send({ username: 'x1', displayName: 'x', orgUnitId: 1, roles: ['cadre'], password: 'Linjiang-2026x' })
      ).status,
    ).toBe(403);
  });
});

describe('worker wiring and health', () => {
  it('round-trips a job: api enqueues, the worker writes to PostgreSQL', async () => {
    const env = await createTestEnv();
    const api = await startApi(env);
    await makeSmallCity(api.ds);
    const worker = await startWorker(env);
    try {
      const token = await api.login('admin');
      const res = await api.as(token).post('/api/system/probes');
      expect(res.status).toBe(202);
      const done = await waitFor(async () => {
        const r = await api.as(token).get(`/api/system/probes/${res.body.id}`);
        return r.body.processed_at ? r.body : null;
      });
      expect(done.processed_by).toMatch(/:\d+$/);
    } finally {
      await worker.close();
      await api.close();
      await env.drop();
    }
  });

  it('answers 503 naming Redis when Redis is unreachable', async () => {
    const env = await createTestEnv({ REDIS_URL: 'redis://127.0.0.1:6390' });
    const api = await startApi(env);
    try {
      const res = await api.http().get('/health');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ postgres: 'up', redis: 'down', message: 'Redis not reachable' });
    } finally {
      await api.close();
      await env.drop();
    }
  });
});
