import { DEMO_PASSWORD, seedDemo } from '#platform';
import { makeUser } from '../helpers/factories';
import { TEST_PASSWORD } from '../helpers/api-client';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

/** Issue 15: member-department staff see the registry imports they uploaded, and no one else's. */
describe('registry imports: a member department sees its own uploads', () => {
  let env: TestEnv;
  let api: TestApi;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await seedDemo(api.ds);
    await makeUser(api.ds, 'tax2', 'DEP-TAX', ['department']);
    const [{ id: campaignId }] = await api.ds.query(`SELECT id FROM campaign WHERE status = 'active' ORDER BY id LIMIT 1`);
    // imports as each uploader files them: under their own unit
    for (const [username, file] of [
      ['tax', '税务参保比对.xlsx'],
      ['tax2', '个税申报名单.csv'],
      ['office', '全市名册.xlsx'],
    ]) {
      const [row] = await api.ds.query(
        `INSERT INTO registry_import_job (campaign_id, kind, org_unit_id, org_unit_path, file_name, file_path, file_format, status, created_by)
         SELECT $1, 'person', u.org_unit_id, o.path, $2, '/nonexistent', $3, 'done', u.id FROM app_user u JOIN org_unit o ON o.id = u.org_unit_id
          WHERE u.username = $4 RETURNING id`,
        [campaignId, file, file.endsWith('.csv') ? 'csv' : 'xlsx', username],
      );
      ids[username] = String(row.id);
    }
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  const list = async (username: string, password = DEMO_PASSWORD) => {
    const res = await api.as(await api.login(username, password)).get('/api/registry-imports');
    return { status: res.status, ids: res.status === 200 ? (res.body.items as { id: string }[]).map((i) => String(i.id)) : [], total: res.body.total };
  };

  it("lists a department user's own uploads only, even beside a colleague's of the same department", async () => {
    expect(await list('tax')).toEqual({ status: 200, ids: [ids.tax], total: 1 });
    expect(await list('tax2', TEST_PASSWORD)).toEqual({ status: 200, ids: [ids.tax2], total: 1 });
  });

  it('leaves the office seeing every import, newest first, and cadres without the list', async () => {
    expect(await list('office')).toEqual({ status: 200, ids: [ids.office, ids.tax2, ids.tax], total: 3 });
    expect((await list('cadre')).status).toBe(403);
  });
});
