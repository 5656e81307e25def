import { BulletinsService } from '#progress';
import { INestApplicationContext } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { loginAs, Logins } from '../helpers/api-client';
import { makeCampaign, makeSmallCity, makeTasks, makeUser, QUARTERLY_2026, unitId } from '../helpers/factories';
import { isA4, pdfFontNames, pdfPages, pdfText } from '../helpers/pdf';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv, waitFor } from '../helpers/test-app';
import { binary } from '../helpers/xlsx';
import { countSplit, ratioSplit } from './progress-factory';

/**
 * Issue 17 point 3: bulletins in series. C1's campaign is split C1 -> D1 (T1 -> V1, V2), D2 (T2); D1 and D2 have an
 * office, T1 none: C1, D1 and D2 issue bulletins (each to its children), one series per cadence, numbered 第N期; a
 * period is issued once whatever the schedule, the office or a second worker do; scoped reads; the bulletin as an A4
 * PDF in a CJK font.
 */
describe('bulletins: several cadences, every issuing level, numbered, as documents', () => {
  let env: TestEnv;
  let api: TestApi;
  let worker: INestApplicationContext;
  let logins: Logins;
  let campaignId: number;
  let ids: Record<string, number>;
  /** The issuing units in the order the schedule takes them: the campaign's, then by id. */
  let issuers: number[];

  const rowsOf = (where: string, params: unknown[]) =>
    api.ds.query(
      `SELECT unit_id AS "unitId", cadence, to_char(period_end, 'YYYY-MM-DD') AS "periodEnd", to_char(bulletin_date, 'YYYY-MM-DD') AS date,
              issue_no AS "issueNo", trigger
         FROM bulletin WHERE campaign_id = $1 AND ${where} ORDER BY unit_id, cadence, period_end`,
      [campaignId, ...params],
    );
  const count = async () => Number((await api.ds.query(`SELECT count(*) AS n FROM bulletin WHERE campaign_id = $1`, [campaignId]))[0].n);

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    await makeUser(api.ds, 'd1office', 'D1', ['office']);
    await makeUser(api.ds, 'd2office', 'D2', ['office']);
    logins = await loginAs(api, ['office', 'd1office', 'd1mgr', 't1mgr', 'v1mgr', 'v2mgr']);
    const c = await makeCampaign(api.ds, {
      milestones: QUARTERLY_2026,
      indicators: [
        { code: 'EP', name: '企业职工养老保险新增参保', kind: 'count' },
        { code: 'COV', name: '参保率', kind: 'ratio' },
      ],
    });
    campaignId = c.campaignId;
    // C1 10000 -> D1 6000 (T1 6000 -> V1 3000, V2 3000), D2 4000 (T2 4000)
    const ep = await makeTasks(api.ds, campaignId, c.indicatorIds.EP, countSplit(10000));
    await makeTasks(api.ds, campaignId, c.indicatorIds.COV, ratioSplit(98.5));
    ids = {};
    for (const u of ['C1', 'D1', 'D2', 'T1', 'T2', 'V1', 'V2']) ids[u] = await unitId(api.ds, u);
    issuers = [ids.C1, ...[ids.D1, ids.D2].sort((a, b) => a - b)];
    env.clock.set('2026-05-10T02:00:00Z');
    const report = (u: string, body: object) => logins.as(u).post('/api/progress-reports').send(body).expect(201);
    // V1: 1000 by 31 Mar, 1800 by 30 Apr; V2: 600 by 20 Apr, 700 by 30 Apr
    await report('v1mgr', { taskId: ep.V1, asOf: '2026-03-31', actual: '1000' });
    await report('v1mgr', { taskId: ep.V1, asOf: '2026-04-30', actual: '1800' });
    await report('v2mgr', { taskId: ep.V2, asOf: '2026-04-20', actual: '600' });
    await report('v2mgr', { taskId: ep.V2, asOf: '2026-04-30', actual: '700' });
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
    await env.drop();
  });

  it('catches up on every missed period of the campaign’s unit and of each unit with an office that split its task, once each, numbered in period order', async () => {
    const svc = api.app.get(BulletinsService);
    // biweekly (the default) from 1 Jan; the worker was never up: on 10 May every period end from 15 Jan to 7 May, for each issuer
    // (T1 split its task too, but has no office: it issues none)
    const missed = ['2026-01-15', '2026-01-29', '2026-02-12', '2026-02-26', '2026-03-12', '2026-03-26', '2026-04-09', '2026-04-23', '2026-05-07'];
    const expected = missed.flatMap((periodEnd) => issuers.map((unitId) => ({ campaignId, unitId, cadence: 'biweekly', periodEnd })));
    expect(await svc.enqueueDue()).toEqual(expected);
    // a second tick (or a second worker) before they ran enqueues them again: the unique key still keeps one each
    expect(await svc.enqueueDue()).toHaveLength(27);
    worker = await startWorker(env);
    await waitFor(async () => (await count()) === 27, 60000);
    // each issuer's series 第1期 … 第9期, each dated to its period's end
    for (const unitId of issuers)
      expect(await rowsOf('unit_id = $2', [unitId])).toEqual(
        missed.map((d, i) => ({ unitId, cadence: 'biweekly', periodEnd: d, date: d, issueNo: i + 1, trigger: 'schedule' })),
      );
    // each with the figures as of its own date: D1 = V1 + V2 in C1's bulletins, T1 = the same in D1's; T2 nothing in D2's
    const actual = (unit: string, code: string) =>
      api.ds.query(
        `SELECT to_char(b.bulletin_date, 'YYYY-MM-DD') AS date, x->>'actual' AS actual
           FROM bulletin b, jsonb_array_elements(b.content->'sections') s, jsonb_array_elements(s->'ranking') x
          WHERE b.campaign_id = $1 AND b.unit_id = $2 AND s->>'code' = 'EP' AND x->>'code' = $3 ORDER BY b.bulletin_date`,
        [campaignId, ids[unit], code],
      );
    const d1 = (d: string) => (d < '2026-03-31' ? '0' : d < '2026-04-20' ? '1000' : d < '2026-04-30' ? '1600' : '2500');
    expect(await actual('C1', 'D1')).toEqual(missed.map((date) => ({ date, actual: d1(date) })));
    expect(await actual('D1', 'T1')).toEqual(missed.map((date) => ({ date, actual: d1(date) })));
    expect(await actual('D2', 'T2')).toEqual(missed.map((date) => ({ date, actual: '0' })));
    expect(await rowsOf('unit_id = $2', [ids.T1])).toEqual([]);
    expect(await svc.enqueueDue()).toEqual([]);
    // the worker is down from 10 May to 10 Jun: the two period ends in between, and only those, for each issuer
    env.clock.set('2026-06-10T02:00:00Z');
    expect(await svc.enqueueDue()).toEqual(
      ['2026-05-21', '2026-06-04'].flatMap((periodEnd) => issuers.map((unitId) => ({ campaignId, unitId, cadence: 'biweekly', periodEnd }))),
    );
    await waitFor(async () => (await count()) === 33, 30000);
    expect((await rowsOf('unit_id = $2 AND period_end > $3', [ids.D2, '2026-05-07'])).map((r: { issueNo: number }) => r.issueNo)).toEqual([10, 11]);
    env.clock.set('2026-05-10T02:00:00Z');
  });

  it('issues once when two workers race, and issues a series’ missing earlier periods first so that numbers follow the periods', async () => {
    const svc = worker.get(BulletinsService);
    // a quarterly bulletin of C1 for Q2 asked on 6 May, twice at once: Q1 (never issued) comes first as 第1期, Q2 is 第2期
    const p = {
      campaignId,
      unitId: ids.C1,
      cadence: 'quarterly' as const,
      periodEnd: '2026-06-30',
      date: '2026-05-06',
      trigger: 'manual' as const,
      requestedBy: null,
    };
    const results = await Promise.all([svc.generate(p), svc.generate(p)]);
    expect(results.filter((x) => x !== null)).toHaveLength(1);
    expect(await rowsOf('unit_id = $2 AND cadence = $3', [ids.C1, 'quarterly'])).toEqual([
      { unitId: ids.C1, cadence: 'quarterly', periodEnd: '2026-03-31', date: '2026-03-31', issueNo: 1, trigger: 'schedule' },
      { unitId: ids.C1, cadence: 'quarterly', periodEnd: '2026-06-30', date: '2026-05-06', issueNo: 2, trigger: 'manual' },
    ]);
  });

  it('says praise and criticism in sentences, names the issuer, and tells the named units’ managers', async () => {
    const [b] = await api.ds.query(`SELECT id FROM bulletin WHERE campaign_id = $1 AND unit_id = $2 AND cadence = 'biweekly' AND period_end = '2026-05-07'`, [
      campaignId,
      ids.C1,
    ]);
    const one = (await logins.as('office').get(`/api/bulletins/${b.id}`).expect(200)).body;
    expect(one).toMatchObject({ unitId: ids.C1, unitName: '单位C1', cadence: 'biweekly', issueNo: 9, periodEnd: '2026-05-07', date: '2026-05-07' });
    expect(one.content).toMatchObject({ title: '2026年扩面征缴双周进度通报', issuer: '单位C1社会保险扩面征缴工作领导小组办公室', unitName: '单位C1' });
    const ep = one.content.sections.find((x: { code: string }) => x.code === 'EP');
    expect(ep.praised.map((r: { code: string }) => r.code)).toEqual(['D1']);
    expect(ep.zero.map((r: { code: string }) => r.code)).toEqual(['D2']);
    // 2500 of 10000 = 25.0 %, expected 25 % (Q1); D1 2500 / 6000 = 41.7 % >= 25 + 5: ahead; D2 nothing
    expect(ep.sentences).toEqual([
      '截至2026年5月7日，单位C1企业职工养老保险新增参保完成2500人，目标任务10000人，完成进度25.0%，序时进度25.0%。',
      '单位D1完成进度超过序时进度，予以表扬；单位D2零完成，予以通报批评。',
    ]);
    const cov = one.content.sections.find((x: { code: string }) => x.code === 'COV');
    expect(cov.sentences).toEqual(['截至2026年5月7日，单位C1参保率暂无上报数（目标98.5%），序时进度25.0%。', '各单位暂无完成进度。']);
    const notice = await waitFor(async () => {
      const rows = await api.ds.query(
        `SELECT n.subject FROM notice_item n JOIN app_user u ON u.id = n.recipient_user_id WHERE u.username = 'd1mgr' AND n.kind = 'bulletin' AND n.link_id = $1`,
        [String(b.id)],
      );
      return rows.length ? rows : null;
    });
    expect(notice).toEqual([{ subject: '2026年扩面征缴双周进度通报（第9期，2026-05-07）' }]);
    // D1's own bulletin of that date covers its town
    const [d] = await api.ds.query(`SELECT id FROM bulletin WHERE unit_id = $1 AND cadence = 'biweekly' AND period_end = '2026-05-07'`, [ids.D1]);
    const district = (await logins.as('d1mgr').get(`/api/bulletins/${d.id}`).expect(200)).body;
    expect(district.content.issuer).toBe('单位D1社会保险扩面征缴工作领导小组办公室');
    expect(district.content.sections[0].ranking.map((r: { code: string }) => r.code)).toEqual(['T1']);
    // T1 2500 / 6000 = 41.7 %: ahead
    expect(district.content.sections[0].sentences[1]).toBe('单位T1完成进度超过序时进度，予以表扬。');
  });

  it('lets a unit read the bulletins issued to it and by it, not a sibling’s', async () => {
    const list = (u: string, q = '') => logins.as(u).get(`/api/bulletins?campaignId=${campaignId}&pageSize=100${q}`).expect(200);
    // d1mgr: C1's 11 biweekly + 2 quarterly (issued to D1) and D1's own 11; not its sibling D2's 11
    const mine = await list('d1mgr');
    expect(mine.body.total).toBe(24);
    expect(new Set(mine.body.items.map((b: { unitId: number }) => b.unitId))).toEqual(new Set([ids.C1, ids.D1]));
    expect((await list('v1mgr')).body.total).toBe(24);
    expect((await list('office')).body.total).toBe(35);
    expect((await list('t1mgr', `&unitId=${ids.D1}`)).body.total).toBe(11);
    expect((await list('office', '&cadence=quarterly&sort=issueNo&order=asc')).body.items.map((b: { issueNo: number }) => b.issueNo)).toEqual([1, 2]);
    const [sibling] = await api.ds.query(`SELECT id FROM bulletin WHERE unit_id = $1 LIMIT 1`, [ids.D2]);
    expect((await logins.as('d1mgr').get(`/api/bulletins/${sibling.id}`)).status).toBe(403);
    const bad = await logins.as('office').get(`/api/bulletins?campaignId=${campaignId}&cadence=weekly`);
    expect([bad.status, bad.body.fields.map((f: { field: string }) => f.field)]).toEqual([400, ['cadence']]);
  });

  it('issues on request for a chosen cadence of the campaign, at the city and at a district, once per period', async () => {
    const ask = (u: string, body: object) =>
      logins
        .as(u)
        .post('/api/bulletins')
        .send({ campaignId, ...body });
    // 9 May falls in the biweekly period ending 21 May, issued already: nothing is generated
    const [have] = await api.ds.query(`SELECT id FROM bulletin WHERE unit_id = $1 AND cadence = 'biweekly' AND period_end = '2026-05-21'`, [ids.C1]);
    const again = await ask('office', { date: '2026-05-09' }).expect(202);
    expect(again.body).toEqual({ campaignId, unitId: ids.C1, cadence: 'biweekly', periodEnd: '2026-05-21', date: '2026-05-09', existingId: have.id });
    // monthly is not one of the campaign's cadences yet; a village splits nothing, T1 has no office; a village manager may not ask
    const notSet = await ask('office', { cadence: 'monthly' });
    expect([notSet.status, notSet.body.fields]).toEqual([400, [{ field: 'cadence', message: '本扩面任务不发月度通报（已设：双周）' }]]);
    expect((await ask('office', { unitId: ids.V1 })).body.fields[0].field).toBe('unitId');
    const noOffice = await ask('office', { unitId: ids.T1 });
    expect([noOffice.status, noOffice.body.fields]).toEqual([
      400,
      [
        {
          field: 'unitId',
          message:
            '该单位不发本扩面任务的通报：须把任务分解到下级单位并设有办公室（only the campaign’s unit, or a unit with an office that split its task, issues bulletins）',
        },
      ],
    ]);
    expect((await ask('v1mgr', {})).status).toBe(403);
    // seeds 002 to 004: every two weeks, monthly, quarterly and yearly at once
    const put = await logins
      .as('office')
      .put(`/api/campaigns/${campaignId}/settings`)
      .send({ progress: { bulletinCadences: ['yearly', 'biweekly', 'quarterly', 'monthly'] } });
    expect(put.status).toBe(200);
    const empty = await logins
      .as('office')
      .put(`/api/campaigns/${campaignId}/settings`)
      .send({ progress: { bulletinCadences: [] } });
    expect([empty.status, empty.body.fields]).toEqual([400, [{ field: 'progress.bulletinCadences', message: '至少选择一个通报周期' }]]);
    // the May monthly bulletin of C1 on 10 May: January to April come first, May is 第5期 with the figures of 10 May
    const monthly = await ask('office', { cadence: 'monthly' }).expect(202);
    expect(monthly.body).toEqual({ campaignId, unitId: ids.C1, cadence: 'monthly', periodEnd: '2026-05-31', date: '2026-05-10', existingId: null });
    // the district office issues D1's yearly bulletin to its towns (its own unit by default)
    const yearly = await ask('d1office', { cadence: 'yearly' }).expect(202);
    expect(yearly.body).toMatchObject({ unitId: ids.D1, cadence: 'yearly', periodEnd: '2026-12-31', existingId: null });
    expect((await ask('d1office', { unitId: ids.C1, cadence: 'yearly' })).status).toBe(403);
    await waitFor(async () => (await count()) === 35 + 5 + 1, 30000);
    expect(
      (await rowsOf('unit_id = $2 AND cadence = $3', [ids.C1, 'monthly'])).map((r: { periodEnd: string; issueNo: number; date: string }) => [
        r.periodEnd,
        r.issueNo,
        r.date,
      ]),
    ).toEqual([
      ['2026-01-31', 1, '2026-01-31'],
      ['2026-02-28', 2, '2026-02-28'],
      ['2026-03-31', 3, '2026-03-31'],
      ['2026-04-30', 4, '2026-04-30'],
      ['2026-05-31', 5, '2026-05-10'],
    ]);
    const [y] = await api.ds.query(`SELECT id FROM bulletin WHERE unit_id = $1 AND cadence = 'yearly'`, [ids.D1]);
    const yb = (await logins.as('t1mgr').get(`/api/bulletins/${y.id}`).expect(200)).body;
    expect(yb).toMatchObject({ issueNo: 1, date: '2026-05-10', periodEnd: '2026-12-31', unitName: '单位D1' });
    expect(yb.content.title).toBe('2026年扩面征缴年度进度通报');
    // the schedule then issues what is due of the other cadences for the other issuers, each once:
    // months Jan to Apr for D1 and D2, and Q1 for them (C1 has both); nothing yearly, nothing May yet
    const svc = api.app.get(BulletinsService);
    const others = issuers.slice(1);
    const due = [
      ['monthly', '2026-01-31'],
      ['monthly', '2026-02-28'],
      ['monthly', '2026-03-31'],
      ['quarterly', '2026-03-31'],
      ['monthly', '2026-04-30'],
    ].flatMap(([cadence, periodEnd]) => others.map((unitId) => ({ campaignId, unitId, cadence, periodEnd })));
    expect(await svc.enqueueDue()).toEqual(due);
    await waitFor(async () => (await count()) === 41 + 10, 30000);
    expect(await svc.enqueueDue()).toEqual([]);
  });

  it('prints the bulletin on A4 in a CJK font: title, 第N期, issuer, date, sentences and the table', async () => {
    const [b] = await api.ds.query(`SELECT id FROM bulletin WHERE unit_id = $1 AND cadence = 'biweekly' AND period_end = '2026-05-07'`, [ids.C1]);
    const res = await logins.as('office').get(`/api/bulletins/${b.id}/pdf`).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('单位C12026年扩面征缴双周进度通报第9期（2026-05-07）.pdf')}`);
    const pdf: Buffer = res.body;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.every(isA4)).toBe(true);
    expect(pages[0]).toEqual({ width: 595.28, height: 841.89 });
    expect(pdfFontNames(pdf)).toEqual(['WenQuanYiMicroHei']);
    const text = pdfText(pdf);
    const flat = text.replace(/\n/g, '');
    expect(text.split('\n').slice(0, 3)).toEqual(['2026年扩面征缴双周进度通报', '第9期', '单位C1社会保险扩面征缴工作领导小组办公室　　2026年5月7日']);
    expect(flat).toContain('　　截至2026年5月7日，单位C1企业职工养老保险新增参保完成2500人，目标任务10000人，完成进度25.0%，序时进度25.0%。');
    expect(flat).toContain('　　单位D1完成进度超过序时进度，予以表扬；单位D2零完成，予以通报批评。');
    // the EP table: header, D1 (rank 1: 6000, 2500, 41.7 %), D2, then the total
    const lines = text.split('\n');
    const head = lines.indexOf('名次');
    expect(lines.slice(head, head + 7)).toEqual(['名次', '单位', '计划指标（人）', '完成数（人）', '完成进度', '序时进度', '状态']);
    expect(lines.slice(head + 7, head + 14)).toEqual(['1', '单位D1', '6000', '2500', '41.7%', '25.0%', '超序时']);
    expect(lines).toContain('合计（单位C1）');
    // after the indicators, who had not reported in the period (issue 17 point 2)
    expect(lines).toContain('报送情况');
    // beside the XLSX
    const x = await logins.as('office').get(`/api/bulletins/${b.id}/xlsx`).buffer(true).parse(binary).expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body);
    expect(wb.worksheets.map((w) => w.name)).toContain('企业职工养老保险新增参保排名');
    // a town reads its district's bulletin as a document too; a sibling district's is out of scope
    const [d] = await api.ds.query(`SELECT id FROM bulletin WHERE unit_id = $1 AND cadence = 'biweekly' AND period_end = '2026-05-07'`, [ids.D1]);
    expect((await logins.as('t1mgr').get(`/api/bulletins/${d.id}/pdf`).buffer(true).parse(binary)).status).toBe(200);
    const [s] = await api.ds.query(`SELECT id FROM bulletin WHERE unit_id = $1 LIMIT 1`, [ids.D2]);
    expect((await logins.as('t1mgr').get(`/api/bulletins/${s.id}/pdf`)).status).toBe(403);
  });
});
