import { IdempotencyStore } from '#core';
import { makeSmallCity, unitId } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

/**
 * The Idempotency-Key header (issue 13 point 3), on a POST without a natural duplicate check of its
 * own (a new org unit, whose code is unique: run twice, the second would be a 409). The same key and
 * request answer the first status and body (Idempotent-Replayed: true) and store once; another request
 * under the key is a 409; a failed first request frees the key (as does a lost one, 20 s after it last said it was alive);
 * a key is kept a day.
 */
describe('Idempotency-Key on POST', () => {
  let env: TestEnv;
  let api: TestApi;
  let office: string;
  let admin: string;
  let c1: number;

  const post = (path: string, token: string, key: string | undefined, body: object) => {
    const req = api.as(token).post(path);
    if (key !== undefined) req.set('Idempotency-Key', key);
    return req.send(body);
  };
  const newUnit = (key: string | undefined, body: object, token = office) => post('/api/org-units', token, key, body);
  const units = async (code: string) => (await api.ds.query(`SELECT count(*)::int AS n FROM org_unit WHERE code = $1`, [code]))[0].n;
  const keyRows = async () => (await api.ds.query(`SELECT count(*)::int AS n FROM idempotency_key`))[0].n;

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    c1 = await unitId(api.ds, 'C1');
    office = await api.login('office');
    admin = await api.login('admin');
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  it('five at once under one key: one unit, five equal answers, four replays; keys of another user are their own', async () => {
    const body = { code: 'N1', name: '新区', level: 'district', parentId: c1 };
    const five = await Promise.all(Array.from({ length: 5 }, () => newUnit('unit-key-1', body)));
    expect(five.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(five[0].body).toMatchObject({ code: 'N1', name: '新区', level: 'district', parentId: c1 });
    for (const r of five) expect(r.text).toBe(five[0].text);
    expect(five.filter((r) => r.headers['idempotent-replayed'] === 'true').length).toBe(4);
    expect(await units('N1')).toBe(1);
    // the same body with its keys in another order is the same request: a replay
    const reordered = await newUnit('unit-key-1', { parentId: c1, level: 'district', name: '新区', code: 'N1' });
    expect(reordered.status).toBe(201);
    expect(reordered.headers['idempotent-replayed']).toBe('true');
    expect(reordered.text).toBe(five[0].text);
    // the admin's key of the same name is another key: it runs, and N1 exists (409 from the unique code)
    const admins = await newUnit('unit-key-1', body, admin);
    expect(admins.status).toBe(409);
    expect(admins.headers['idempotent-replayed']).toBeUndefined();
  });

  it('the same key with another body is a 409 naming the header, in Chinese; nothing is created', async () => {
    const res = await newUnit('unit-key-1', { code: 'N9', name: '别的区', level: 'district', parentId: c1 });
    expect(res.status).toBe(409);
    expect(res.body.message).toBe('此 Idempotency-Key 已用于另一个不同的请求，请为新的操作换一个新的键 (the key unit-key-1 was used for another request)');
    expect(res.body.fields).toEqual([{ field: 'Idempotency-Key', message: res.body.message }]);
    expect(await units('N9')).toBe(0);
    // another path under the key is another request too
    const elsewhere = await post('/api/notice-templates/reminder.lapsed/preview', office, 'unit-key-1', {});
    expect(elsewhere.status).toBe(409);
  });

  it('a first request that fails frees its key: the same key then runs', async () => {
    const bad = await newUnit('unit-key-2', { code: 'N2', name: '新镇', level: 'planet', parentId: c1 });
    expect(bad.status).toBe(400);
    expect((await api.ds.query(`SELECT count(*)::int AS n FROM idempotency_key WHERE key = 'unit-key-2'`))[0].n).toBe(0);
    const again = await newUnit('unit-key-2', { code: 'N2', name: '新镇', level: 'district', parentId: c1 });
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(await units('N2')).toBe(1);
  });

  it('a key whose request died without an answer (a 503 while PostgreSQL was down) is free 20 s after its last sign of life', async () => {
    // as left by a request whose database went down before its failure could free the key: it touched alive_at 19 s ago
    const [me] = await api.ds.query(`SELECT id FROM app_user WHERE username = 'office'`);
    const body = { code: 'N5', name: '断线区', level: 'district', parentId: c1 };
    const ago = (ms: number) => new Date(env.clock.now().getTime() - ms);
    await api.ds.query(
      `INSERT INTO idempotency_key (user_id, key, method, path, request_hash, created_at, alive_at) VALUES ($1, 'lost-1', 'POST', '/api/org-units', 'x', $2, $3)`,
      [me.id, ago(60_000), ago(19_000)],
    );
    // alive 19 s ago: still taken; another request under it is a 409 (the stored hash 'x' is not this request's)
    expect((await newUnit('lost-1', body)).status).toBe(409);
    await api.ds.query(`UPDATE idempotency_key SET alive_at = $1 WHERE key = 'lost-1'`, [ago(20_000)]);
    const res = await newUnit('lost-1', body);
    expect(res.status).toBe(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    expect(await units('N5')).toBe(1);
  });

  it('refuses a malformed key with a 400 naming the header; login ignores a key', async () => {
    for (const key of ['', 'has space', 'x'.repeat(201)]) {
      const res = await newUnit(key, { code: 'N3', name: '坏键', level: 'district', parentId: c1 });
      expect(res.status).toBe(400);
      expect(res.body.fields[0].field).toBe('Idempotency-Key');
    }
    expect((await newUnit('k'.repeat(200), { code: 'N3', name: '长键', level: 'district', parentId: c1 })).status).toBe(201);
    const login = await api.http().post('/api/auth/login').set('Idempotency-Key', 'login-1').send({ username: 'office', password: 'Passw0rd!' });
    expect(login.status).toBe(200);
    expect((await api.ds.query(`SELECT count(*)::int AS n FROM idempotency_key WHERE key = 'login-1'`))[0].n).toBe(0);
  });

  it('an upload under a key: the same file is replayed; another file name, or other content of the same size, is a 409', async () => {
    const upload = (name: string, content = 'code,name,level,parent_code\nU1,上传镇,town,D1\n') =>
      api.as(office).post('/api/org-units/import').set({ 'Idempotency-Key': 'tree-1' }).attach('file', Buffer.from(content), name);
    const first = await upload('tree.csv');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ created: 1 });
    const second = await upload('tree.csv');
    expect(second.status).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual({ created: 1 });
    expect((await upload('tree2.csv')).status).toBe(409);
    // same name and size, other bytes (U2 for U1): a different file, not a replay
    expect((await upload('tree.csv', 'code,name,level,parent_code\nU2,上传镇,town,D1\n')).status).toBe(409);
    expect(await units('U1')).toBe(1);
    expect(await units('U2')).toBe(0);
  });

  it('is documented on every POST of the OpenAPI document', async () => {
    const doc = (await api.http().get('/api/docs-json')).body as { paths: Record<string, { post?: { parameters?: { name: string; in: string }[] } }> };
    const posts = Object.entries(doc.paths).filter(([, item]) => item.post);
    expect(posts.length).toBeGreaterThan(10);
    const without = posts.filter(([, item]) => !item.post!.parameters!.some((p) => p.name === 'Idempotency-Key' && p.in === 'header')).map(([path]) => path);
    expect(without).toEqual([]);
  });

  it('a key is kept a day: replayed 23 h later, new after 24 h; the sweep deletes keys older than a day', async () => {
    const body = { code: 'N1', name: '新区', level: 'district', parentId: c1 };
    env.clock.advance(23 * 3600_000);
    const kept = await newUnit('unit-key-1', body);
    expect(kept.status).toBe(201);
    expect(kept.headers['idempotent-replayed']).toBe('true');
    env.clock.advance(3600_000); // 24 h after the key was first used: expired, so a new request
    const fresh = await newUnit('unit-key-1', { code: 'N4', name: '又一区', level: 'district', parentId: c1 });
    expect(fresh.status).toBe(201);
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();
    expect(await units('N4')).toBe(1);
    // keys now: unit-key-1 (renewed just now), the admin's unit-key-1 was released (409), unit-key-2,
    // lost-1, the 200-character key and tree-1 (all 24 h old) → the sweep deletes those 4, keeps 1
    expect(await keyRows()).toBe(5);
    expect(await api.app.get(IdempotencyStore).sweep()).toBe(4);
    expect(await api.ds.query(`SELECT key FROM idempotency_key`)).toEqual([{ key: 'unit-key-1' }]);
  });
});
