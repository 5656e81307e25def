import ExcelJS from 'exceljs';
import { loginAs, Logins } from '../helpers/api-client';
import { binary } from '../helpers/xlsx';
import { makeCampaign, makeSmallCity, makeUser, unitId } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';
import { idNumber } from '../registry/registry-helpers';

describe('hardship groups: people, scope, the batch all-or-none, the three 100 % rates', () => {
  let env: TestEnv;
  let api: TestApi;
  let logins: Logins;
  let campaignId: number;
  const unit: Record<string, number> = {};
  const stored = async () => (await api.ds.query(`SELECT count(*)::int AS n FROM registry_hardship_person`))[0].n as number;

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    await makeUser(api.ds, 'dept', 'A1', ['department']);
    // Ages on the campaign's reference date 2026-03-02: born 1966-03-02 is 60 (pension age), 1966-03-03 is 59.
    campaignId = (await makeCampaign(api.ds, { settings: { referenceDate: '2026-03-02' } })).campaignId;
    for (const code of ['C1', 'D1', 'D2', 'T1', 'V1', 'V2', 'V3', 'A1']) unit[code] = await unitId(api.ds, code);
    logins = await loginAs(api, ['office', 'd1mgr', 't1mgr', 'v1mgr', 'v2mgr', 'v1cadre', 'dept']);
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  it('refuses bad input with a 400 naming each field in Chinese, and writes nothing', async () => {
    const res = await logins
      .as('v1mgr')
      .post('/api/hardship/people')
      .send({ campaignId, unitId: unit.V1, name: '张三', idNumber: '510105198001010012', category: 'poor', paidOn: '2026-02-30' });
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['category', 'paidOn']);
    expect(res.body.fields.every((f: { message: string }) => /[\u4e00-\u9fff]/.test(f.message))).toBe(true);

    const rules = await logins
      .as('v1mgr')
      .post('/api/hardship/people')
      .send({ campaignId, unitId: unit.V1, name: '张三', idNumber: '510105198001010012', category: 'low_income', paidOn: '2026-01-05' });
    expect(rules.status).toBe(400);
    expect(rules.body.fields).toEqual([
      { field: 'idNumber', message: '身份证号码校验码错误' },
      { field: 'paidOn', message: '代缴须先参保登记（registeredOn is required with paidOn）' },
    ]);

    const young = await logins
      .as('office')
      .post('/api/hardship/people')
      .send({ campaignId, unitId: unit.V3, name: '五十九', idNumber: idNumber('19660303', 11), category: 'extreme_poverty', benefitOn: '2026-03-01' });
    expect(young.status).toBe(400);
    expect(young.body.fields).toEqual([{ field: 'benefitOn', message: '未满60周岁（按任务基准日 2026-03-02），不能登记享受待遇' }]);
    const town = await logins
      .as('t1mgr')
      .post('/api/hardship/people/batch')
      .send({
        campaignId,
        people: [
          { unitId: unit.V1, name: '甲', idNumber: idNumber('19500101', 11), category: 'other' },
          { unitId: unit.T1, name: '乙', idNumber: idNumber('19800101', 21), category: 'other' },
        ],
      });
    expect(town.status).toBe(400);
    expect(town.body.fields).toEqual([{ field: 'people[1].unitId', message: '困难群体人员须登记在村（社区）（the unit must be a village）' }]);
    expect(await stored()).toBe(0);
  });

  it('keeps a unit to its subtree: another village or district is 403, a cadre cannot record', async () => {
    const other = await logins
      .as('v1mgr')
      .post('/api/hardship/people')
      .send({ campaignId, unitId: unit.V3, name: '李四', idNumber: idNumber('19800101', 13), category: 'minimum_living' });
    expect(other.status).toBe(403);
    const cadre = await logins
      .as('v1cadre')
      .post('/api/hardship/people')
      .send({ campaignId, unitId: unit.V1, name: '李四', idNumber: idNumber('19800101', 13), category: 'minimum_living' });
    expect(cadre.status).toBe(403);
    expect((await logins.as('d1mgr').get('/api/hardship/rates').query({ campaignId, unitId: unit.D2 })).status).toBe(403);
    expect((await logins.as('v1mgr').get('/api/hardship/people').query({ campaignId, unitId: unit.V2 })).status).toBe(403);
    // a member department's user does not read the hardship people nor their rates
    expect((await logins.as('dept').get('/api/hardship/people').query({ campaignId })).status).toBe(403);
    expect((await logins.as('dept').get('/api/hardship/rates').query({ campaignId })).status).toBe(403);
    expect(await stored()).toBe(0);
  });

  it('records a batch all or none', async () => {
    const good = { unitId: unit.V1, name: '王五', idNumber: idNumber('19800101', 15), category: 'severe_disability', registeredOn: '2026-01-10' };
    const bad = await logins
      .as('t1mgr')
      .post('/api/hardship/people/batch')
      .send({ campaignId, people: [good, { ...good, name: '赵六', idNumber: '51010519800101001' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['people[1].idNumber']);
    const twice = await logins
      .as('t1mgr')
      .post('/api/hardship/people/batch')
      .send({ campaignId, people: [good, good] });
    expect(twice.status).toBe(400);
    expect(twice.body.fields).toEqual([{ field: 'people[1].idNumber', message: '与第 1 行的身份证号码重复' }]);
    // the second row's village is in another district: 403, and the first row is not kept either
    const outside = await logins
      .as('t1mgr')
      .post('/api/hardship/people/batch')
      .send({ campaignId, people: [good, { ...good, unitId: unit.V3, idNumber: idNumber('19800101', 17) }] });
    expect(outside.status).toBe(403);
    expect(await stored()).toBe(0);
    expect(await api.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'hardship_person.record'`)).toEqual([{ n: 0 }]);
    // all good: stored, and each person audited under their village
    const okBatch = await logins
      .as('t1mgr')
      .post('/api/hardship/people/batch')
      .send({ campaignId, people: [good, { ...good, name: '赵六', idNumber: idNumber('19800101', 19) }] });
    expect(okBatch.status).toBe(201);
    const audits: { n: number; paths: string[] }[] = await api.ds.query(
      `SELECT count(*)::int AS n, array_agg(DISTINCT org_unit_path) AS paths FROM audit_log WHERE action = 'hardship_person.record' AND actor_username = 't1mgr'`,
    );
    const [{ path: v1Path }] = await api.ds.query(`SELECT path FROM org_unit WHERE id = $1`, [unit.V1]);
    expect(audits).toEqual([{ n: 2, paths: [v1Path] }]);
    await api.ds.query(`DELETE FROM registry_hardship_person`); // the tests below start from none
  });

  it('gives the three rates of a unit and each child, a unit with no one listed blank', async () => {
    // V1: 3 listed, 2 registered, 1 paid (the default 100 yuan), 1 of pension age and receiving.
    const v1 = await logins
      .as('t1mgr')
      .post('/api/hardship/people/batch')
      .send({
        campaignId,
        people: [
          {
            unitId: unit.V1,
            name: '甲',
            idNumber: idNumber('19500101', 11),
            category: 'minimum_living',
            registeredOn: '2026-01-05',
            paidOn: '2026-01-20',
            benefitOn: '2026-02-01',
          },
          { unitId: unit.V1, name: '乙', idNumber: idNumber('19800101', 21), category: 'low_income', registeredOn: '2026-01-05' },
          { unitId: unit.V1, name: '丙', idNumber: idNumber('19900101', 31), category: 'other' },
        ],
      });
    expect(v1.status).toBe(201);
    expect(v1.body).toEqual({ recorded: 3 });
    // V3: 6 listed, all registered and paid; 2 of pension age (60 on the reference date, and 76), 1 receiving.
    const young = ['19850101', '19860101', '19870101', '19880101'].map((b, i) => ({
      unitId: unit.V3,
      name: `青${i}`,
      idNumber: idNumber(b, 41 + 2 * i),
      category: 'extreme_poverty',
      registeredOn: '2026-01-05',
      paidOn: '2026-01-20',
      paidAmount: '100.00',
    }));
    const v3 = await logins
      .as('office')
      .post('/api/hardship/people/batch')
      .send({
        campaignId,
        people: [
          ...young,
          {
            unitId: unit.V3,
            name: '六十',
            idNumber: idNumber('19660302', 61),
            category: 'severe_disability',
            registeredOn: '2026-01-05',
            paidOn: '2026-01-20',
            benefitOn: '2026-03-02',
          },
          {
            unitId: unit.V3,
            name: '老人',
            idNumber: idNumber('19500101', 71),
            category: 'minimum_living',
            registeredOn: '2026-01-05',
            paidOn: '2026-01-20',
            paidAmount: '200',
          },
        ],
      });
    expect(v3.status).toBe(201);
    expect(v3.body).toEqual({ recorded: 6 });

    const city = await logins.as('office').get('/api/hardship/rates').query({ campaignId, unitId: unit.C1 });
    expect(city.status).toBe(200);
    const row = (unitId: number, listed: number, registered: number, paid: number, eligible: number, receiving: number, rates: (string | null)[]) => ({
      unitId,
      unitName: expect.any(String),
      listed,
      registered,
      paid,
      eligible,
      receiving,
      registrationRate: rates[0],
      paymentRate: rates[1],
      benefitRate: rates[2],
    });
    // C1: 8 of 9 registered (88.88…), 7 of 8 paid, 2 of 3 eligible receiving (66.66…)
    expect(city.body.unit).toEqual(row(unit.C1, 9, 8, 7, 3, 2, ['88.9', '87.5', '66.7']));
    expect(city.body.children).toEqual([
      row(unit.D1, 3, 2, 1, 1, 1, ['66.7', '50.0', '100.0']),
      row(unit.D2, 6, 6, 6, 2, 1, ['100.0', '100.0', '50.0']),
      row(unit.A1, 0, 0, 0, 0, 0, [null, null, null]),
    ]);
    // T1 by default for its manager: V2 lists no one, its rates are blank (not 0 % nor 100 %)
    const town = await logins.as('t1mgr').get('/api/hardship/rates').query({ campaignId });
    expect(town.body.unit).toEqual(row(unit.T1, 3, 2, 1, 1, 1, ['66.7', '50.0', '100.0']));
    expect(town.body.children).toEqual([row(unit.V1, 3, 2, 1, 1, 1, ['66.7', '50.0', '100.0']), row(unit.V2, 0, 0, 0, 0, 0, [null, null, null])]);
  });

  it('exports the rates as XLSX: the unit as 合计, then each child, rates as one-decimal percent cells', async () => {
    const res = await logins.as('office').get('/api/hardship/rates.xlsx').query({ campaignId, unitId: unit.C1 }).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const ws = wb.getWorksheet('三个100%')!;
    const rows: unknown[][] = [];
    ws.eachRow((r) => rows.push(Array.from({ length: 9 }, (_, i) => r.getCell(i + 1).value)));
    const first = rows.findIndex((r) => r[0] === '合计');
    expect(rows[first - 1]).toEqual([
      '单位',
      '困难群体人数',
      '参保登记人数',
      '参保登记率',
      '代缴人数',
      '代缴率',
      '60周岁以上人数',
      '享受待遇人数',
      '待遇享受率',
    ]);
    // the cells hold the fractions of the printed one-decimal rates (88.9 % → 0.889); blanks stay blank
    expect(rows.slice(first)).toEqual([
      ['合计', 9, 8, 0.889, 7, 0.875, 3, 2, 0.667],
      ['单位D1', 3, 2, 0.667, 1, 0.5, 1, 1, 1],
      ['单位D2', 6, 6, 1, 6, 1, 2, 1, 0.5],
      ['单位A1', 0, 0, null, 0, null, 0, 0, null],
    ]);
    expect(ws.getRow(first + 1).getCell(4).numFmt).toBe('0.0%');
  });

  it('lists people in scope, masked, paged, by category and state', async () => {
    const mine = await logins.as('v1mgr').get('/api/hardship/people').query({ campaignId, pageSize: 2 });
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBe(3);
    expect(mine.body.items).toHaveLength(2);
    const first = idNumber('19500101', 11);
    expect(mine.body.items[0]).toEqual({
      id: expect.any(String),
      campaignId,
      orgUnitId: unit.V1,
      unitName: expect.any(String),
      idNumber: `${first.slice(0, 6)}********${first.slice(-4)}`,
      name: '甲',
      sex: 'M',
      age: 76,
      category: 'minimum_living',
      categoryLabel: '低保对象',
      registeredOn: '2026-01-05',
      paidOn: '2026-01-20',
      paidAmount: '100.00',
      benefitOn: '2026-02-01',
    });
    const unpaid = await logins.as('v1mgr').get('/api/hardship/people').query({ campaignId, state: 'unpaid' });
    expect(unpaid.body.items.map((p: { name: string }) => p.name)).toEqual(['乙']);
    const unregistered = await logins.as('office').get('/api/hardship/people').query({ campaignId, state: 'unregistered' });
    expect(unregistered.body.items.map((p: { name: string }) => p.name)).toEqual(['丙']);
    const poverty = await logins.as('office').get('/api/hardship/people').query({ campaignId, category: 'extreme_poverty', state: 'paid' });
    expect(poverty.body.total).toBe(4);
    const old = await logins.as('office').get('/api/hardship/people').query({ campaignId, unitId: unit.V3, category: 'minimum_living' });
    expect(old.body.items.map((p: { name: string; paidAmount: string }) => [p.name, p.paidAmount])).toEqual([['老人', '200.00']]);
    expect((await logins.as('v2mgr').get('/api/hardship/people').query({ campaignId })).body.total).toBe(0);
    const bad = await logins.as('office').get('/api/hardship/people').query({ campaignId, state: 'gone' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['state']);
  });

  it('replaces a person recorded again; one on file in another district is a 409 for its manager', async () => {
    const again = await logins
      .as('v1mgr')
      .post('/api/hardship/people')
      .send({
        campaignId,
        unitId: unit.V1,
        name: '乙',
        idNumber: idNumber('19800101', 21),
        category: 'low_income',
        registeredOn: '2026-01-05',
        paidOn: '2026-02-10',
      });
    expect(again.status).toBe(201);
    const [row] = await api.ds.query(
      `SELECT to_char(paid_on, 'YYYY-MM-DD') AS paid_on, paid_amount::text AS amount FROM registry_hardship_person WHERE name = '乙'`,
    );
    expect(row).toEqual({ paid_on: '2026-02-10', amount: '100.00' });
    const taken = await logins
      .as('v1mgr')
      .post('/api/hardship/people')
      .send({ campaignId, unitId: unit.V1, name: '老人', idNumber: idNumber('19500101', 71), category: 'minimum_living' });
    expect(taken.status).toBe(409);
    const [kept] = await api.ds.query(`SELECT org_unit_id, paid_amount::text AS amount FROM registry_hardship_person WHERE name = '老人'`);
    expect(kept).toEqual({ org_unit_id: unit.V3, amount: '200.00' });
  });

  it('refuses a date after the business date, and a payment or benefit before the registration, naming the field', async () => {
    const person = { campaignId, unitId: unit.V1, name: '日期', idNumber: idNumber('19500101', 81), category: 'other' };
    const future = await logins.as('v1mgr').post('/api/hardship/people').send({ ...person, registeredOn: '2026-03-03' });
    expect([future.status, future.body.fields]).toEqual([400, [{ field: 'registeredOn', message: '参保登记日期 2026-03-03 不能晚于今天（2026-03-02）' }]]);
    const early = await logins
      .as('v1mgr')
      .post('/api/hardship/people')
      .send({ ...person, registeredOn: '2026-02-10', paidOn: '2026-02-09', benefitOn: '2026-03-09' });
    expect([early.status, early.body.fields]).toEqual([
      400,
      [
        { field: 'paidOn', message: '代缴日期 2026-02-09 不能早于参保登记日期 2026-02-10' },
        { field: 'benefitOn', message: '享受待遇日期 2026-03-09 不能晚于今天（2026-03-02）' },
      ],
    ]);
    const batch = await logins
      .as('v1mgr')
      .post('/api/hardship/people/batch')
      .send({ campaignId, people: [{ ...person, campaignId: undefined, registeredOn: '2026-02-10', benefitOn: '2026-02-01' }] });
    expect([batch.status, batch.body.fields]).toEqual([400, [{ field: 'people[0].benefitOn', message: '享受待遇日期 2026-02-01 不能早于参保登记日期 2026-02-10' }]]);
    // the business date itself is fine
    expect((await logins.as('v1mgr').post('/api/hardship/people').send({ ...person, registeredOn: '2026-03-02', paidOn: '2026-03-02' })).status).toBe(201);
  });

  it("files and lists people only in a campaign run at or above the caller's unit, and not once it is closed", async () => {
    const person = { unitId: unit.V1, name: '任务外', idNumber: idNumber('19500101', 91), category: 'other' };
    const before = await stored();
    // a campaign of district D2: V1 (under D1) neither files nor reads in it; the office does
    const d2 = (await makeCampaign(api.ds, { owner: 'D2', name: '东城区扩面' })).campaignId;
    const foreign = await logins.as('v1mgr').post('/api/hardship/people').send({ ...person, campaignId: d2 });
    expect(foreign.status).toBe(403);
    expect(foreign.body.message).toMatch(/扩面任务 \d+ 不属于本单位/);
    expect((await logins.as('v1mgr').post('/api/hardship/people/batch').send({ campaignId: d2, people: [person] })).status).toBe(403);
    expect((await logins.as('v1mgr').get('/api/hardship/people').query({ campaignId: d2 })).status).toBe(403);
    expect((await logins.as('d1mgr').get('/api/hardship/rates').query({ campaignId: d2 })).status).toBe(403);
    const office = await logins.as('office').post('/api/hardship/people').send({ ...person, unitId: unit.V3, campaignId: d2 });
    expect(office.status).toBe(201);
    // the same ID number, now on file in that campaign, answers exactly as before it was: 403 before any look-up
    const probe = await logins.as('v1mgr').post('/api/hardship/people').send({ ...person, campaignId: d2 });
    expect([probe.status, probe.body.message]).toEqual([foreign.status, foreign.body.message]);
    // a campaign of district D1 is above V1: it files there
    const d1 = (await makeCampaign(api.ds, { owner: 'D1', name: '城西区扩面' })).campaignId;
    expect((await logins.as('v1mgr').post('/api/hardship/people').send({ ...person, campaignId: d1 })).status).toBe(201);
    expect((await logins.as('v1mgr').get('/api/hardship/people').query({ campaignId: d1 })).body.total).toBe(1);
    expect((await logins.as('office').get('/api/hardship/people').query({ campaignId: 999999 })).status).toBe(404);

    // closed: read, never written
    const closed = (await makeCampaign(api.ds, { status: 'closed', name: '2025年扩面' })).campaignId;
    const write = await logins.as('v1mgr').post('/api/hardship/people').send({ ...person, campaignId: closed });
    expect(write.status).toBe(409);
    expect(write.body.fields).toEqual([{ field: 'campaignId', message: `扩面任务 ${closed} 已结束，不能再登记困难群体人员（the campaign is closed）` }]);
    expect((await logins.as('office').post('/api/hardship/people/batch').send({ campaignId: closed, people: [person] })).status).toBe(409);
    expect((await logins.as('v1mgr').get('/api/hardship/people').query({ campaignId: closed })).status).toBe(200);
    expect(await stored()).toBe(before + 2);
  });
});
