import { NoticeDigests1764001010000 } from '../../libs/core/src/database/migrations/1764001010000-notice-digests';
import { NoticeChannels1764001361000 } from '../../libs/core/src/database/migrations/1764001361000-notice-channels';
import { NoticesService, ReescalationService } from '#notices';
import { makeSmallCity } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

/** Notices from before digests: each becomes the one item of its notice, and its reason stays known. */
describe('migration: notices before digests', () => {
  let env: TestEnv;
  let api: TestApi;
  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  it('turns each old notice into a notice of one item and keeps its dedupe key taken', async () => {
    const migration = new NoticeDigests1764001010000();
    // the robot and SMS dispatches (a later migration) refer to notice_item: taken off first, put back after
    const later = new NoticeChannels1764001361000();
    const qr = api.ds.createQueryRunner();
    try {
      await later.down(qr);
      await migration.down(qr);
      // two old notices of one kind for v1mgr on one day (one read), as the old worker wrote them
      await qr.query(
        `INSERT INTO notice (recipient_user_id, kind, subject, body, link_entity, link_id, dedupe_key, created_at, read_at)
         SELECT id, 'task.overdue', s, s || ' 已逾期', 'task', l, 'old-' || l, '2026-03-02T01:00:00Z', r
           FROM app_user, (VALUES ('任务逾期：甲', '1', NULL::timestamptz), ('任务逾期：乙', '2', '2026-03-02T01:30:00Z')) v(s, l, r)
          WHERE username = 'v1mgr'`,
      );
      await migration.up(qr);
      await later.up(qr);
    } finally {
      await qr.release();
    }
    const rows = await api.ds.query(
      `SELECT n.subject, n.item_count, n.digest_on, n.updated_at = n.created_at AS same, n.read_at IS NOT NULL AS read, i.dedupe_key, i.subject AS item
         FROM notice n JOIN notice_item i ON i.notice_id = n.id ORDER BY n.id`,
    );
    expect(rows).toEqual([
      { subject: '任务逾期：甲', item_count: 1, digest_on: null, same: true, read: false, dedupe_key: 'old-1', item: '任务逾期：甲' },
      { subject: '任务逾期：乙', item_count: 1, digest_on: null, same: true, read: true, dedupe_key: 'old-2', item: '任务逾期：乙' },
    ]);
    // an old reason sent again is known; a new one starts today's digest beside the old notices
    const [{ id: v1 }] = await api.ds.query(`SELECT id FROM app_user WHERE username = 'v1mgr'`);
    const notice = (l: string) => ({
      recipientUserId: v1,
      kind: 'task.overdue',
      subject: `任务逾期：${l}`,
      body: 'b',
      linkEntity: 'task',
      linkId: l,
      dedupeKey: `old-${l}`,
    });
    const notices = api.app.get(NoticesService);
    expect(await notices.create([notice('1'), notice('2')])).toBe(0);
    expect(await notices.create([notice('3')])).toBe(1);
    const [{ n }] = await api.ds.query(`SELECT count(*)::int AS n FROM notice`);
    expect(n).toBe(3);
  });
  it('the channels migration leaves the escalations filed before it alone: only later unread ones are escalated again', async () => {
    const [{ id: v1 }] = await api.ds.query(`SELECT id FROM app_user WHERE username = 'v1mgr'`);
    const escalation = (key: string) => ({
      recipientUserId: v1,
      kind: 'task.escalation',
      subject: `督办：${key}`,
      body: '逾期未完成',
      linkEntity: null,
      linkId: null,
      dedupeKey: key,
    });
    const notices = api.app.get(NoticesService);
    expect(await notices.create([escalation('esc-old')])).toBe(1);
    const later = new NoticeChannels1764001361000();
    const qr = api.ds.createQueryRunner();
    try {
      await later.down(qr);
      await later.up(qr);
    } finally {
      await qr.release();
    }
    const marked = await api.ds.query(
      `SELECT i.dedupe_key, x.before_feature FROM notice_reescalation x JOIN notice_item i ON i.id = x.item_id ORDER BY x.item_id`,
    );
    expect(marked).toEqual([{ dedupe_key: 'esc-old', before_feature: true }]);
    env.clock.advance(3600_000);
    expect(await notices.create([escalation('esc-new')])).toBe(1);
    // two days on, both unread: only the new one goes once more (to V1's parent unit)
    env.clock.advance(48 * 3600_000);
    expect(await api.app.get(ReescalationService).runOnce()).toBe(1);
    // its notices are queued for the worker (none runs here): about the new escalation only
    const queued = await api.ds.query(
      `SELECT payload::text AS p FROM outbox WHERE job_name = 'notices.create' AND payload::text LIKE '%task.escalation.unread%'`,
    );
    expect(queued.length).toBe(1);
    expect(queued[0].p).toContain('督办未读：督办：esc-new');
    expect(queued[0].p).not.toContain('esc-old');
    const after = await api.ds.query(
      `SELECT i.dedupe_key, x.before_feature FROM notice_reescalation x JOIN notice_item i ON i.id = x.item_id ORDER BY x.item_id`,
    );
    expect(after).toEqual([
      { dedupe_key: 'esc-old', before_feature: true },
      { dedupe_key: 'esc-new', before_feature: false },
    ]);
  });
});
