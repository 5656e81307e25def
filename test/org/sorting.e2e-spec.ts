import { loginAs, Logins } from '../helpers/api-client';
import { makeSmallCity } from '../helpers/factories';
import { expectSortRefused } from '../helpers/sorting';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

/**
 * Users, org units and the audit log sort on the server. Small city (C1 → D1 (T1 → V1, V2), D2 (T2 → V3), A1),
 * display names as the usernames but admin 'zhao' and office 'qian'; v2mgr deactivated.
 * Audit: four entries of entity 'sorting' at 09:00 (wang), 08:00 (li), 10:00 (li), 07:00 (zhang), in that id order.
 */
describe('org lists sort on the server', () => {
  let env: TestEnv;
  let api: TestApi;
  let logins: Logins;
  const audit: string[] = [];

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    await api.ds.query(`UPDATE app_user SET display_name = CASE username WHEN 'admin' THEN 'zhao' ELSE 'qian' END WHERE username IN ('admin', 'office')`);
    await api.ds.query(`UPDATE app_user SET active = false WHERE username = 'v2mgr'`);
    const [{ path }] = await api.ds.query(`SELECT path FROM org_unit WHERE code = 'C1'`);
    for (const [at, actor] of [
      ['09:00', 'wang'],
      ['08:00', 'li'],
      ['10:00', 'li'],
      ['07:00', 'zhang'],
    ]) {
      const [row] = await api.ds.query(
        `INSERT INTO audit_log (at, actor_username, action, entity, entity_id, org_unit_path) VALUES ($1, $2, 'update', 'sorting', '1', $3) RETURNING id::text`,
        [`2026-03-01T${at}:00+08:00`, actor, path],
      );
      audit.push(row.id);
    }
    logins = await loginAs(api, ['admin', 'office']);
  });

  afterAll(async () => {
    await api?.close();
    await env?.drop();
  });

  const column = async (who: string, path: string, field: string): Promise<unknown[]> => {
    const res = await logins.as(who).get(path).expect(200);
    return res.body.items.map((i: Record<string, unknown>) => i[field]);
  };

  it('orders users by display name, unit and active, ties by username', async () => {
    const users = (q: string) => column('admin', `/api/users${q}`, 'username');
    expect(await users('')).toEqual(['admin', 'd1mgr', 'office', 't1mgr', 'v1cadre', 'v1mgr', 'v2mgr']);
    expect(await users('?sort=displayName&order=asc')).toEqual(['d1mgr', 'office', 't1mgr', 'v1cadre', 'v1mgr', 'v2mgr', 'admin']);
    expect(await users('?sort=displayName&order=desc')).toEqual(['admin', 'v2mgr', 'v1mgr', 'v1cadre', 't1mgr', 'office', 'd1mgr']);
    expect(await users('?sort=unitName&order=desc')).toEqual(['v2mgr', 'v1cadre', 'v1mgr', 't1mgr', 'd1mgr', 'admin', 'office']);
    expect(await users('?sort=active&order=asc')).toEqual(['v2mgr', 'admin', 'd1mgr', 'office', 't1mgr', 'v1cadre', 'v1mgr']);
  });

  it('orders org units by level top down and by code, ties by depth then code', async () => {
    const units = (q: string) => column('office', `/api/org-units${q}`, 'code');
    expect(await units('')).toEqual(['C1', 'A1', 'D1', 'D2', 'T1', 'T2', 'V1', 'V2', 'V3']);
    expect(await units('?sort=level&order=asc')).toEqual(['C1', 'D1', 'D2', 'T1', 'T2', 'V1', 'V2', 'V3', 'A1']);
    expect(await units('?sort=level&order=desc')).toEqual(['A1', 'V1', 'V2', 'V3', 'T1', 'T2', 'D1', 'D2', 'C1']);
    expect(await units('?sort=code&order=asc')).toEqual(['A1', 'C1', 'D1', 'D2', 'T1', 'T2', 'V1', 'V2', 'V3']);
    expect(await units('?sort=code&order=desc&pageSize=4&page=1')).toEqual(['V3', 'V2', 'V1', 'T2']);
  });

  it('orders the audit log by time and by actor, ties newest entry first', async () => {
    const entries = (q: string) => column('office', `/api/audit-log?entity=sorting${q}`, 'id');
    const [wang9, li8, li10, zhang7] = audit;
    expect(await entries('')).toEqual([zhang7, li10, li8, wang9]);
    expect(await entries('&sort=at&order=asc')).toEqual([zhang7, li8, wang9, li10]);
    expect(await entries('&sort=at&order=desc')).toEqual([li10, wang9, li8, zhang7]);
    expect(await entries('&sort=actorUsername&order=asc')).toEqual([li10, li8, wang9, zhang7]);
    expect(await entries('&sort=actorUsername&order=desc')).toEqual([zhang7, wang9, li10, li8]);
  });

  it('refuses a key a list does not offer, or a direction other than asc/desc, naming the field in Chinese', async () => {
    expectSortRefused(await logins.as('admin').get('/api/users?sort=password_hash&order=up'));
    expectSortRefused(await logins.as('office').get('/api/org-units?sort=path&order=up'));
    expectSortRefused(await logins.as('office').get('/api/audit-log?sort=ip&order=up'));
  });
});
