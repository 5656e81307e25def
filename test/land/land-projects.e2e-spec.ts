import { loginAs, Logins } from '../helpers/api-client';
import { makeSmallCity, makeUser, unitId } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';
import { idNumber } from '../registry/registry-helpers';
import { binary, firstSheetRows } from '../helpers/xlsx';

/**
 * Issue 16 point 3: land projects at the unit that runs them (seeds 000 and 004). The small city: C1 → D1 (T1 → V1, V2),
 * D2 (T2 → V3). The test clock starts on 2026-03-02 (Asia/Shanghai).
 */
describe('land projects: scope, farmers, verification deadline, fund split', () => {
  let env: TestEnv;
  let api: TestApi;
  let logins: Logins;
  let t1: number;
  let t2: number;

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    await makeUser(api.ds, 'd2mgr', 'D2', ['unit_manager']);
    await makeUser(api.ds, 'leader', 'C1', ['leader']);
    t1 = await unitId(api.ds, 'T1');
    t2 = await unitId(api.ds, 'T2');
    logins = await loginAs(api, ['office', 'd1mgr', 'd2mgr', 'v1cadre', 'leader']);
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  const project = (over: Record<string, unknown> = {}) => ({
    unitId: t1,
    name: '城南片区征地项目',
    year: 2026,
    agreementOn: '2026-02-01',
    areaMu: '120.50',
    fundDue: '12345.67',
    fundArrived: '6000.00',
    ...over,
  });
  const fieldsOf = (body: { fields?: { field: string }[] }) => (body.fields ?? []).map((f) => f.field).sort();

  it('a district manager runs a project of a town below; another district gets 403 and does not list it; a cadre gets 403', async () => {
    const created = await logins.as('d1mgr').post('/api/land-projects').send(project());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      unitId: t1,
      unitName: '单位T1',
      agreementOn: '2026-02-01',
      areaMu: '120.50',
      fundDue: '12345.67',
      fundArrived: '6000.00',
      verifyWithinDays: 30,
      verifyDayUnit: 'natural',
      verificationDueOn: '2026-03-03',
      farmersListed: 0,
      verified: false,
      verificationOverdue: false,
      fundSplit: null,
    });
    const id = created.body.id as number;

    expect((await logins.as('d2mgr').get(`/api/land-projects/${id}`)).status).toBe(403);
    expect((await logins.as('d2mgr').patch(`/api/land-projects/${id}`).send({ name: '改名' })).status).toBe(403);
    expect(
      (
        await logins
          .as('d2mgr')
          .post('/api/land-projects')
          .send(project({ name: '越界' }))
      ).status,
    ).toBe(403);
    expect((await logins.as('d2mgr').get('/api/land-projects')).body.total).toBe(0);
    expect((await logins.as('v1cadre').get('/api/land-projects')).status).toBe(403);
    expect((await logins.as('office').get(`/api/land-projects/${id}`)).status).toBe(200);
  });

  it('refuses bad input with a 400 naming each field', async () => {
    const res = await logins
      .as('d1mgr')
      .post('/api/land-projects')
      .send(project({ agreementOn: '2026-02-30', areaMu: '1.234', fundDue: 'abc', fundArrived: '-1', year: 1900 }));
    expect(res.status).toBe(400);
    expect([...new Set(fieldsOf(res.body))]).toEqual(['agreementOn', 'areaMu', 'fundArrived', 'fundDue', 'year']);
    expect(res.body.fields).toContainEqual({ field: 'fundArrived', message: '不能为负数' });

    // more arrived than due, on creation and on a change of either figure
    const over = await logins.as('d1mgr').post('/api/land-projects').send(project({ fundArrived: '12345.68' }));
    expect([over.status, over.body.fields]).toEqual([400, [{ field: 'fundArrived', message: '已到位补贴资金12345.68元超过应到位补贴资金12345.67元（多0.01元）' }]]);
    const id = (await logins.as('d1mgr').get('/api/land-projects?q=城南')).body.items[0].id as number;
    const arrived = await logins.as('d1mgr').patch(`/api/land-projects/${id}`).send({ fundArrived: '20000' });
    expect([arrived.status, arrived.body.fields]).toEqual([400, [{ field: 'fundArrived', message: '已到位补贴资金20000.00元超过应到位补贴资金12345.67元（多7654.33元）' }]]);
    const lowered = await logins.as('d1mgr').patch(`/api/land-projects/${id}`).send({ fundDue: '5999.99' });
    expect([lowered.status, lowered.body.fields]).toEqual([400, [{ field: 'fundDue', message: '已到位补贴资金6000.00元超过应到位补贴资金5999.99元（多0.01元）' }]]);
    const both = await logins.as('d1mgr').patch(`/api/land-projects/${id}`).send({ fundDue: '5000', fundArrived: '5000.01' });
    expect([both.status, fieldsOf(both.body)]).toEqual([400, ['fundArrived']]);
    expect((await logins.as('d1mgr').get(`/api/land-projects/${id}`)).body).toMatchObject({ fundDue: '12345.67', fundArrived: '6000.00' });
  });

  it('lists paged, searched by name and sorted on the server', async () => {
    await logins
      .as('d2mgr')
      .post('/api/land-projects')
      .send(project({ unitId: t2, name: '北岸征地', fundDue: '500.00', fundArrived: '500.00', agreementOn: '2026-01-05' }));
    await logins
      .as('d1mgr')
      .post('/api/land-projects')
      .send(project({ name: '东区征地', fundDue: '900.00', fundArrived: '0', agreementOn: '2026-01-20' }));
    const all = await logins.as('office').get('/api/land-projects?sort=fundDue&order=asc');
    expect(all.body.items.map((p: { name: string }) => p.name)).toEqual(['北岸征地', '东区征地', '城南片区征地项目']);
    const d1 = await logins.as('d1mgr').get('/api/land-projects?q=东区');
    expect(d1.body.items.map((p: { name: string }) => p.name)).toEqual(['东区征地']);
    const paged = await logins.as('office').get('/api/land-projects?pageSize=1&page=2');
    expect(paged.body).toMatchObject({ total: 3, page: 2, pageSize: 1 });
    // default order: newest agreement first
    expect(paged.body.items[0].name).toBe('东区征地');
  });

  it('adds farmers by JSON list, checks ID numbers with the registry rule, lists them masked', async () => {
    const id = (await logins.as('d1mgr').get('/api/land-projects?q=城南')).body.items[0].id as number;
    const good = idNumber('19700101', 11);
    const bad = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    const refused = await logins
      .as('d1mgr')
      .post(`/api/land-projects/${id}/farmers`)
      .send({
        farmers: [
          { name: '张三', idNumber: good, village: '城南村' },
          { name: '李四', idNumber: bad, village: '城南村' },
          { name: '王五', idNumber: good, village: '城南村' },
        ],
      });
    expect(refused.status).toBe(400);
    expect(refused.body.fields).toEqual([
      { field: 'farmers[1].idNumber', message: '身份证号码校验码错误' },
      { field: 'farmers[2].idNumber', message: '与第1人的身份证号码重复' },
    ]);

    const added = await logins
      .as('d1mgr')
      .post(`/api/land-projects/${id}/farmers`)
      .send({
        farmers: [
          { name: '张三', idNumber: good, village: '城南村', verified: true, verifiedOn: '2026-02-20' },
          { name: '李四', idNumber: idNumber('19750505', 22), village: '城南村' },
        ],
      });
    expect(added.status).toBe(200);
    expect(added.body).toEqual({ added: 2, updated: 0 });
    expect((await logins.as('d2mgr').get(`/api/land-projects/${id}/farmers`)).status).toBe(403);
    const list = await logins.as('d1mgr').get(`/api/land-projects/${id}/farmers`);
    expect(list.body.total).toBe(2);
    expect(list.body.items[0]).toMatchObject({
      name: '张三',
      idNumber: `${good.slice(0, 6)}********${good.slice(14)}`,
      verified: true,
      verifiedOn: '2026-02-20',
    });
    expect(list.body.items[1]).toMatchObject({ name: '李四', verified: false, verifiedOn: null });
  });

  it('is overdue the day after agreement + 30 days while a farmer is unverified, and not once all are verified', async () => {
    const id = (await logins.as('d1mgr').get('/api/land-projects?q=城南')).body.items[0].id as number;
    const get = async () => (await logins.as('d1mgr').get(`/api/land-projects/${id}`)).body;
    env.clock.set('2026-03-03T02:00:00Z'); // the due day itself, in Shanghai
    expect(await get()).toMatchObject({ farmersListed: 2, farmersVerified: 1, verified: false, verificationOverdue: false });
    env.clock.set('2026-03-04T02:00:00Z');
    expect(await get()).toMatchObject({ verificationDueOn: '2026-03-03', verificationOverdue: true });

    const farmers = (await logins.as('d1mgr').get(`/api/land-projects/${id}/farmers`)).body.items as { id: number; verified: boolean }[];
    const pending = farmers.find((f) => !f.verified)!;
    const future = await logins.as('d1mgr').patch(`/api/land-projects/${id}/farmers/${pending.id}`).send({ verified: true, verifiedOn: '2026-03-05' });
    expect(future.status).toBe(400);
    expect(fieldsOf(future.body)).toEqual(['verifiedOn']);
    expect((await logins.as('d1mgr').patch(`/api/land-projects/${id}/farmers/${pending.id}`).send({ verified: true })).status).toBe(204);
    expect(await get()).toMatchObject({ farmersVerified: 2, verified: true, verificationOverdue: false });
    const list = await logins.as('d1mgr').get(`/api/land-projects/${id}/farmers`);
    expect(list.body.items.find((f: { id: number }) => f.id === pending.id).verifiedOn).toBe('2026-03-04');

    // a longer allowance moves the due day
    expect((await logins.as('d1mgr').patch(`/api/land-projects/${id}`).send({ verifyWithinDays: 45 })).body.verificationDueOn).toBe('2026-03-18');
    // issue 20: counted in working days: 1 Feb 2026 (a Sunday) + 10 working days = 2–6, 9–13 Feb → Friday 13 Feb;
    // + 15: Saturday 14 Feb (make-up), then the Spring Festival break (15–23 Feb) → 24, 25, 26, 27 Feb
    const working = await logins.as('d1mgr').patch(`/api/land-projects/${id}`).send({ verifyWithinDays: 10, verifyDayUnit: 'working' });
    expect([working.body.verifyDayUnit, working.body.verificationDueOn]).toEqual(['working', '2026-02-13']);
    expect((await logins.as('d1mgr').patch(`/api/land-projects/${id}`).send({ verifyWithinDays: 15 })).body.verificationDueOn).toBe('2026-02-27');
    const bad = await logins.as('d1mgr').patch(`/api/land-projects/${id}`).send({ verifyDayUnit: 'weekdays' });
    expect([bad.status, fieldsOf(bad.body)]).toEqual([400, ['verifyDayUnit']]);
  });

  it('splits the fund into personal pension accounts only when people × amount each is the fund to the fen', async () => {
    const id = (await logins.as('d1mgr').get('/api/land-projects?q=城南')).body.items[0].id as number;
    const short = await logins.as('d1mgr').put(`/api/land-projects/${id}/fund-split`).send({ people: 2, amountEach: '6172.83' });
    expect(short.status).toBe(400);
    expect(short.body.fields).toEqual([{ field: 'amountEach', message: '2人×每人6172.83元=12345.66元，与项目补贴资金12345.67元不符（少0.01元），应分毫不差' }]);
    const zero = await logins.as('d1mgr').put(`/api/land-projects/${id}/fund-split`).send({ people: 2, amountEach: '0' });
    expect(zero.body.fields).toEqual([{ field: 'amountEach', message: '每人金额须大于0' }]);
    expect((await logins.as('d2mgr').put(`/api/land-projects/${id}/fund-split`).send({ people: 1, amountEach: '12345.67' })).status).toBe(403);

    // 36万元 over 240 people at 1500 yuan each adds up (seed 000's 共…万元，共…人，每人…元), but the project lists 2 farmers
    await logins.as('d1mgr').patch(`/api/land-projects/${id}`).send({ fundDue: '360000.00' });
    const many = await logins.as('d1mgr').put(`/api/land-projects/${id}/fund-split`).send({ people: 240, amountEach: '1500' });
    expect([many.status, many.body.fields]).toEqual([400, [{ field: 'people', message: '分解人数240人超过项目登记的被征地农民2人' }]]);
    const xlsx = async () =>
      (await firstSheetRows((await logins.as('d1mgr').get(`/api/land-projects/${id}/farmers/xlsx`).buffer(true).parse(binary).expect(200)).body));

    // one person of the two: the per-person table names no one's account, and says how the fund was split
    expect((await logins.as('d1mgr').put(`/api/land-projects/${id}/fund-split`).send({ people: 1, amountEach: '360000' })).status).toBe(200);
    const partial = await xlsx();
    expect(partial[0][0]).toBe('城南片区征地项目被征地农民信息核实及参保情况（截至 2026-03-04；资金按1人分解（名单2人），个人账户划入以分解方案为准）');
    expect(partial.slice(3).map((r) => r[7] ?? null)).toEqual([null, null]);

    // both: 180000.00 each, and the table puts it against each farmer
    const ok = await logins.as('d1mgr').put(`/api/land-projects/${id}/fund-split`).send({ people: 2, amountEach: '180000' });
    expect(ok.status).toBe(200);
    expect(ok.body.fundSplit).toEqual({ people: 2, amountEach: '180000.00' });
    const whole = await xlsx();
    expect(whole[0][0]).toBe('城南片区征地项目被征地农民信息核实及参保情况（截至 2026-03-04）');
    expect(whole.slice(3).map((r) => [r[1], r[7]])).toEqual([
      ['张三', 180000],
      ['李四', 180000],
    ]);

    // the fund cannot then change under the split
    const changed = await logins.as('d1mgr').patch(`/api/land-projects/${id}`).send({ fundDue: '360000.01' });
    expect(changed.status).toBe(400);
    expect(fieldsOf(changed.body)).toEqual(['fundDue']);
    expect((await logins.as('d1mgr').get(`/api/land-projects/${id}`)).body.fundDue).toBe('360000.00');
  });

  it('a project of another district is deleted by none but its own', async () => {
    const id = (await logins.as('d1mgr').get('/api/land-projects?q=东区')).body.items[0].id as number;
    expect((await logins.as('d2mgr').delete(`/api/land-projects/${id}`)).status).toBe(403);
    expect((await logins.as('d1mgr').delete(`/api/land-projects/${id}`)).status).toBe(204);
    expect((await logins.as('d1mgr').get(`/api/land-projects/${id}`)).status).toBe(404);
  });

  it('audits every change under the project and its unit, refusals not', async () => {
    const rows: { action: string; n: number }[] = await api.ds.query(
      `SELECT action, count(*)::int AS n FROM audit_log WHERE entity = 'land_project' AND actor_username = 'd1mgr' GROUP BY action ORDER BY action`,
    );
    const actions = Object.fromEntries(rows.map((r) => [r.action, r.n]));
    // one deletion (东区), two fund splits saved (the refused ones leave nothing), farmers added and verified
    expect(actions['land_project.delete']).toBe(1);
    expect(actions['land_project.fund_split']).toBe(2);
    expect(actions['land_project.create']).toBeGreaterThanOrEqual(2);
    expect(actions['land_farmer.upsert']).toBeGreaterThanOrEqual(1);
    expect(actions['land_farmer.verify']).toBeGreaterThanOrEqual(1);
    // d2mgr's refused changes to D1's projects left nothing under D1
    const underD1 = await api.ds.query(
      `SELECT count(*)::int AS n FROM audit_log a JOIN org_unit d ON d.code = 'D1'
        WHERE a.entity = 'land_project' AND a.actor_username = 'd2mgr' AND a.org_unit_path LIKE d.path || '%'`,
    );
    expect(underD1).toEqual([{ n: 0 }]);
  });

  it('a leader reads the projects, their farmers and the indicators, and changes nothing', async () => {
    const id = (await logins.as('office').get('/api/land-projects?q=城南')).body.items[0].id as number;
    const leader = logins.as('leader');
    expect((await leader.get('/api/land-projects')).body.total).toBe(2);
    expect((await leader.get(`/api/land-projects/${id}`)).body).toMatchObject({ name: '城南片区征地项目', farmersListed: 2 });
    expect((await leader.get(`/api/land-projects/${id}/farmers`)).body.total).toBe(2);
    expect((await leader.get('/api/land-projects/indicators')).body.unit).toMatchObject({ unitName: '单位C1', projects: 2 });
    expect((await leader.get('/api/land-projects/xlsx').buffer(true).parse(binary)).status).toBe(200);
    expect((await leader.get(`/api/land-projects/${id}/farmers/xlsx`).buffer(true).parse(binary)).status).toBe(200);
    expect((await leader.post('/api/land-projects').send(project({ name: '领导' }))).status).toBe(403);
    expect((await leader.patch(`/api/land-projects/${id}`).send({ name: '改名' })).status).toBe(403);
    expect((await leader.put(`/api/land-projects/${id}/fund-split`).send({ people: 2, amountEach: '180000' })).status).toBe(403);
    expect((await leader.post(`/api/land-projects/${id}/farmers`).send({ farmers: [] })).status).toBe(403);
    expect((await leader.delete(`/api/land-projects/${id}`)).status).toBe(403);
  });
});
