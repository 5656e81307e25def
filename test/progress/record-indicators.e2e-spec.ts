import { loginAs, Logins } from '../helpers/api-client';
import { makeCampaign, makeSmallCity, unitId } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';
import { idNumber } from '../registry/registry-helpers';

/**
 * Issue 16: seed 004's land indicators and the hardship groups' 三个100% as campaign indicators whose figures come from
 * the records (indicator.source), never reported. The small city C1 → D1 (T1 → V1, V2), D2 (T2 → V3); today 2 Mar 2026.
 * Land (as in land-indicators):
 *   P1 at T1: due 1000.00, arrived 600.00; A verified and paid, B verified → verified
 *   P2 at V1: due  500.00, arrived   0.00; C verified and paid, D not     → not verified
 *   P3 at T2: due  300.00, arrived 300.00; no farmers                     → not verified
 *   C1: projects 1/3, fund 900/1800, insured 2/3;  D1: 1/2, 600/1500, 2/3;  D2: 0/1, 300/300, 0/0 (blank)
 * Hardship (reference date 2 Mar 2026; 60 and over eligible):
 *   V1 甲 born 1950: registered 1 Feb, paid 10 Feb, benefit 15 Feb;  V1 乙 born 1980: registered 20 Feb;  V2 丙 born 1990: not registered
 *   V3 丁 born 1960: registered 1 Mar, paid 2 Mar
 *   today: C1 registration 3/4, payment 2/3, benefit 1/2;  D1 2/3, 1/2, 1/1;  D2 1/1, 1/1, 0/1
 *   as of 28 Feb: C1 registration 2/4 (乙 on 20 Feb counts, 丁 not yet), payment 1/2, benefit 1/2
 */
describe('campaign indicators fed by the land and hardship records', () => {
  let env: TestEnv;
  let api: TestApi;
  let logins: Logins;
  let campaignId: number;
  let ids: Record<string, number>;
  let tasks: Record<string, Record<string, number>>;
  const unit: Record<string, number> = {};

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    for (const code of ['C1', 'D1', 'D2', 'T1', 'T2', 'V1', 'V2', 'V3']) unit[code] = await unitId(api.ds, code);
    const ratio = (code: string, source: string) => ({ code, name: code, kind: 'ratio' as const, source });
    const tree = {
      unit: 'C1',
      target: 100,
      children: [
        { unit: 'D1', target: 100 },
        { unit: 'D2', target: 100 },
      ],
    };
    const made = await makeCampaign(api.ds, {
      settings: { referenceDate: '2026-03-02' },
      indicators: [
        ratio('LAND-V', 'land_projects_verified'),
        ratio('LAND-F', 'land_fund_arrival'),
        ratio('LAND-I', 'land_farmers_insured'),
        ratio('HS-REG', 'hardship_registration'),
        ratio('HS-PAY', 'hardship_payment'),
        ratio('HS-BEN', 'hardship_benefit'),
      ],
      tasks: { 'LAND-V': tree, 'LAND-F': tree, 'LAND-I': tree, 'HS-REG': tree, 'HS-PAY': tree, 'HS-BEN': tree },
    });
    ({ campaignId, indicatorIds: ids, taskIds: tasks } = made);
    logins = await loginAs(api, ['office', 'd1mgr']);
    const office = logins.as('office');
    const project = async (u: string, name: string, fundDue: string, fundArrived: string, farmers: object[]) => {
      const id = (
        await office
          .post('/api/land-projects')
          .send({ unitId: unit[u], name, year: 2026, agreementOn: '2026-02-01', areaMu: '10', fundDue, fundArrived })
          .expect(201)
      ).body.id;
      if (farmers.length) await office.post(`/api/land-projects/${id}/farmers`).send({ farmers }).expect(200);
    };
    const farmer = (name: string, seq: number, extra: object = {}) => ({ name, idNumber: idNumber('19600101', seq), village: 'V1', ...extra });
    await project('T1', 'P1', '1000.00', '600.00', [
      farmer('A', 1, { verified: true, verifiedOn: '2026-02-10', subsidyPaidOn: '2026-02-20' }),
      farmer('B', 2, { verified: true, verifiedOn: '2026-02-12' }),
    ]);
    await project('V1', 'P2', '500.00', '0', [farmer('C', 3, { verified: true, verifiedOn: '2026-02-11', subsidyPaidOn: '2026-02-21' }), farmer('D', 4)]);
    await project('T2', 'P3', '300.00', '300.00', []);
    const person = (u: string, name: string, birth: string, seq: number, extra: object = {}) =>
      office
        .post('/api/hardship/people')
        .send({ campaignId, unitId: unit[u], name, idNumber: idNumber(birth, seq), category: 'minimum_living', ...extra })
        .expect(201);
    await person('V1', '甲', '19500101', 31, { registeredOn: '2026-02-01', paidOn: '2026-02-10', paidAmount: '100.00', benefitOn: '2026-02-15' });
    await person('V1', '乙', '19800101', 32, { registeredOn: '2026-02-20' });
    await person('V2', '丙', '19900101', 33);
    await person('V3', '丁', '19600101', 34, { registeredOn: '2026-03-01', paidOn: '2026-03-02', paidAmount: '100.00' });
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  type Row = { code: string; actual: string; denominator: string | null; value: number | null; rank: number | null };
  type Ind = { code: string; total: Row; rows: Row[] };
  const figures = (i: Ind) => ({
    total: [i.total.actual, i.total.denominator, i.total.value],
    rows: i.rows.map((r) => [r.code, r.actual, r.denominator, r.value]),
  });
  const dashboard = async (date?: string) => {
    const res = await logins
      .as('office')
      .get(`/api/dashboards?campaignId=${campaignId}&unitId=${unit.C1}${date ? `&date=${date}` : ''}`)
      .expect(200);
    return new Map((res.body.indicators as Ind[]).map((i) => [i.code, i]));
  };

  it("shows today's land figures from the projects and farmers, per district, worked out by hand", async () => {
    const d = await dashboard();
    expect(figures(d.get('LAND-V')!)).toEqual({
      total: ['1', '3', 1 / 3],
      rows: [
        ['D1', '1', '2', 0.5],
        ['D2', '0', '1', 0],
      ],
    });
    expect(figures(d.get('LAND-F')!)).toEqual({
      total: ['900', '1800', 0.5],
      rows: [
        ['D1', '600', '1500', 0.4],
        ['D2', '300', '300', 1],
      ],
    });
    expect(figures(d.get('LAND-I')!)).toEqual({
      total: ['2', '3', 2 / 3],
      rows: [
        ['D1', '2', '3', 2 / 3],
        ['D2', '0', '0', null],
      ],
    });
  });

  it('shows the three 100 % rates from the hardship records, today and as of a date before some of them', async () => {
    const d = await dashboard();
    expect(figures(d.get('HS-REG')!)).toEqual({
      total: ['3', '4', 0.75],
      rows: [
        ['D1', '2', '3', 2 / 3],
        ['D2', '1', '1', 1],
      ],
    });
    expect(figures(d.get('HS-PAY')!)).toEqual({
      total: ['2', '3', 2 / 3],
      rows: [
        ['D1', '1', '2', 0.5],
        ['D2', '1', '1', 1],
      ],
    });
    expect(figures(d.get('HS-BEN')!)).toEqual({
      total: ['1', '2', 0.5],
      rows: [
        ['D1', '1', '1', 1],
        ['D2', '0', '1', 0],
      ],
    });
    const before = await dashboard('2026-02-28');
    expect(figures(before.get('HS-REG')!).total).toEqual(['2', '4', 0.5]);
    expect(figures(before.get('HS-PAY')!).total).toEqual(['1', '2', 0.5]);
    expect(figures(before.get('HS-BEN')!).total).toEqual(['1', '2', 0.5]);
    // the same figures as the hardship page's rates
    const rates = (await logins.as('office').get(`/api/hardship/rates?campaignId=${campaignId}&unitId=${unit.C1}`).expect(200)).body;
    expect(JSON.stringify(rates)).toContain('"registrationRate":"75.0"');
  });

  it('ranks the districts by the rate from the records', async () => {
    const res = await logins.as('office').get(`/api/rankings?campaignId=${campaignId}&unitId=${unit.C1}&indicatorId=${ids['HS-REG']}`).expect(200);
    expect(res.body.indicators[0].rows.map((r: Row) => [r.code, r.rank])).toEqual([
      ['D2', 1],
      ['D1', 2],
    ]);
    const district = await logins.as('d1mgr').get(`/api/dashboards?campaignId=${campaignId}&unitId=${unit.D1}`).expect(200);
    const land = (district.body.indicators as Ind[]).find((i) => i.code === 'LAND-V')!;
    // D1's children: T1 holds P1 (verified), V1 (under T1) P2: T1's subtree has both
    expect(figures(land).total).toEqual(['1', '2', 0.5]);
  });

  it('refuses a progress report on an indicator fed by the records, naming the task', async () => {
    const res = await logins.as('office').post('/api/progress-reports').send({ taskId: tasks['HS-REG'].D1, asOf: '2026-03-01', actual: '3', denominator: '3' });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([
      {
        field: 'taskId',
        message: `任务 ${tasks['HS-REG'].D1} 的指标由征地项目或困难群体记录自动计算，不能填报（task ${tasks['HS-REG'].D1}'s indicator is computed from the records, never reported）`,
      },
    ]);
  });

  it("gives a unit's series of a record-fed indicator by the facts' dates", async () => {
    const res = await logins
      .as('office')
      .get(`/api/dashboards/series?campaignId=${campaignId}&unitId=${unit.C1}&indicatorId=${ids['HS-REG']}&from=2026-01-01&to=2026-03-02`)
      .expect(200);
    expect(res.body.points.map((p: { asOf: string; actual: string; denominator: string }) => [p.asOf, p.actual, p.denominator])).toEqual([
      ['2026-01-01', '0', '4'],
      ['2026-02-01', '1', '4'],
      ['2026-02-20', '2', '4'],
      ['2026-03-01', '3', '4'],
    ]);
  });
});
