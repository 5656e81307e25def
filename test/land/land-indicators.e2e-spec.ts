import { loginAs, Logins } from '../helpers/api-client';
import { makeSmallCity, unitId } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';
import { idNumber } from '../registry/registry-helpers';
import { binary, firstSheetRows } from '../helpers/xlsx';

/**
 * Seed 004's land indicators computed from the records over the small city C1 → D1 (T1 → V1, V2), D2 (T2 → V3), A1.
 *   P1 at T1: due 1000.00, arrived 600.00; A verified and paid, B verified       → verified (2 of 2)
 *   P2 at V1: due  500.00, arrived   0.00; C verified and paid (later), D not    → not verified
 *   P3 at T2: due  300.00, arrived 300.00; no farmers                            → not verified
 * C1: 1 of 3 projects = 33.33 %, 900 of 1800 = 50.00 %, 2 of 3 verified insured = 66.67 %
 * D1: 1 of 2 = 50.00 %, 600 of 1500 = 40.00 %, 2 of 3 = 66.67 %;  D2: 0 of 1 = 0.00 %, 300 of 300 = 100.00 %, none verified: null
 * A1: nothing at all: null, null, null.
 */
describe('land indicators per unit (seed 004)', () => {
  let env: TestEnv;
  let api: TestApi;
  let logins: Logins;

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    logins = await loginAs(api, ['office', 'd1mgr']);
    const make = async (unit: string, name: string, fundDue: string, fundArrived: string) =>
      (
        await logins
          .as('office')
          .post('/api/land-projects')
          .send({ unitId: await unitId(api.ds, unit), name, year: 2026, agreementOn: '2026-02-01', areaMu: '10', fundDue, fundArrived })
      ).body.id as number;
    const p1 = await make('T1', 'P1', '1000.00', '600.00');
    const p2 = await make('V1', 'P2', '500.00', '0');
    await make('T2', 'P3', '300.00', '300.00');
    const add = (id: number, farmers: object[]) => logins.as('office').post(`/api/land-projects/${id}/farmers`).send({ farmers });
    expect(
      (
        await add(p1, [
          { name: 'A', idNumber: idNumber('19600101', 1), village: 'V1', verified: true, subsidyPaidOn: '2026-02-20' },
          { name: 'B', idNumber: idNumber('19600101', 2), village: 'V1', verified: true },
        ])
      ).status,
    ).toBe(200);
    expect(
      (
        await add(p2, [
          { name: 'C', idNumber: idNumber('19600101', 3), village: 'V1', verified: true },
          { name: 'D', idNumber: idNumber('19600101', 4), village: 'V1' },
        ])
      ).status,
    ).toBe(200);
    const c = (await logins.as('office').get(`/api/land-projects/${p2}/farmers`)).body.items.find((f: { name: string }) => f.name === 'C');
    const future = await logins.as('office').patch(`/api/land-projects/${p2}/farmers/${c.id}`).send({ verified: true, subsidyPaidOn: '2026-03-03' });
    expect(future.body.fields).toEqual([{ field: 'subsidyPaidOn', message: '补贴发放日期不能晚于今天' }]);
    expect((await logins.as('office').patch(`/api/land-projects/${p2}/farmers/${c.id}`).send({ verified: true, subsidyPaidOn: '2026-03-01' })).status).toBe(
      204,
    );
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  const row = (
    unitName: string,
    projects: number,
    projectsVerified: number,
    fundDue: string,
    fundArrived: string,
    farmersVerified: number,
    farmersInsured: number,
  ) => ({
    unitName,
    projects,
    projectsVerified,
    fundDue,
    fundArrived,
    farmersVerified,
    farmersInsured,
  });

  it("computes the city's figures and each district's, worked out by hand", async () => {
    const res = await logins.as('office').get('/api/land-projects/indicators');
    expect(res.status).toBe(200);
    expect(res.body.unit).toMatchObject({
      ...row('单位C1', 3, 1, '1800.00', '900.00', 3, 2),
      projectVerifiedRate: '33.33',
      fundArrivalRate: '50.00',
      insuredRate: '66.67',
    });
    const byName = Object.fromEntries(res.body.children.map((r: { unitName: string }) => [r.unitName, r]));
    expect(Object.keys(byName).sort()).toEqual(['单位A1', '单位D1', '单位D2']);
    expect(byName['单位D1']).toMatchObject({
      ...row('单位D1', 2, 1, '1500.00', '600.00', 3, 2),
      projectVerifiedRate: '50.00',
      fundArrivalRate: '40.00',
      insuredRate: '66.67',
    });
    expect(byName['单位D2']).toMatchObject({
      ...row('单位D2', 1, 0, '300.00', '300.00', 0, 0),
      projectVerifiedRate: '0.00',
      fundArrivalRate: '100.00',
      insuredRate: null,
    });
    expect(byName['单位A1']).toMatchObject({
      ...row('单位A1', 0, 0, '0.00', '0.00', 0, 0),
      projectVerifiedRate: null,
      fundArrivalRate: null,
      insuredRate: null,
    });
  });

  it('a district manager gets their own district by default, and 403 for the city', async () => {
    const own = await logins.as('d1mgr').get('/api/land-projects/indicators');
    expect(own.body.unit).toMatchObject({ unitName: '单位D1', projectVerifiedRate: '50.00', fundArrivalRate: '40.00', insuredRate: '66.67' });
    expect(own.body.children).toEqual([expect.objectContaining({ ...row('单位T1', 2, 1, '1500.00', '600.00', 3, 2) })]);
    const city = await unitId(api.ds, 'C1');
    expect((await logins.as('d1mgr').get(`/api/land-projects/indicators?unitId=${city}`)).status).toBe(403);
  });

  it('exports the projects in scope as XLSX, in the order asked', async () => {
    const x = await logins.as('office').get('/api/land-projects/xlsx?sort=fundDue&order=desc').buffer(true).parse(binary).expect(200);
    const rows = await firstSheetRows(x.body);
    expect(rows[1][0]).toBe('单位：亩、人、元、%');
    expect(rows[2]).toEqual([
      '序号',
      '项目名称',
      '实施单位',
      '年度',
      '征地补偿安置协议签订日期',
      '征地面积',
      '被征地农民人数',
      '已核实人数',
      '核实完成时限',
      '核实情况',
      '应到位补贴资金',
      '已到位补贴资金',
      '资金到位率',
    ]);
    // 600 / 1000 = 60.00 % (0.6), 0 / 500 = 0, 300 / 300 = 100 % (1)
    expect(rows.slice(3)).toEqual([
      [1, 'P1', '单位T1', 2026, '2026-02-01', 10, 2, 2, '2026-03-03', '已核实', 1000, 600, 0.6],
      [2, 'P2', '单位V1', 2026, '2026-02-01', 10, 2, 1, '2026-03-03', '核实中', 500, 0, 0],
      [3, 'P3', '单位T2', 2026, '2026-02-01', 10, 0, 0, '2026-03-03', '核实中', 300, 300, 1],
    ]);
    // the list's default order: newest agreement first, then newest project (P2 was made after P1)
    const d1 = await logins.as('d1mgr').get('/api/land-projects/xlsx').buffer(true).parse(binary).expect(200);
    expect((await firstSheetRows(d1.body)).slice(3).map((r) => r[1])).toEqual(['P2', 'P1']);
  });
  it("exports a project's per-person table: verification, personal account, enrolment, ID numbers masked", async () => {
    const projects = (await logins.as('office').get('/api/land-projects?q=P').expect(200)).body.items as { id: number; name: string }[];
    const p1 = projects.find((p) => p.name === 'P1')!.id;
    const p2 = projects.find((p) => p.name === 'P2')!.id;
    // P1's fund of 1000.00 into 2 personal accounts of 500.00
    await logins.as('office').put(`/api/land-projects/${p1}/fund-split`).send({ people: 2, amountEach: '500.00' }).expect(200);
    const x = await logins.as('d1mgr').get(`/api/land-projects/${p1}/farmers/xlsx`).buffer(true).parse(binary).expect(200);
    const rows = await firstSheetRows(x.body);
    expect(rows[0][0]).toBe('P1被征地农民信息核实及参保情况（截至 2026-03-02）');
    expect(rows[2]).toEqual([
      '序号',
      '姓名',
      '身份证号码',
      '村（社区）',
      '核实情况',
      '核实日期',
      '核实完成时限',
      '个人账户划入补贴',
      '补贴发放日期',
      '参保情况',
    ]);
    const masked = (seq: number) => `${idNumber('19600101', seq).slice(0, 6)}********${idNumber('19600101', seq).slice(14)}`;
    expect(rows.slice(3)).toEqual([
      [1, 'A', masked(1), 'V1', '已核实', '2026-03-02', '2026-03-03', 500, '2026-02-20', '已参保'],
      [2, 'B', masked(2), 'V1', '已核实', '2026-03-02', '2026-03-03', 500, '', '未参保'],
    ]);
    // no split: the account column is blank; D is still within the deadline
    const y = await logins.as('office').get(`/api/land-projects/${p2}/farmers/xlsx`).buffer(true).parse(binary).expect(200);
    expect((await firstSheetRows(y.body)).slice(3).map((r) => [r[1], r[4], r[7] ?? null, r[9]])).toEqual([
      ['C', '已核实', null, '已参保'],
      ['D', '待核实', null, '未参保'],
    ]);
    const p3 = (await logins.as('office').get('/api/land-projects?q=P3').expect(200)).body.items[0].id;
    expect((await logins.as('d1mgr').get(`/api/land-projects/${p3}/farmers/xlsx`)).status).toBe(403);
  });
});
