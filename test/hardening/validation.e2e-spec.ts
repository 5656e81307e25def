import { bearer } from '../helpers/api-client';
import { makeSmallCity, unitId } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

/** Representative bad inputs: a 400 naming the field, with a Chinese message for the clerk (English after it). */
describe('hardening: bad input is a 400 naming the field', () => {
  let env: TestEnv;
  let api: TestApi;
  let admin: string;

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    admin = await api.login('admin');
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  const field = (res: { body: { fields?: { field: string; message: string }[] } }, name: string) => res.body.fields?.find((f) => f.field === name);

  it('refuses path ids beyond the integer range, zero, negatives and non-numbers', async () => {
    for (const id of ['99999999999', '2147483648', '0', '-1', '1e20', 'abc']) {
      const res = await api.as(admin).get(`/api/org-units/${id}`);
      expect([id, res.status]).toEqual([id, 400]);
      expect(field(res, 'id')?.message).toContain('须为 1 到 2147483647 之间的整数编号');
    }
    expect((await api.as(admin).get(`/api/org-units/2147483647`)).status).toBe(404);
  });

  it('bounds page, page size and id filters in query strings', async () => {
    const page = await api.as(admin).get('/api/org-units?page=1e20');
    expect(page.status).toBe(400);
    expect(field(page, 'page')?.message).toMatch(/^不能大于 100000 \(/);
    const size = await api.as(admin).get('/api/users?pageSize=501');
    expect(size.status).toBe(400);
    expect(size.body.message).toContain('pageSize：不能大于 500');
    const neg = await api.as(admin).get('/api/users?pageSize=-1');
    expect(field(neg, 'pageSize')?.message).toMatch(/^不能小于 1 /);
    const filter = await api.as(admin).get('/api/tasks?campaignId=99999999999');
    expect(filter.status).toBe(400);
    expect(field(filter, 'campaignId')?.message).toMatch(/^不能大于 2147483647/);
  });

  it('refuses NUL and lone surrogates in any string, naming the nested field', async () => {
    const c1 = await unitId(api.ds, 'C1');
    const nul = await api.as(admin).post('/api/org-units').send({ code: 'N1', name: 'a\u0000b', level: 'district', parentId: c1 });
    expect(nul.status).toBe(400);
    expect(nul.body.fields).toEqual([{ field: 'name', message: expect.stringContaining('含有不允许的字符') }]);
    const nested = await api
      .as(admin)
      .post('/api/campaigns')
      .set('content-type', 'application/json')
      .send('{"name":"x","startsOn":"2026-01-01","endsOn":"2026-12-31","phases":[{"name":"ok\\ud800","startsOn":"2026-01-01","endsOn":"2026-02-01"}]}');
    expect(nested.status).toBe(400);
    expect(nested.body.fields[0].field).toBe('phases[0].name');
    const query = await api.as(admin).get('/api/users?q=a%00b');
    expect(query.status).toBe(400);
    expect(field(query, 'q')).toBeDefined();
    const path = await api.as(admin).get('/api/notice-templates/a%00b');
    expect(path.status).toBe(400);
    expect(field(path, 'kind')).toBeDefined();
  });

  it('accepts only real calendar dates', async () => {
    const bad = await api.as(admin).post('/api/campaigns').send({ name: '2026 行动', startsOn: '2026-02-30', endsOn: '2025-02-29' });
    expect(bad.status).toBe(400);
    expect(field(bad, 'startsOn')?.message).toContain('须为真实存在的日期');
    expect(field(bad, 'endsOn')?.message).toContain('须为真实存在的日期');
    const leap = await api.as(admin).post('/api/campaigns').send({ name: '闰年行动', startsOn: '2024-02-29', endsOn: '2024-12-31' });
    expect(leap.status).toBe(201);
  });

  it('refuses null for a NOT NULL field in a PATCH body, and unknown fields', async () => {
    const d1 = await unitId(api.ds, 'D1');
    const res = await api.as(admin).patch(`/api/org-units/${d1}`).send({ name: null });
    expect(res.status).toBe(400);
    expect(field(res, 'name')?.message).toMatch(/^(须为文字|长度)/);
    const unknown = await api.as(admin).patch(`/api/org-units/${d1}`).send({ colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(field(unknown, 'colour')?.message).toContain('是未知字段');
    const [{ name }] = await api.ds.query('SELECT name FROM org_unit WHERE id = $1', [d1]);
    expect(name).toBe('单位D1');
  });

  it('refuses numbers beyond their column and ids beyond the range in bodies', async () => {
    const huge = await api
      .as(admin)
      .post('/api/campaigns')
      .send({
        name: '大数',
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        indicators: [{ code: 'X', name: 'x', unit: 'person', kind: 'count', insuranceType: 'employee_pension', target: 1e300 }],
      });
    expect(huge.status).toBe(400);
    expect(field(huge, 'indicators[0].target')?.message).toContain('数值过大');
    const id = await api.as(admin).post('/api/org-units').send({ code: 'N2', name: 'n', level: 'district', parentId: 99999999999 });
    expect(id.status).toBe(400);
    expect(field(id, 'parentId')?.message).toMatch(/^不能大于 2147483647/);
  });

  it('answers malformed JSON and an unexpected upload field with a 400 in the one error shape', async () => {
    const json = await api.as(admin).post('/api/org-units').set('content-type', 'application/json').send('{"code":');
    expect(json.status).toBe(400);
    expect(json.body).toMatchObject({ statusCode: 400, error: 'VALIDATION' });
    const upload = await api.as(admin).post('/api/org-units/import').attach('other', Buffer.from('x'), 'x.csv');
    expect(upload.status).toBe(400);
    expect(upload.body.statusCode).toBe(400);
  });

  it('refuses JSON nested deeper than 32 levels with a 400, on public routes too (5 000 deep overflowed class-transformer: a 500)', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const send = (path: string, headers: Record<string, string> = {}) => api.http().post(path).set(headers).set('content-type', 'application/json').send(deep);
    for (const res of [await send('/api/auth/login'), await send('/api/sms-gateway/reports'), await send('/api/org-units', bearer(admin))]) {
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('嵌套层级过深');
    }
    // 32 levels are still read as a body (and then refused for what they say, not for their depth)
    const ok = await api
      .as(admin)
      .post('/api/org-units')
      .send({ code: 'X1', name: '测试', level: 'district', parentId: 1, extra: JSON.parse('['.repeat(30) + ']'.repeat(30)) });
    expect(ok.status).toBe(400);
    expect(ok.body.message).not.toContain('嵌套层级过深');
  });
});
