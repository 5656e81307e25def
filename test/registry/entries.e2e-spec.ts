import ExcelJS from 'exceljs';
import { loginAs, Logins } from '../helpers/api-client';
import { makeCampaign, makeSmallCity, makeUnit, makeUser, unitId } from '../helpers/factories';
import { binary } from '../helpers/xlsx';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';
import { idNumber, uscc } from './registry-helpers';

describe('registry entries: masking, scope, assignment, visits, recommendation, investigation', () => {
  let env: TestEnv;
  let api: TestApi;
  let campaignId: number;
  let logins: Logins;
  const ids: Record<string, string> = {};

  async function person(key: string, id: string, village: string, extra: { phone?: string; group?: string } = {}) {
    const [row] = await api.ds.query(
      `INSERT INTO registry_person (campaign_id, org_unit_id, org_unit_path, id_number, name, sex, birth_date, phone, source_group)
       SELECT $1, o.id, o.path, $2, $3, CASE WHEN substr($2, 17, 1)::int % 2 = 1 THEN 'M' ELSE 'F' END,
              to_date(substr($2, 7, 8), 'YYYYMMDD'), $5, $6 FROM org_unit o WHERE o.code = $4 RETURNING id::text`,
      [campaignId, id, key, village, extra.phone ?? null, extra.group ?? 'other'],
    );
    ids[key] = row.id;
  }
  async function employer(key: string, code: string, unit: string, uninsured: number) {
    const [row] = await api.ds.query(
      `INSERT INTO registry_employer (campaign_id, org_unit_id, org_unit_path, uscc, name, staff_count, insured_count, uninsured_count)
       SELECT $1, o.id, o.path, $2, $3, $5, 0, $5 FROM org_unit o WHERE o.code = $4 RETURNING id::text`,
      [campaignId, code, key, unit, uninsured],
    );
    ids[key] = row.id;
  }

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    await makeUser(api.ds, 'v1cadre2', 'V1', ['cadre']);
    await makeUser(api.ds, 'v2cadre', 'V2', ['cadre']);
    // Reference date 2026-03-02 (seed 001 ages are taken on the campaign's reference date).
    campaignId = (await makeCampaign(api.ds, { settings: { referenceDate: '2026-03-02' } })).campaignId;
    logins = await loginAs(api, ['office', 't1mgr', 'v1mgr', 'v1cadre', 'v1cadre2', 'v2cadre', 'v2mgr']);
    // Men turn 45 and women 40 on 2026-03-02 or the day after.
    await person('man45', idNumber('19810302', 11), 'V1', { phone: '13912345678' }); // 45 on the reference date -> resident
    await person('man44', idNumber('19810303', 13), 'V1'); // 45 tomorrow -> still 44 -> employee
    await person('woman40', idNumber('19860302', 22), 'V1'); // 40 on the reference date -> resident
    await person('woman39', idNumber('19860303', 24), 'V1', { group: 'platform_worker' }); // 39 -> employee
    await person('v2person', idNumber('19900101', 31), 'V2');
    await person('v3person', idNumber('19900101', 33), 'V3');
    await employer('bigco', uscc('000000001'), 'T1', 60);
    await employer('smallco', uscc('000000002'), 'V1', 5);
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  it('masks ID numbers and phones in lists; the detail call is full and writes an audit row', async () => {
    const list = await logins.as('v1mgr').get('/api/registry-people').query({ campaignId });
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(4);
    const man = list.body.items.find((p: { id: string }) => p.id === ids.man45);
    const full = idNumber('19810302', 11);
    expect(man.idNumber).toBe(`${full.slice(0, 6)}********${full.slice(-4)}`);
    expect(man.phone).toBe('139****5678');
    const detail = await logins.as('v1mgr').get(`/api/registry-people/${ids.man45}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ idNumber: full, phone: '13912345678', birthDate: '1981-03-02', sex: 'M', age: 45, recommendation: 'resident_pension' });
    const audit = await api.ds.query(`SELECT actor_username, action, entity_id FROM audit_log WHERE action = 'registry.person.read'`);
    expect(audit).toEqual([{ actor_username: 'v1mgr', action: 'registry.person.read', entity_id: ids.man45 }]);
  });

  it('keeps a cadre to their own village', async () => {
    const list = await logins.as('v2cadre').get('/api/registry-people');
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([ids.v2person]);
    expect((await logins.as('v2cadre').get(`/api/registry-people/${ids.man45}`)).status).toBe(403);
    expect(
      (
        await logins
          .as('v2cadre')
          .get('/api/registry-people')
          .query({ unitId: await unitId(api.ds, 'V1') })
      ).status,
    ).toBe(403);
    expect((await logins.as('v2cadre').get(`/api/registry-people/999999`)).status).toBe(404);
    const visit = await logins
      .as('v2cadre')
      .post('/api/registry-visits')
      .send({ kind: 'person', entryId: ids.man45, visitedAt: '2026-03-01T02:00:00Z', method: 'phone', outcome: 'refused' });
    expect(visit.status).toBe(403);
  });

  it('recommends by age and sex on the reference date, the day before and on the birthday, and filters by it', async () => {
    const list = await logins
      .as('v1mgr')
      .get('/api/registry-people')
      .query({ campaignId, unitId: await unitId(api.ds, 'V1') });
    const by = Object.fromEntries(list.body.items.map((p: { id: string; age: number; recommendation: string }) => [p.id, `${p.age}:${p.recommendation}`]));
    expect(by).toEqual({
      [ids.man45]: '45:resident_pension',
      [ids.man44]: '44:employee_pension',
      [ids.woman40]: '40:resident_pension',
      [ids.woman39]: '39:employee_pension',
    });
    const employee = await logins
      .as('v1mgr')
      .get('/api/registry-people')
      .query({ recommendation: 'employee_pension', unitId: await unitId(api.ds, 'V1') });
    expect(employee.body.items.map((p: { id: string }) => p.id).sort()).toEqual([ids.man44, ids.woman39].sort());
  });

  it('assigns one by one, by filter and evenly, and keeps reassignment history', async () => {
    const cadre1 = (await api.ds.query(`SELECT id FROM app_user WHERE username = 'v1cadre'`))[0].id;
    const cadre2 = (await api.ds.query(`SELECT id FROM app_user WHERE username = 'v1cadre2'`))[0].id;
    const v2cadre = (await api.ds.query(`SELECT id FROM app_user WHERE username = 'v2cadre'`))[0].id;
    const v1 = await unitId(api.ds, 'V1');
    const one = await logins
      .as('v1mgr')
      .post('/api/registry-assignments')
      .send({ kind: 'person', mode: 'single', ids: [ids.man45], cadreId: cadre1 });
    expect(one.status).toBe(201);
    expect(one.body).toEqual({ assigned: 1 });
    // a cadre of another village cannot take V1 entries; a cadre cannot assign
    expect(
      (
        await logins
          .as('t1mgr')
          .post('/api/registry-assignments')
          .send({ kind: 'person', mode: 'single', ids: [ids.man45], cadreId: v2cadre })
      ).status,
    ).toBe(400);
    expect(
      (
        await logins
          .as('v1cadre')
          .post('/api/registry-assignments')
          .send({ kind: 'person', mode: 'single', ids: [ids.man45], cadreId: cadre1 })
      ).status,
    ).toBe(403);
    const filter = await logins
      .as('v1mgr')
      .post('/api/registry-assignments')
      .send({ kind: 'person', mode: 'filter', villageId: v1, filter: { group: 'platform_worker' }, cadreId: cadre2 });
    expect(filter.body).toEqual({ assigned: 1 }); // woman39
    // evenly over V1's two cadres (no load elsewhere: shares 2 and 2): man45 stays with cadre1 and woman39 with cadre2;
    // man44 (position 1) -> cadre2, woman40 (position 2) -> cadre1
    const even = await logins.as('v1mgr').post('/api/registry-assignments').send({ kind: 'person', mode: 'even', villageId: v1 });
    expect(even.body).toEqual({ assigned: 2 });
    const rows = await api.ds.query(
      `SELECT id::text, cadre_id FROM registry_person WHERE org_unit_path = (SELECT path FROM org_unit WHERE code = 'V1') ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: ids.man45, cadre_id: cadre1 },
      { id: ids.man44, cadre_id: cadre2 },
      { id: ids.woman40, cadre_id: cadre1 },
      { id: ids.woman39, cadre_id: cadre2 },
    ]);
    // reassignment keeps history
    await logins
      .as('v1mgr')
      .post('/api/registry-assignments')
      .send({ kind: 'person', mode: 'single', ids: [ids.man45], cadreId: cadre2 });
    const hist = await logins.as('v1mgr').get(`/api/registry-people/${ids.man45}/assignments`);
    expect(hist.body.map((h: { fromCadreId: number | null; toCadreId: number; mode: string }) => [h.fromCadreId, h.toCadreId, h.mode])).toEqual([
      [null, cadre1, 'single'],
      [cadre1, cadre2, 'single'],
    ]);
    const mine = await logins.as('v1cadre').get('/api/registry-people').query({ mine: true });
    expect(mine.body.items.map((p: { id: string }) => p.id)).toEqual([ids.woman40]);
  });

  it('drives status from the latest visit, keeps history, and lists unreachable people for the police station', async () => {
    const post = (u: string, body: object) => logins.as(u).post('/api/registry-visits').send(body);
    expect(
      (await post('v1cadre', { kind: 'person', entryId: ids.woman40, visitedAt: '2026-03-01T01:00:00Z', method: 'door_to_door', outcome: 'unreachable' }))
        .status,
    ).toBe(201);
    let [p] = await api.ds.query(`SELECT status, visit_count FROM registry_person WHERE id = $1`, [ids.woman40]);
    expect(p).toEqual({ status: 'unreachable', visit_count: 1 });
    const police = await logins
      .as('t1mgr')
      .get('/api/registry-police-checks')
      .query({ unitId: await unitId(api.ds, 'T1') });
    expect(police.body.items.map((x: { id: string }) => x.id)).toEqual([ids.woman40]);
    expect(police.body.items[0].idNumber).toContain('****');
    // a village's cadre takes the whole town's list to the police station (V2's cadre sees V1's woman, masked),
    // but cannot read another village's lists by naming it
    const byCadre = await logins
      .as('v2cadre')
      .get('/api/registry-police-checks')
      .query({ unitId: await unitId(api.ds, 'T1') });
    expect(byCadre.status).toBe(200);
    expect(byCadre.body.items.map((x: { id: string; idNumber: string }) => [x.id, x.idNumber.includes('****')])).toEqual([[ids.woman40, true]]);
    expect(
      (
        await logins
          .as('v2cadre')
          .get('/api/registry-police-checks')
          .query({ unitId: await unitId(api.ds, 'V1') })
      ).status,
    ).toBe(403);
    // insured elsewhere needs its proof; not eligible needs a reason
    expect(
      (await post('v1cadre', { kind: 'person', entryId: ids.woman40, visitedAt: '2026-03-01T03:00:00Z', method: 'phone', outcome: 'insured_elsewhere' }))
        .status,
    ).toBe(400);
    expect(
      (await post('v1cadre', { kind: 'person', entryId: ids.woman40, visitedAt: '2026-03-01T03:00:00Z', method: 'phone', outcome: 'not_eligible' })).status,
    ).toBe(400);
    expect(
      (
        await post('v1cadre', {
          kind: 'person',
          entryId: ids.woman40,
          visitedAt: '2026-03-01T03:00:00Z',
          method: 'phone',
          outcome: 'insured_elsewhere',
          proofReference: '外省参保证明 2026-001',
        })
      ).status,
    ).toBe(201);
    // a back-dated visit goes into history but does not override the latest
    expect(
      (await post('v1cadre', { kind: 'person', entryId: ids.woman40, visitedAt: '2026-02-20T03:00:00Z', method: 'wechat', outcome: 'refused' })).status,
    ).toBe(201);
    [p] = await api.ds.query(`SELECT status, last_outcome, visit_count FROM registry_person WHERE id = $1`, [ids.woman40]);
    expect(p).toEqual({ status: 'insured_elsewhere', last_outcome: 'insured_elsewhere', visit_count: 3 });
    const hist = await logins.as('v1mgr').get(`/api/registry-people/${ids.woman40}/visits`);
    expect(hist.body.map((v: { outcome: string }) => v.outcome)).toEqual(['insured_elsewhere', 'unreachable', 'refused']);
    expect(
      (
        await logins
          .as('t1mgr')
          .get('/api/registry-police-checks')
          .query({ unitId: await unitId(api.ds, 'T1') })
      ).body.total,
    ).toBe(0);
    // every outcome sets the status
    for (const outcome of ['enrolled', 'will_enrol', 'moved_away', 'deceased']) {
      await post('v1mgr', {
        kind: 'person',
        entryId: ids.man44,
        visitedAt: new Date(env.clock.now().getTime() - 1000).toISOString(),
        method: 'phone',
        outcome,
        note: outcome,
      });
      env.clock.advance(1000);
      expect((await api.ds.query(`SELECT status FROM registry_person WHERE id = $1`, [ids.man44]))[0].status).toBe(outcome);
    }
    // future visits are refused
    expect(
      (await post('v1cadre', { kind: 'person', entryId: ids.woman40, visitedAt: '2027-01-01T00:00:00Z', method: 'phone', outcome: 'refused' })).status,
    ).toBe(400);
  });

  it('counts employer refusals and on-site visits', async () => {
    const post = (body: object) =>
      logins
        .as('t1mgr')
        .post('/api/registry-visits')
        .send({ kind: 'employer', entryId: ids.bigco, ...body });
    await post({ visitedAt: '2026-02-10T02:00:00Z', method: 'phone', outcome: 'refused' });
    await post({ visitedAt: '2026-02-20T02:00:00Z', method: 'door_to_door', outcome: 'refused' });
    const [e] = await api.ds.query(`SELECT status, visit_count, refusal_count, onsite_visit_count FROM registry_employer WHERE id = $1`, [ids.bigco]);
    expect(e).toEqual({ status: 'refused', visit_count: 2, refusal_count: 2, onsite_visit_count: 1 });
    const list = await logins.as('t1mgr').get('/api/registry-employers').query({ minRefusals: 2 });
    expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([ids.bigco]);
  });

  it('reports investigation progress per unit with rates, the on-site list, and an XLSX export', async () => {
    // T1's children: V1 (4 people, all but... visited: woman40, man44 -> 2 of 4; smallco not visited) and V2 (1 person, 0 visited).
    // bigco sits on T1 itself, so it is counted in T1's total but in neither village row.
    const res = await logins
      .as('t1mgr')
      .get('/api/registry-investigation')
      .query({ campaignId, unitId: await unitId(api.ds, 'T1') });
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: { unitName: string }) => r.unitName)).toEqual(['单位V1', '单位V2']);
    expect(res.body.total).toBe(2);
    expect(res.body.items[0]).toMatchObject({
      employersIssued: 1,
      employersInvestigated: 0,
      employerRate: 0,
      peopleIssued: 4,
      peopleInvestigated: 2,
      peopleRate: 50,
    });
    expect(res.body.items[1]).toMatchObject({ employersIssued: 0, employerRate: null, peopleIssued: 1, peopleInvestigated: 0, peopleRate: 0 });
    // total 2 of 5 people = 40.0 %
    expect(res.body.sum).toMatchObject({ peopleIssued: 5, peopleInvestigated: 2, peopleRate: 40 });
    const onsite = await logins.as('t1mgr').get('/api/registry-investigation/onsite-employers').query({ campaignId });
    expect(onsite.body.items).toEqual([expect.objectContaining({ id: ids.bigco, uninsuredCount: 60, onsiteVisited: true })]);
    expect(onsite.body.total).toBe(1);
    const xlsx = await logins
      .as('t1mgr')
      .get('/api/registry-investigation/export.xlsx')
      .query({ campaignId, unitId: await unitId(api.ds, 'T1') })
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body);
    const ws = wb.getWorksheet('排查进度')!;
    // seed 002 annex 4: title, 单位 line, 下发资源总量 / 已排查资源 / 完成任务比例 each over 户数 and 人数, 合计 first
    expect(xlsx.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('单位T1扩面资源排查工作进度统计表（')}`);
    expect(ws.getCell('A1').value).toMatch(/^单位T1扩面资源排查工作进度统计表（截至\d{4}-\d{2}-\d{2}）$/);
    expect(ws.getCell('A2').value).toBe('单位：户、人、%');
    expect([...ws.model.merges].sort()).toEqual(['A1:G1', 'A2:G2', 'A3:A4', 'B3:C3', 'D3:E3', 'F3:G3']);
    const row = (r: number) => (ws.getRow(r).values as unknown[]).slice(1, 8);
    expect(row(3)).toEqual(['单位', '下发资源总量', '下发资源总量', '已排查资源', '已排查资源', '完成任务比例', '完成任务比例']);
    expect(row(4)).toEqual(['单位', '户数', '人数', '户数', '人数', '户数', '人数']);
    // 合计: employers 1 issued (smallco; bigco sits on T1 itself), 0 visited; people 2 of 5 = 40.0 %
    expect(row(5)).toEqual(['合计', 1, 5, 0, 2, 0, 0.4]);
    // V1: 2 of 4 people = 50.0 %; V2 issued no employer: a blank rate
    expect(row(6)).toEqual(['单位V1', 1, 4, 0, 2, 0, 0.5]);
    expect(row(7)).toEqual(['单位V2', 0, 1, 0, 0, undefined, 0]);
    expect(typeof ws.getCell('G6').value).toBe('number');
    expect([ws.getCell('B6').numFmt, ws.getCell('G6').numFmt]).toEqual(['0', '0.0%']);
    expect(ws.getCell('A5').font).toMatchObject({ bold: true });
    expect(ws.getCell('F7').border).toMatchObject({ top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:4' });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    const onsiteSheet = wb.getWorksheet('需现场排查单位')!;
    expect((onsiteSheet.getRow(4).values as unknown[]).slice(1)).toEqual([uscc('000000001'), 'bigco', '单位T1', 60, '是']);
  });

  it('lists administrative units only, in tree order: /1/2/ before /1/10/', async () => {
    // a district whose id has more digits than its siblings': as text its path would sort first
    await api.ds.query(`SELECT setval('org_unit_id_seq', 100)`);
    const d3 = await makeUnit(api.ds, 'D3', 'district', 'C1');
    expect(d3.id).toBe(101);
    expect(await unitId(api.ds, 'D2')).toBeLessThan(10);
    const res = await logins.as('office').get('/api/registry-investigation').query({ campaignId });
    // C1's children: D1, D2, D3; the member department A1 (level agency) is no row
    expect(res.body.items.map((r: { unitName: string }) => r.unitName)).toEqual(['单位D1', '单位D2', '单位D3']);
    expect(res.body.total).toBe(3);
    // everything sits under D1 and D2: 2 employers, 6 people (V3's one under D2), 2 visited
    expect(res.body.sum).toMatchObject({ employersIssued: 2, peopleIssued: 6, peopleInvestigated: 2 });
    const xlsx = await logins.as('office').get('/api/registry-investigation/export.xlsx').query({ campaignId }).buffer(true).parse(binary);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body);
    const ws = wb.getWorksheet('排查进度')!;
    expect([5, 6, 7, 8].map((r) => ws.getRow(r).getCell(1).value)).toEqual(['合计', '单位D1', '单位D2', '单位D3']);
    expect(ws.rowCount).toBe(8);
  });
});
