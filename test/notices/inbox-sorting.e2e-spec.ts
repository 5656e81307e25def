import { loginAs, Logins } from '../helpers/api-client';
import { makeSmallCity } from '../helpers/factories';
import { expectSortRefused } from '../helpers/sorting';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

/**
 * The notices list sorts on the server. v1mgr's notices, in id order:
 *   n1 task.overdue, 3 items, updated 1 Mar 10:00, unread; n2 allocation.submitted, 1 item, updated 2 Mar, read;
 *   n3 task.overdue, 1 item, updated 1 Mar 09:00, unread. By default the most recently updated first: n2, n1, n3.
 */
describe('the notices list sorts on the server', () => {
  let env: TestEnv;
  let api: TestApi;
  let logins: Logins;
  const n: number[] = [];

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    for (const [kind, items, updated, read] of [
      ['task.overdue', 3, '2026-03-01T10:00:00+08:00', null],
      ['allocation.submitted', 1, '2026-03-02T10:00:00+08:00', '2026-03-02T11:00:00+08:00'],
      ['task.overdue', 1, '2026-03-01T09:00:00+08:00', null],
    ]) {
      const [row] = await api.ds.query(
        `INSERT INTO notice (recipient_user_id, kind, subject, body, item_count, created_at, updated_at, read_at)
         SELECT id, $1, '提醒', '正文', $2, $3, $3, $4 FROM app_user WHERE username = 'v1mgr' RETURNING id::int`,
        [kind, items, updated, read],
      );
      n.push(row.id);
    }
    logins = await loginAs(api, ['v1mgr']);
  });

  afterAll(async () => {
    await api?.close();
    await env?.drop();
  });

  const ids = async (q: string): Promise<number[]> => {
    const res = await logins.as('v1mgr').get(`/api/notices${q}`).expect(200);
    return res.body.items.map((i: { id: number }) => i.id);
  };

  it('orders notices by kind, item count and update time, ties most recently updated first', async () => {
    const [n1, n2, n3] = n;
    expect(await ids('')).toEqual([n2, n1, n3]);
    expect(await ids('?sort=kind&order=desc')).toEqual([n1, n3, n2]);
    expect(await ids('?sort=itemCount&order=desc')).toEqual([n1, n2, n3]);
    expect(await ids('?sort=itemCount&order=asc')).toEqual([n2, n3, n1]);
    expect(await ids('?sort=updatedAt&order=asc')).toEqual([n3, n1, n2]);
    expect(await ids('?sort=updatedAt&order=asc&unread=true')).toEqual([n3, n1]);
  });

  it('refuses a key the list does not offer, or a direction other than asc/desc, naming the field in Chinese', async () => {
    expectSortRefused(await logins.as('v1mgr').get('/api/notices?sort=body&order=up'));
  });
});
