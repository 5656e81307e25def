import { INestApplicationContext } from '@nestjs/common';
import { loginAs, Logins } from '../helpers/api-client';
import { makeCampaign, makeSmallCity, makeUnit, makeUser, unitId } from '../helpers/factories';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv, waitFor } from '../helpers/test-app';
import { idNumber, uscc } from './registry-helpers';

/**
 * Issue 16 point 2: member departments' uploads matched against the insured roster (参保库), with provenance.
 * The small city: C1 → D1 (T1 → V1, V2), D2 (T2 → V3); departments A1 (tax) and A2 (civil affairs) under C1, A3
 * (D1's tax bureau) under D1; a town office at T1.
 */
describe('department uploads matched against the insured roster', () => {
  let env: TestEnv;
  let api: TestApi;
  let worker: INestApplicationContext;
  let logins: Logins;
  let campaignId: number;
  let indicatorId: number;
  let a1: number;
  let a2: number;
  let closedCampaignId: number;

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    await makeUnit(api.ds, 'A2', 'agency', 'C1', '民政局');
    await makeUser(api.ds, 'tax1', 'A1', ['department']);
    await makeUser(api.ds, 'civil1', 'A2', ['department']);
    await makeUnit(api.ds, 'A3', 'agency', 'D1', '一区税务局');
    await makeUser(api.ds, 'tax2', 'A3', ['department']);
    await makeUser(api.ds, 't1office', 'T1', ['office']);
    const made = await makeCampaign(api.ds, { indicators: [{ code: 'NEW', name: '新增参保人数' }] });
    campaignId = made.campaignId;
    indicatorId = made.indicatorIds.NEW;
    a1 = await unitId(api.ds, 'A1');
    a2 = await unitId(api.ds, 'A2');
    closedCampaignId = (await makeCampaign(api.ds, { name: '2025年扩面征缴', status: 'closed' })).campaignId;
    worker = await startWorker(env);
    logins = await loginAs(api, ['office', 'tax1', 'civil1', 'tax2', 't1office', 'd1mgr', 'admin']);
    const set = await logins
      .as('office')
      .put(`/api/campaigns/${campaignId}/settings`)
      .send({ progress: { rosterIndicatorIds: [indicatorId] } });
    expect(set.status).toBe(200);
    // tax: employers and people; civil affairs: 低保 people and death records; D1's tax bureau: people
    for (const [orgUnitId, code] of [
      [a1, 'taxed_uninsured'],
      [a1, 'population'],
      [a2, 'low_income'],
      [a2, 'deaths'],
      [await unitId(api.ds, 'A3'), 'fund_uninsured'],
    ] as const) {
      const duty = await logins.as('office').post(`/api/campaigns/${campaignId}/duties`).send({ orgUnitId, code, cadence: 'monthly', dueDay: 25 });
      expect(duty.status).toBe(201);
    }
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
    await env.drop();
  });

  const csv = (...lines: string[]) => Buffer.from(lines.join('\n'));
  async function finished(user: string, route: string, id: string) {
    return waitFor(async () => {
      const r = await logins.as(user).get(`/api/${route}/${id}`);
      return ['done', 'failed'].includes(r.body.status) ? r.body : null;
    });
  }
  async function roster(dataKind: 'person' | 'employer', content: Buffer, name = 'roster.csv') {
    const res = await logins
      .as('office')
      .post('/api/roster-imports')
      .field('campaignId', String(campaignId))
      .field('dataKind', dataKind)
      .attach('file', content, name);
    expect(res.status).toBe(202);
    return finished('office', 'roster-imports', res.body.id);
  }
  async function report(user: string, dataKind: string, content: Buffer, name = 'list.csv', extra: Record<string, string> = {}) {
    let req = logins.as(user).post('/api/department-uploads').field('campaignId', String(campaignId)).field('dataKind', dataKind);
    for (const [k, v] of Object.entries(extra)) req = req.field(k, v);
    const res = await req.attach('file', content, name);
    expect(res.status).toBe(202);
    return finished(user, 'department-uploads', res.body.id);
  }
  const person = async (id: string) =>
    (
      await api.ds.query(
        `SELECT p.id::text, p.status, p.phone, o.code AS unit FROM registry_person p JOIN org_unit o ON o.id = p.org_unit_id WHERE p.campaign_id = $1 AND p.id_number = $2`,
        [campaignId, id],
      )
    )[0];
  const employer = async (code: string) =>
    (await api.ds.query(`SELECT id::text, status, legal_representative FROM registry_employer WHERE campaign_id = $1 AND uscc = $2`, [campaignId, code]))[0];
  const credits = async () =>
    api.ds.query(
      `SELECT source, source_ref, indicator_id, amount::int AS amount, org_unit_id FROM progress_credit WHERE campaign_id = $1 ORDER BY source_ref`,
      [campaignId],
    );

  it('credits roster enrolments only to count indicators of the campaign (rosterIndicatorIds)', async () => {
    const bad = await logins
      .as('office')
      .put(`/api/campaigns/${campaignId}/settings`)
      .send({ progress: { rosterIndicatorIds: [indicatorId + 1000] } });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual([expect.objectContaining({ field: 'progress.rosterIndicatorIds[0]', message: expect.stringContaining('人数类指标') })]);
    expect((await logins.as('office').get(`/api/campaigns/${campaignId}/settings`)).body.progress.rosterIndicatorIds).toEqual([indicatorId]);
  });

  const INSURED = idNumber('19800101', 11);
  const ALICE = idNumber('19850315', 21);
  const BOB = idNumber('19900101', 33);
  const DEAD = idNumber('19400505', 45);
  const E_INSURED = uscc('MA0000201');
  const E_NEW = uscc('MA0000202');

  it('matches people: the insured are counted, the others filed in their village; two departments give one entry two sources', async () => {
    expect(await roster('person', csv('身份证号,姓名,险种,参保日期', `${INSURED},钱一,城乡居民基本养老保险,2025-06-01`))).toMatchObject({
      status: 'done',
      purpose: 'roster',
      dataKind: 'person',
      rowsRead: 1,
      inserted: 1,
      entriesClosed: 0,
    });
    // the tax department has no fund_uninsured duty: refused before anything is stored
    const refused = await logins
      .as('tax1')
      .post('/api/department-uploads')
      .field('campaignId', String(campaignId))
      .field('dataKind', 'person')
      .field('dutyCode', 'fund_uninsured')
      .attach('file', csv('身份证号,姓名,所属村（社区）代码', `${ALICE},孙二,V1`), 'x.csv');
    expect(refused.status).toBe(400);
    expect(refused.body.fields).toEqual([expect.objectContaining({ field: 'dutyCode' })]);

    const first = await report(
      'tax1',
      'person',
      csv('身份证号,姓名,电话,地址,所属村（社区）代码', `${INSURED},钱一,,,V1`, `${ALICE},孙二,13800001111,东湖路1号,V1`, `${DEAD},李四,,,V3`),
      '个税名单.csv',
    );
    expect(first).toMatchObject({ status: 'done', purpose: 'department', rowsRead: 3, rowsGood: 3, rowsBad: 0, rowsInsured: 1, inserted: 2, updated: 0 });
    expect(await person(INSURED)).toBeUndefined();
    expect(await person(ALICE)).toMatchObject({ status: 'pending', phone: '13800001111', unit: 'V1' });

    const second = await report('civil1', 'person', csv('公民身份号码,姓名,手机号,所属村（社区）代码', `${ALICE},孙二,13900002222,V1`), '低保名单.csv');
    expect(second).toMatchObject({ status: 'done', rowsInsured: 0, inserted: 0, updated: 1 });
    const alice = await person(ALICE);
    expect(alice.phone).toBe('13900002222');
    // one entry, two sources, shown on its card (the office reads the full record)
    const card = await logins.as('office').get(`/api/registry-people/${alice.id}`);
    expect(card.status).toBe(200);
    expect(card.body.sources.map((s: { unitName: string; fileName: string; rowNumber: number }) => [s.unitName, s.fileName, s.rowNumber])).toEqual([
      ['单位A1', '个税名单.csv', 3],
      ['民政局', '低保名单.csv', 2],
    ]);
  });

  const taxDeliveries = async () =>
    api.ds.query(
      `SELECT x.import_id::text AS import_id FROM campaign_duty_delivery x JOIN campaign_duty d ON d.id = x.duty_id
        WHERE d.campaign_id = $1 AND d.org_unit_id = $2 AND d.code = 'taxed_uninsured'`,
      [campaignId, a1],
    );

  it('matches employers and delivers the department duty its upload is (not by an upload that stored no row)', async () => {
    await roster('employer', csv('统一社会信用代码,名称,参保人数', `${E_INSURED},已参保公司,30`));
    // a header only, and a file of bad rows only: done, but nothing stored, so the duty stays undelivered
    const header = '统一社会信用代码,名称,法定代表人,地址,所属村镇代码';
    expect(await report('tax1', 'employer', csv(header), '空表.csv')).toMatchObject({ status: 'done', rowsRead: 0, rowsGood: 0, dutyCode: 'taxed_uninsured' });
    expect(await report('tax1', 'employer', csv(header, `${E_NEW},未参保公司,,,T9`), '错表.csv')).toMatchObject({
      status: 'done',
      rowsRead: 1,
      rowsBad: 1,
      rowsGood: 0,
    });
    expect(await taxDeliveries()).toEqual([]);
    const up = await report(
      'tax1',
      'employer',
      csv('统一社会信用代码,名称,法定代表人,地址,所属村镇代码', `${E_INSURED},已参保公司,,,T1`, `${E_NEW},未参保公司,赵六,工业路9号,T2`),
      '已纳税未参保单位.csv',
    );
    expect(up).toMatchObject({ status: 'done', dataKind: 'employer', rowsInsured: 1, inserted: 1, dutyCode: 'taxed_uninsured' });
    expect(await employer(E_INSURED)).toBeUndefined();
    const e = await employer(E_NEW);
    expect(e).toMatchObject({ status: 'pending', legal_representative: '赵六' });
    const card = await logins.as('office').get(`/api/registry-employers/${e.id}`);
    expect(card.body.sources).toEqual([expect.objectContaining({ orgUnitId: a1, importId: String(up.id) })]);
    // the duty's due date waited on is delivered by this upload
    expect(await taxDeliveries()).toEqual([{ import_id: String(up.id) }]);
  });

  it('closes entries insured later as enrolled and credits each once, however often the roster is imported', async () => {
    const before = await person(ALICE);
    const file = csv('身份证号,姓名,险种,参保日期', `${INSURED},钱一,城乡居民基本养老保险,2025-06-01`, `${ALICE},孙二,城乡居民基本养老保险,2026-02-20`);
    const again = await roster('person', file);
    expect(again).toMatchObject({ status: 'done', inserted: 1, updated: 0, entriesClosed: 1 });
    expect((await person(ALICE)).status).toBe('enrolled');
    const credited = await waitFor(async () => {
      const rows = await credits();
      return rows.length ? rows : null;
    });
    expect(credited).toEqual([
      { source: 'roster', source_ref: `person-${before.id}`, indicator_id: indicatorId, amount: 1, org_unit_id: await unitId(api.ds, 'V1') },
    ]);
    const [audit] = await api.ds.query(`SELECT changes FROM audit_log WHERE action = 'registry.entry.closed' AND entity_id = $1`, [before.id]);
    expect(audit.changes).toMatchObject({
      status: { before: 'pending', after: 'enrolled' },
      source: { after: 'roster' },
      importId: { after: String(again.id) },
    });

    // the same roster again: nothing new in the roster, nothing closed, nothing credited twice
    expect(await roster('person', file)).toMatchObject({ status: 'done', inserted: 0, updated: 0, entriesClosed: 0 });
    expect(await credits()).toHaveLength(1);
    expect(await api.ds.query(`SELECT job_id FROM outbox WHERE job_name = 'progress.credit'`)).toEqual([{ job_id: `credit-roster-person-${before.id}` }]);
  });

  it("closes a person's open entry as deceased from civil affairs' death records", async () => {
    const dead = await person(DEAD);
    expect(dead.status).toBe('pending');
    const up = await report('civil1', 'death', csv('身份证号,姓名,死亡日期', `${DEAD},李四,2026/2/3`, `${ALICE},孙二,2026-02-04`), '殡葬信息.csv');
    // ALICE is enrolled already (closed): only the open entry is closed
    expect(up).toMatchObject({ status: 'done', dataKind: 'death', rowsRead: 2, entriesClosed: 1 });
    expect((await person(DEAD)).status).toBe('deceased');
    expect((await person(ALICE)).status).toBe('enrolled');
    const [audit] = await api.ds.query(`SELECT changes FROM audit_log WHERE action = 'registry.entry.closed' AND entity_id = $1`, [dead.id]);
    expect(audit.changes).toMatchObject({ status: { before: 'pending', after: 'deceased' }, source: { after: 'death_record' } });
  });

  it('lists bad rows with Chinese reasons and the cells, in errors.csv too', async () => {
    const up = await report(
      'tax1',
      'person',
      csv('身份证号,姓名,电话,地址,所属村（社区）代码', `12345,周七,,,V1`, `${BOB},,,,V9`, `${BOB},吴八,12,,T1`, `${idNumber('19950101', 55)},郑九,,,V2`),
    );
    expect(up).toMatchObject({ status: 'done', rowsRead: 4, rowsBad: 3, rowsGood: 1, inserted: 1 });
    const errs = await logins.as('tax1').get(`/api/department-uploads/${up.id}/errors`);
    expect(errs.body.items.map((e: { rowNumber: number; column: string; reason: string }) => [e.rowNumber, e.column, e.reason])).toEqual([
      [2, 'idNumber', '身份证号码应为18位（前17位数字，末位数字或X）'],
      [3, 'name', '姓名必填'],
      [3, 'villageCode', '所属村（社区）代码 V9 不存在或不在本扩面任务的辖区内'],
      [4, 'phone', expect.stringMatching(/手机|电话|号码/)],
      [4, 'villageCode', '所属村（社区）代码 T1 不存在或不在本扩面任务的辖区内'],
    ]);
    const file = await logins.as('tax1').get(`/api/department-uploads/${up.id}/errors.csv`);
    expect(file.status).toBe(200);
    const lines = file.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('行号,身份证号,姓名,电话,地址,所属村（社区）代码,有误的列,原因');
    expect(lines[1]).toBe('2,12345,周七,,,V1,身份证号,身份证号码应为18位（前17位数字，末位数字或X）');
    // a date of death that is no date
    const deaths = await report('civil1', 'death', csv('身份证号,姓名,死亡日期', `${BOB},吴八,昨天`));
    const derr = await logins.as('civil1').get(`/api/department-uploads/${deaths.id}/errors`);
    expect(derr.body.items).toEqual([{ rowNumber: 2, column: 'deathDate', reason: '死亡日期 昨天 不是有效日期，请写作 2026-03-05' }]);
  });

  it("keeps a department out of the registry and out of other departments' uploads", async () => {
    const alice = await person(ALICE);
    const e = await employer(E_NEW);
    for (const path of [
      '/api/registry-people',
      `/api/registry-people/${alice.id}`,
      '/api/registry-employers',
      `/api/registry-employers/${e.id}`,
      '/api/registry-imports/1',
    ])
      expect([path, (await logins.as('tax1').get(path)).status]).toEqual([path, 403]);
    // its own uploads only: counts, never the entries
    const mine = await logins.as('tax1').get(`/api/department-uploads?campaignId=${campaignId}`);
    expect(mine.status).toBe(200);
    expect(mine.body.items.every((u: { orgUnitId: number }) => u.orgUnitId === a1)).toBe(true);
    expect(mine.body.total).toBe(5);
    const civil = (await logins.as('civil1').get(`/api/department-uploads?campaignId=${campaignId}`)).body.items as { id: string; orgUnitId: number }[];
    expect(civil.every((u) => u.orgUnitId === a2)).toBe(true);
    for (const path of [
      `/api/department-uploads/${civil[0].id}`,
      `/api/department-uploads/${civil[0].id}/errors`,
      `/api/department-uploads/${civil[0].id}/errors.csv`,
    ])
      expect([path, (await logins.as('tax1').get(path)).status]).toEqual([path, 403]);
    // the roster is the office's; the office sees every department's uploads
    expect((await logins.as('tax1').get('/api/roster-imports')).status).toBe(403);
    expect((await logins.as('office').get(`/api/department-uploads?campaignId=${campaignId}`)).body.total).toBe(mine.body.total + civil.length);
    // registry imports do not list roster or department uploads
    expect((await logins.as('office').get(`/api/registry-imports?campaignId=${campaignId}`)).body.total).toBe(0);
  });

  it('fails a list without its required columns in Chinese, and lets only its department retry it', async () => {
    const up = await report('civil1', 'death', csv('姓名,备注', '李四,无'), 'no-id.csv');
    expect(up).toMatchObject({ status: 'failed', error: expect.stringContaining('文件缺少必填列: 身份证号(idNumber), 死亡日期(deathDate)') });
    expect((await logins.as('tax1').post(`/api/department-uploads/${up.id}/retry`)).status).toBe(403);
    // its file is gone (no retention by default): the retry asks for a new upload
    const retry = await logins.as('civil1').post(`/api/department-uploads/${up.id}/retry`);
    expect(retry.status).toBe(409);
    expect(retry.body.message).toContain('请重新上传文件');
  });

  const uploadsOf = async (purpose: string) => Number((await api.ds.query(`SELECT count(*) AS n FROM registry_import_job WHERE purpose = $1`, [purpose]))[0].n);

  it('refuses a list the department has no duty of: death records only from a death-record duty (civil affairs)', async () => {
    const before = await uploadsOf('department');
    const res = await logins
      .as('tax1')
      .post('/api/department-uploads')
      .field('campaignId', String(campaignId))
      .field('dataKind', 'death')
      .attach('file', csv('身份证号,姓名,死亡日期', `${BOB},吴八,2026-02-01`), '殡葬信息.csv');
    expect(res.status).toBe(403);
    expect(res.body.message).toContain('本部门在该扩面任务中没有报送“死亡人员名单”的职责');
    // D1's tax bureau has a people duty only: no employer list either
    const employers = await logins
      .as('tax2')
      .post('/api/department-uploads')
      .field('campaignId', String(campaignId))
      .field('dataKind', 'employer')
      .attach('file', csv('统一社会信用代码,名称,所属村镇代码', `${E_NEW},未参保公司,T1`), 'x.csv');
    expect(employers.status).toBe(403);
    expect(employers.body.message).toContain('单位名单');
    expect(await uploadsOf('department')).toBe(before);
  });

  it("keeps a district department's rows to its district: a village of another district is a bad row", async () => {
    const carol = idNumber('19920202', 67);
    const up = await report(
      'tax2',
      'person',
      csv('身份证号,姓名,所属村（社区）代码', `${carol},冯十,V2`, `${idNumber('19930303', 79)},陈十一,V3`),
      '公积金未参保.csv',
    );
    expect(up).toMatchObject({ status: 'done', rowsRead: 2, rowsGood: 1, rowsBad: 1, inserted: 1, dutyCode: 'fund_uninsured' });
    expect(await person(carol)).toMatchObject({ unit: 'V2' });
    const errs = await logins.as('tax2').get(`/api/department-uploads/${up.id}/errors`);
    expect(errs.body.items).toEqual([{ rowNumber: 3, column: 'villageCode', reason: '所属村（社区）代码 V3 不在本部门所属单位D1的辖区内' }]);
    const file = await logins.as('tax2').get(`/api/department-uploads/${up.id}/errors.csv`);
    expect(file.text.replace(/^\uFEFF/, '').split('\r\n')[1]).toBe(
      // (an ID number is written as text for Excel: a tab before it, quoted)
      `3,"\t${idNumber('19930303', 79)}",陈十一,,,V3,所属村（社区）代码,所属村（社区）代码 V3 不在本部门所属单位D1的辖区内`,
    );
  });

  it("files a roster only from an office at or above the campaign's unit", async () => {
    const before = await uploadsOf('roster');
    const res = await logins
      .as('t1office')
      .post('/api/roster-imports')
      .field('campaignId', String(campaignId))
      .field('dataKind', 'person')
      .attach('file', csv('身份证号,姓名,险种,参保日期', `${BOB},吴八,城乡居民基本养老保险,2026-01-01`), 'roster.csv');
    expect(res.status).toBe(403);
    expect(res.body.message).toContain('只有扩面任务所在单位及以上的办公室可以导入参保库');
    expect(await uploadsOf('roster')).toBe(before);
  });

  it('refuses roster and department uploads to a closed campaign', async () => {
    const roster = await logins
      .as('office')
      .post('/api/roster-imports')
      .field('campaignId', String(closedCampaignId))
      .field('dataKind', 'person')
      .attach('file', csv('身份证号,姓名,险种,参保日期', `${BOB},吴八,城乡居民基本养老保险,2026-01-01`), 'roster.csv');
    expect([roster.status, roster.body.message]).toEqual([409, expect.stringContaining('扩面任务已结束，不能再上传名单')]);
    const dept = await logins
      .as('tax1')
      .post('/api/department-uploads')
      .field('campaignId', String(closedCampaignId))
      .field('dataKind', 'employer')
      .attach('file', csv('统一社会信用代码,名称,所属村镇代码', `${E_NEW},未参保公司,T1`), 'x.csv');
    expect([dept.status, dept.body.message]).toEqual([409, expect.stringContaining('扩面任务已结束，不能再上传名单')]);
  });
});
