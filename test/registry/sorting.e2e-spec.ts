import { loginAs, Logins } from '../helpers/api-client';
import { makeCampaign, makeSmallCity, unitId } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';
import { idNumber, uscc } from './registry-helpers';

/** Server-side sorting and paging of the registry lists; a sort key a list does not offer is a 400 naming the field. */
describe('registry lists: sorting, paging, bad sort keys', () => {
  let env: TestEnv;
  let api: TestApi;
  let campaignId: number;
  let logins: Logins;
  const ids: Record<string, string> = {};
  const names = (res: { body: { items: { name: string }[] } }) => res.body.items.map((r) => r.name);

  async function person(name: string, seq: number, village: string, visits: number, lastVisit: string | null, status = 'pending') {
    const [row] = await api.ds.query(
      `INSERT INTO registry_person (campaign_id, org_unit_id, org_unit_path, id_number, name, sex, birth_date, source_group, visit_count, last_visit_at, status)
       SELECT $1, o.id, o.path, $2, $3, 'M', '1990-01-01', 'other', $5, $6, $7 FROM org_unit o WHERE o.code = $4 RETURNING id::text`,
      [campaignId, idNumber('19900101', seq), name, village, visits, lastVisit, status],
    );
    ids[name] = row.id;
  }
  async function employer(name: string, serial: string, unit: string, staff: number, uninsured: number, visits: number) {
    const [row] = await api.ds.query(
      `INSERT INTO registry_employer (campaign_id, org_unit_id, org_unit_path, uscc, name, staff_count, insured_count, uninsured_count, visit_count)
       SELECT $1, o.id, o.path, $2, $3, $5::int, $5::int - $6::int, $6::int, $7::int FROM org_unit o WHERE o.code = $4 RETURNING id::text`,
      [campaignId, uscc(serial), name, unit, staff, uninsured, visits],
    );
    ids[name] = row.id;
  }

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    campaignId = (await makeCampaign(api.ds)).campaignId;
    logins = await loginAs(api, ['office', 't1mgr']);
    // inserted in an order that is none of the sort orders asked below
    await person('丙', 1, 'V1', 2, '2026-03-05T02:00:00Z', 'refused');
    await person('甲', 3, 'V2', 0, null);
    await person('乙', 5, 'V1', 5, '2026-03-01T02:00:00Z', 'will_enrol');
    await person('丁', 7, 'V3', 1, '2026-03-03T02:00:00Z', 'unreachable');
    await employer('乙厂', '000000001', 'V1', 80, 60, 0);
    await employer('甲厂', '000000002', 'T1', 10, 2, 1);
    await employer('丙厂', '000000003', 'V2', 120, 70, 0);
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  it('sorts people by visits and last visit either way (never visited counts as the oldest visit: first ascending, last descending), pages without overlap, by id by default', async () => {
    const q = (query: object) =>
      logins
        .as('office')
        .get('/api/registry-people')
        .query({ campaignId, ...query });
    expect(names(await q({}))).toEqual(['丙', '甲', '乙', '丁']);
    expect(names(await q({ sort: 'visitCount', order: 'desc' }))).toEqual(['乙', '丙', '丁', '甲']);
    expect(names(await q({ sort: 'visitCount', order: 'asc' }))).toEqual(['甲', '丁', '丙', '乙']);
    expect(names(await q({ sort: 'lastVisitAt', order: 'asc' }))).toEqual(['甲', '乙', '丁', '丙']);
    expect(names(await q({ sort: 'lastVisitAt' }))).toEqual(['丙', '丁', '乙', '甲']);
    const page1 = await q({ sort: 'visitCount', order: 'desc', pageSize: 3 });
    const page2 = await q({ sort: 'visitCount', order: 'desc', pageSize: 3, page: 2 });
    expect([names(page1), names(page2), page2.body.total]).toEqual([['乙', '丙', '丁'], ['甲'], 4]);
    // the unit's name (V1, V1, V2, V3 → 单位V1 ×2 by id, then 单位V2, 单位V3), a filter with a sort
    expect(names(await q({ sort: 'unitName', order: 'asc' }))).toEqual(['丙', '乙', '甲', '丁']);
    expect(names(await q({ sort: 'visitCount', order: 'asc', unitId: await unitId(api.ds, 'V1') }))).toEqual(['丙', '乙']);
    // a page past the last still counts the rows
    expect((await q({ sort: 'name', page: 9, pageSize: 2 })).body).toMatchObject({ items: [], total: 4 });
  });

  it('sorts the police-check list and the employers on their own keys', async () => {
    const police = await logins
      .as('office')
      .get('/api/registry-police-checks')
      .query({ unitId: await unitId(api.ds, 'C1'), sort: 'name', order: 'asc' });
    expect(names(police)).toEqual(['丁']);
    const e = (query: object) =>
      logins
        .as('office')
        .get('/api/registry-employers')
        .query({ campaignId, ...query });
    expect(names(await e({ sort: 'staffCount', order: 'desc' }))).toEqual(['丙厂', '乙厂', '甲厂']);
    expect(names(await e({ sort: 'uninsuredCount', order: 'asc' }))).toEqual(['甲厂', '乙厂', '丙厂']);
    // equal visit counts (0, 0) fall back to the id: 乙厂 before 丙厂 whichever way
    expect(names(await e({ sort: 'visitCount', order: 'asc' }))).toEqual(['乙厂', '丙厂', '甲厂']);
    expect(names(await e({ sort: 'visitCount', order: 'desc' }))).toEqual(['甲厂', '乙厂', '丙厂']);
  });

  it("pages and sorts the investigation table (the total row over every child, not the page's) and the on-site employers", async () => {
    const inv = (query: object) =>
      logins
        .as('office')
        .get('/api/registry-investigation')
        .query({ campaignId, ...query });
    const byTree = await inv({ unitId: await unitId(api.ds, 'T1') });
    // T1's children V1 (丙 visited, 乙 visited; 乙厂 not) and V2 (甲 not; 丙厂 not)
    expect(byTree.body.items.map((r: { unitName: string; peopleRate: number | null }) => [r.unitName, r.peopleRate])).toEqual([
      ['单位V1', 100],
      ['单位V2', 0],
    ]);
    const page = await inv({ unitId: await unitId(api.ds, 'T1'), sort: 'peopleRate', order: 'asc', pageSize: 1 });
    expect(page.body).toMatchObject({ total: 2, page: 1, pageSize: 1, items: [{ unitName: '单位V2', peopleIssued: 1, peopleInvestigated: 0 }] });
    // 合计 over both villages: 2 of 3 people (66.7 %), 0 of 2 employers on the villages (甲厂 sits on T1 itself)
    expect(page.body.sum).toMatchObject({ unitName: '合计', peopleIssued: 3, peopleInvestigated: 2, peopleRate: 66.7, employersIssued: 2, employerRate: 0 });
    const past = await inv({ unitId: await unitId(api.ds, 'T1'), page: 5, pageSize: 1 });
    expect(past.body).toMatchObject({ items: [], total: 2, sum: { peopleIssued: 3 } });
    const districts = await inv({ sort: 'peopleIssued', order: 'desc' });
    expect(districts.body.items.map((r: { unitName: string; peopleIssued: number }) => [r.unitName, r.peopleIssued])).toEqual([
      ['单位D1', 3],
      ['单位D2', 1],
    ]); // the member department A1 is no row of the investigation table
    const onsite = (query: object) =>
      logins
        .as('office')
        .get('/api/registry-investigation/onsite-employers')
        .query({ campaignId, ...query });
    expect(names(await onsite({}))).toEqual(['丙厂', '乙厂']);
    expect(names(await onsite({ sort: 'name', order: 'asc', pageSize: 1 }))).toHaveLength(1);
    expect((await onsite({ sort: 'uninsuredCount', order: 'asc' })).body).toMatchObject({ total: 2, items: [{ name: '乙厂' }, { name: '丙厂' }] });
  });

  it('sorts imports and their bad rows', async () => {
    const c1 = await unitId(api.ds, 'C1');
    const [a] = await api.ds.query(
      `INSERT INTO registry_import_job (campaign_id, kind, org_unit_id, org_unit_path, file_name, file_path, file_format, status, rows_read, rows_bad, created_at)
       SELECT $1, 'person', $2, path, 'b.csv', '/nowhere/b', 'csv', 'done', 10, 3, '2026-03-01T00:00:00Z' FROM org_unit WHERE id = $2 RETURNING id::text`,
      [campaignId, c1],
    );
    await api.ds.query(
      `INSERT INTO registry_import_job (campaign_id, kind, org_unit_id, org_unit_path, file_name, file_path, file_format, status, rows_read, rows_bad, created_at)
       SELECT $1, 'person', $2, path, 'a.csv', '/nowhere/a', 'csv', 'failed', 50, 0, '2026-03-02T00:00:00Z' FROM org_unit WHERE id = $2`,
      [campaignId, c1],
    );
    const list = (query: object) =>
      logins
        .as('office')
        .get('/api/registry-imports')
        .query({ campaignId, ...query });
    const files = (res: { body: { items: { fileName: string }[] } }) => res.body.items.map((r) => r.fileName);
    expect(files(await list({}))).toEqual(['a.csv', 'b.csv']);
    expect(files(await list({ sort: 'fileName', order: 'desc' }))).toEqual(['b.csv', 'a.csv']);
    expect(files(await list({ sort: 'rowsBad', order: 'desc' }))).toEqual(['b.csv', 'a.csv']);
    expect(files(await list({ sort: 'createdAt', order: 'asc' }))).toEqual(['b.csv', 'a.csv']);
    await api.ds.query(
      `INSERT INTO registry_import_error (import_job_id, row_number, column_name, reason) VALUES ($1, 4, 'name', '乙'), ($1, 2, 'phone', '丙'), ($1, 3, 'idNumber', '甲')`,
      [a.id],
    );
    const errors = (query: object) => logins.as('office').get(`/api/registry-imports/${a.id}/errors`).query(query);
    const rows = (res: { body: { items: { rowNumber: number }[] } }) => res.body.items.map((r) => r.rowNumber);
    expect(rows(await errors({}))).toEqual([2, 3, 4]);
    expect(rows(await errors({ sort: 'column', order: 'asc' }))).toEqual([3, 4, 2]);
    expect(rows(await errors({ sort: 'rowNumber', order: 'desc', pageSize: 2, page: 2 }))).toEqual([2]);
  });

  it.each([
    ['/api/registry-people', 'staffCount'],
    ['/api/registry-employers', 'age'],
    ['/api/registry-imports', 'name'],
    ['/api/registry-investigation', 'id'],
    ['/api/registry-investigation/onsite-employers', 'uscc'],
    ['/api/registry-police-checks', 'p.id; DROP TABLE registry_person'],
  ])('%s refuses sort=%s and order=up with a 400 naming both fields', async (path, sort) => {
    const res = await logins
      .as('office')
      .get(path)
      .query({ campaignId, ...(path === '/api/registry-imports' ? {} : { unitId: await unitId(api.ds, 'C1') }), sort, order: 'up' });
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['order', 'sort']);
    expect(res.body.fields[0].message).toMatch(/不是可选的值之一/);
  });

  it("answers the registry's labels and import columns from one place", async () => {
    const res = await logins.as('t1mgr').get('/api/registry-reference');
    expect(res.status).toBe(200);
    expect(res.body.entryStatuses[0]).toEqual({ value: 'pending', label: '待走访' });
    expect(res.body.entryStatuses).toContainEqual({ value: 'not_found', label: '查无此单位' });
    expect(res.body.sourceGroups).toContainEqual({ value: 'land_expropriated_farmer', label: '被征地农民' });
    expect(res.body.personOutcomes.map((o: { value: string }) => o.value)).not.toContain('not_found');
    expect(res.body.columns.person[0]).toEqual({ key: 'idNumber', zh: '身份证号码', required: true });
    expect(res.body.columns.employer).toHaveLength(10);
  });
});
