import { QueueName, Role } from '#core';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { NoticesService } from '#notices';
import { INestApplicationContext } from '@nestjs/common';
import { loginAs, Logins } from '../helpers/api-client';
import { makeSmallCity, unitId } from '../helpers/factories';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv, waitFor } from '../helpers/test-app';

describe('notices: once per reason, inbox', () => {
  let env: TestEnv;
  let api: TestApi;
  let worker: INestApplicationContext;
  let notices: NoticesService;
  let ids: Record<string, number>;
  let logins: Logins;
  const count = async (sql: string, params: unknown[] = []) => (await api.ds.query(`SELECT count(*)::int AS n FROM notice ${sql}`, params))[0].n as number;
  /** Items (one per reason) rather than notices (one per person, kind and day). */
  const items = async (sql: string, params: unknown[] = []) => (await api.ds.query(`SELECT count(*)::int AS n FROM notice_item ${sql}`, params))[0].n as number;
  const outboxDone = () => waitFor(async () => (await api.ds.query(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`))[0].n === 0);

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    worker = await startWorker(env);
    notices = api.app.get(NoticesService);
    ids = {};
    for (const r of await api.ds.query(`SELECT id, username FROM app_user`)) ids[r.username] = r.id;
    logins = await loginAs(api, ['v1mgr', 'v2mgr', 'office']);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await env.drop();
  });

  it('finds active users of the units having a role', async () => {
    const v1 = await unitId(api.ds, 'V1');
    const v2 = await unitId(api.ds, 'V2');
    expect(await notices.recipients(api.ds.manager, [v1, v2], [Role.UnitManager])).toEqual([ids.v1mgr, ids.v2mgr]);
    expect(await notices.recipients(api.ds.manager, [v1], [Role.Cadre, Role.UnitManager])).toEqual([ids.v1mgr, ids.v1cadre]);
    await api.ds.query(`UPDATE app_user SET active = false WHERE id = $1`, [ids.v2mgr]);
    expect(await notices.recipients(api.ds.manager, [v2], [Role.UnitManager])).toEqual([]);
    await api.ds.query(`UPDATE app_user SET active = true WHERE id = $1`, [ids.v2mgr]);
  });

  it('makes exactly one notice when the same reason is notified in two transactions', async () => {
    const n = {
      recipientUserId: ids.v1mgr,
      kind: 'task.overdue',
      subject: '任务逾期',
      body: '任务 7 已逾期',
      link: { entity: 'task', id: 7 },
      dedupeKey: 'task-overdue-7-2026-03-10',
    };
    await api.ds.transaction((m) => notices.notify(m, [n]));
    await api.ds.transaction((m) => notices.notify(m, [{ ...n, body: 'again' }]));
    await waitFor(
      async () => (await api.ds.query(`SELECT count(*)::int AS n FROM outbox WHERE job_name = 'notices.create' AND relayed_at IS NOT NULL`))[0].n === 2,
    );
    // both jobs ran (the second one found the key taken)
    const queue = api.app.get<Queue>(getQueueToken(QueueName.Notices), { strict: false });
    await waitFor(async () => (await queue.getJobCounts('completed')).completed >= 2);
    expect(await items(`WHERE dedupe_key = $1`, [n.dedupeKey])).toBe(1);
    const rows = await api.ds.query(
      `SELECT n.recipient_user_id, n.body, n.link_entity, n.link_id, n.state, n.channel FROM notice n JOIN notice_item i ON i.notice_id = n.id WHERE i.dedupe_key = $1`,
      [n.dedupeKey],
    );
    // the two jobs may run in either order: whichever came first wrote the one notice
    expect(rows).toEqual([
      {
        recipient_user_id: ids.v1mgr,
        body: expect.stringMatching(/^(任务 7 已逾期|again)$/),
        link_entity: 'task',
        link_id: '7',
        state: 'delivered',
        channel: 'inbox',
      },
    ]);
  });

  it('produces no notice from a rolled-back transaction', async () => {
    await expect(
      api.ds.transaction(async (m) => {
        await notices.notify(m, [{ recipientUserId: ids.v1mgr, kind: 'x', subject: 's', body: 'b', dedupeKey: 'rolled-back-1' }]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    // a committed marker after it: once the marker is there, the rolled-back one would have been too
    await api.ds.transaction((m) => notices.notify(m, [{ recipientUserId: ids.v1mgr, kind: 'x', subject: 's', body: 'b', dedupeKey: 'marker-1' }]));
    await waitFor(async () => (await items(`WHERE dedupe_key = 'marker-1'`)) === 1);
    await outboxDone();
    expect(await items(`WHERE dedupe_key = 'rolled-back-1'`)).toBe(0);
  });

  it('chunks a long list into several jobs and makes every notice', async () => {
    const list = Array.from({ length: 1203 }, (_, i) => ({ recipientUserId: ids.office, kind: 'bulk', subject: `s${i}`, body: 'b', dedupeKey: `bulk-${i}` }));
    await api.ds.transaction((m) => notices.notify(m, list));
    expect(
      (await api.ds.query(`SELECT count(*)::int AS n FROM outbox WHERE job_name = 'notices.create' AND payload->'notices'->0->>'dedupeKey' LIKE 'bulk-%'`))[0]
        .n,
    ).toBe(3);
    await waitFor(async () => (await items(`WHERE kind = 'bulk'`)) === 1203);
    // one day's 1203 items of one kind for one person: one notice that counts them all, named after its oldest item;
    // the three chunks' jobs may run in any order, so the oldest item is the first of whichever chunk was written first
    const [{ subject: oldest }] = await api.ds.query(
      `SELECT i.subject FROM notice_item i JOIN notice n ON n.id = i.notice_id WHERE n.kind = 'bulk' ORDER BY i.id LIMIT 1`,
    );
    expect(['s0', 's500', 's1000']).toContain(oldest);
    expect(await api.ds.query(`SELECT subject, item_count FROM notice WHERE kind = 'bulk'`)).toEqual([
      { subject: `1203 条通知：${oldest}等`, item_count: 1203 },
    ]);
  });

  it("lists my notices, filters unread, marks read, and hides others' notices", async () => {
    await api.ds.transaction((m) =>
      notices.notify(m, [
        // three kinds: three notices (one kind's notices of a day would be one digest, see digests.e2e-spec.ts)
        { recipientUserId: ids.v2mgr, kind: 'k1', subject: 'first', body: 'b1', dedupeKey: 'v2-1' },
        { recipientUserId: ids.v2mgr, kind: 'k2', subject: 'second', body: 'b2', link: { entity: 'campaign', id: '3' }, dedupeKey: 'v2-2' },
        { recipientUserId: ids.v2mgr, kind: 'k3', subject: 'third', body: 'b3', dedupeKey: 'v2-3' },
      ]),
    );
    await waitFor(async () => (await count(`WHERE recipient_user_id = $1`, [ids.v2mgr])) === 3);
    const list = await logins.as('v2mgr').get('/api/notices?pageSize=2');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 3, unread: 3, page: 1, pageSize: 2 });
    expect(list.body.items.map((n: { subject: string }) => n.subject)).toEqual(['third', 'second']);
    expect(list.body.items[1].link).toEqual({ entity: 'campaign', id: '3' });

    const second = list.body.items[1].id;
    const read = await logins.as('v2mgr').post(`/api/notices/${second}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).toBeTruthy();
    const unread = await logins.as('v2mgr').get('/api/notices?unread=true');
    expect(unread.body).toMatchObject({ total: 2, unread: 2 });
    expect(unread.body.items.map((n: { subject: string }) => n.subject)).toEqual(['third', 'first']);

    // another user's notice is unknown to me
    const theirs = await logins.as('v1mgr').post(`/api/notices/${second}/read`);
    expect(theirs.status).toBe(404);
    expect((await logins.as('v2mgr').post(`/api/notices/99999999/read`)).status).toBe(404);
    const mine = await logins.as('v1mgr').get('/api/notices');
    expect(mine.body.items.every((n: { subject: string }) => !['first', 'second', 'third'].includes(n.subject))).toBe(true);

    const all = await logins.as('v2mgr').post('/api/notices/read-all');
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ updated: 2 });
    const after = await logins.as('v2mgr').get('/api/notices?unread=true');
    expect(after.body).toMatchObject({ total: 0, unread: 0, items: [] });
    expect((await logins.as('v2mgr').get('/api/notices?unread=maybe')).status).toBe(400);
    expect((await api.http().get('/api/notices')).status).toBe(401);
  });
});
