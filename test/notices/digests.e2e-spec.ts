import { JobNotice, NoticesService } from '#notices';
import { loginAs, Logins } from '../helpers/api-client';
import { makeSmallCity } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

/**
 * Issue 12 §2: a staff notice is the digest of one kind for one person and business day (Asia/Shanghai).
 * These tests call the worker's half (NoticesService.create) directly, as the notices.create job does, so
 * that every count is exact; notices.e2e-spec.ts covers the way through the outbox and the queue.
 */
describe('notices: one digest per person, kind and day', () => {
  let env: TestEnv;
  let api: TestApi;
  let notices: NoticesService;
  const ids: Record<string, number> = {};
  let logins: Logins;
  const inbox = async (u: string, query = '') => {
    const res = await logins.as(u).get(`/api/notices${query}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  /** One overdue task of v1mgr's unless told otherwise; the key names the reason as DeadlinesService does. */
  const overdue = (task: string, uid = ids.v1mgr, kind = 'task.overdue'): JobNotice => ({
    recipientUserId: uid,
    kind,
    subject: `任务逾期：${task}`,
    body: `${task}任务已超过完成时限 2026-03-01 未完成。`,
    linkEntity: 'task',
    linkId: task,
    dedupeKey: `task-${task}-${kind}-u${uid}`,
  });

  beforeAll(async () => {
    env = await createTestEnv(); // clock: 2 Mar 2026 10:00 in China
    api = await startApi(env);
    await makeSmallCity(api.ds);
    notices = api.app.get(NoticesService);
    for (const r of await api.ds.query(`SELECT id, username FROM app_user`)) ids[r.username] = r.id;
    logins = await loginAs(api, ['v1mgr', 'v2mgr']);
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  it('lists a day’s items of one kind in one notice; a single item reads as itself', async () => {
    // two jobs the same day: A and B, then C, for v1mgr; one item (D) for v2mgr
    expect(await notices.create([overdue('A'), overdue('B')])).toBe(2);
    expect(await notices.create([overdue('C'), overdue('D', ids.v2mgr)])).toBe(2);
    const mine = await inbox('v1mgr');
    // 3 items, one notice: the subject counts them, the body lists them one a line, each item keeps its link
    expect(mine).toMatchObject({ total: 1, unread: 1, unreadByKind: { 'task.overdue': 1 } });
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({
      kind: 'task.overdue',
      subject: '3 项任务已逾期',
      body: ['1. A任务已超过完成时限 2026-03-01 未完成。', '2. B任务已超过完成时限 2026-03-01 未完成。', '3. C任务已超过完成时限 2026-03-01 未完成。'].join(
        '\n',
      ),
      link: null,
      itemCount: 3,
      readAt: null,
    });
    expect(mine.items[0].items.map((i: { subject: string; link: object }) => [i.subject, i.link])).toEqual([
      ['任务逾期：A', { entity: 'task', id: 'A' }],
      ['任务逾期：B', { entity: 'task', id: 'B' }],
      ['任务逾期：C', { entity: 'task', id: 'C' }],
    ]);
    // v2mgr's one item: the notice is that item, as before digests
    const theirs = await inbox('v2mgr');
    expect(theirs).toMatchObject({ total: 1, unread: 1, unreadByKind: { 'task.overdue': 1 } });
    expect(theirs.items[0]).toMatchObject({
      subject: '任务逾期：D',
      body: 'D任务已超过完成时限 2026-03-01 未完成。',
      link: { entity: 'task', id: 'D' },
      itemCount: 1,
    });
  });

  it('lists an item once, however often its job is delivered, and a known item does not make a read notice unread', async () => {
    // the first job delivered again, and A once more within a new job: nothing new
    expect(await notices.create([overdue('A'), overdue('B')])).toBe(0);
    expect(await notices.create([overdue('A'), overdue('A')])).toBe(0);
    const [n] = (await inbox('v1mgr')).items;
    expect(n.itemCount).toBe(3);
    const read = await logins.as('v1mgr').post(`/api/notices/${n.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: n.id, itemCount: 3, readAt: expect.any(String) });
    expect(await notices.create([overdue('C')])).toBe(0);
    expect(await inbox('v1mgr')).toMatchObject({ total: 1, unread: 0, unreadByKind: {} });
  });

  it('makes a read digest unread again when a new item comes the same day, and puts it on top', async () => {
    env.clock.advance(60_000);
    expect(await notices.create([overdue('R', ids.v1mgr, 'task.reminder')])).toBe(1); // 10:01: another kind, its own notice
    env.clock.advance(60_000);
    expect(await notices.create([overdue('E'), overdue('E')])).toBe(1); // 10:02: E, twice in one job, listed once
    const mine = await inbox('v1mgr');
    // the overdue digest (updated 10:02) comes before the reminder (10:01) although it was made first
    expect(mine).toMatchObject({ total: 2, unread: 2, unreadByKind: { 'task.overdue': 1, 'task.reminder': 1 } });
    expect(
      mine.items.map((n: { kind: string; subject: string; itemCount: number; readAt: string | null }) => [n.kind, n.subject, n.itemCount, n.readAt]),
    ).toEqual([
      ['task.overdue', '4 项任务已逾期', 4, null],
      ['task.reminder', '任务逾期：R', 1, null],
    ]);
    expect(mine.items[0].updatedAt).toBe('2026-03-02T02:02:00.000Z');
    expect(mine.items[0].createdAt).toBe('2026-03-02T02:00:00.000Z');
  });

  it('filters by kind, marks one kind read, and refuses a malformed kind', async () => {
    const reminders = await inbox('v1mgr', '?kind=task.reminder');
    // the page holds the reminder only; unread and unreadByKind count every kind
    expect(reminders).toMatchObject({ total: 1, unread: 2, unreadByKind: { 'task.overdue': 1, 'task.reminder': 1 } });
    expect(reminders.items.map((n: { kind: string }) => n.kind)).toEqual(['task.reminder']);
    const readKind = await logins.as('v1mgr').post('/api/notices/read-all?kind=task.reminder');
    expect(readKind.status).toBe(200);
    expect(readKind.body).toEqual({ updated: 1 });
    expect(await inbox('v1mgr', '?unread=true')).toMatchObject({ total: 1, unread: 1, unreadByKind: { 'task.overdue': 1 } });
    for (const bad of ['?kind=TASK%20OVERDUE', '?kind=']) {
      const res = await logins.as('v1mgr').get(`/api/notices${bad}`);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('kind');
    }
    expect((await logins.as('v1mgr').post('/api/notices/read-all?kind=a%20b')).status).toBe(400);
  });

  it('starts a new digest on the next business day (midnight in China)', async () => {
    env.clock.set('2026-03-02T15:59:59Z'); // 23:59:59 on 2 Mar in China: still the same day's digest
    expect(await notices.create([overdue('F')])).toBe(1);
    env.clock.set('2026-03-02T16:00:00Z'); // 00:00 on 3 Mar
    expect(await notices.create([overdue('G')])).toBe(1);
    const mine = await inbox('v1mgr', '?kind=task.overdue');
    expect(mine.items.map((n: { subject: string; itemCount: number }) => [n.subject, n.itemCount])).toEqual([
      ['任务逾期：G', 1],
      ['5 项任务已逾期', 5], // A B C E F
    ]);
    const [{ n }] = await api.ds.query(`SELECT count(*)::int AS n FROM notice WHERE recipient_user_id = $1 AND kind = 'task.overdue'`, [ids.v1mgr]);
    expect(n).toBe(2);
  });

  it('adds concurrent jobs to one digest without losing or doubling an item', async () => {
    // 12 jobs at once, job i with bulletins i, i+1, i+2 (mod 12): 12 distinct items, each in three jobs
    const bulletin = (i: number): JobNotice => ({
      recipientUserId: ids.v2mgr,
      kind: 'bulletin',
      subject: `进度通报 ${i}`,
      body: `第${i}期进度通报已发布。`,
      linkEntity: 'bulletin',
      linkId: String(i),
      dedupeKey: `bulletin-${i}-u${ids.v2mgr}`,
    });
    const made = await Promise.all(Array.from({ length: 12 }, (_, i) => notices.create([0, 1, 2].map((k) => bulletin((i + k) % 12)))));
    expect(made.reduce((a, b) => a + b, 0)).toBe(12);
    const theirs = await inbox('v2mgr', '?kind=bulletin');
    expect(theirs.total).toBe(1);
    const [d] = theirs.items;
    expect(d).toMatchObject({ subject: '12 份进度通报', itemCount: 12 });
    expect(d.items.map((i: { subject: string }) => i.subject).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `进度通报 ${i}`).sort());
    // the body lists the first 10 items and says how many more there are (12 - 10 = 2)
    const lines = d.body.split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[10]).toBe('……另有 2 项，见通知明细。');
  });
});
