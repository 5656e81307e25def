import { NoticeDispatchService, NoticeInput, NoticesService, ReescalationService } from '#notices';
import { FakeSmsGateway } from '#outreach';
import { INestApplicationContext } from '@nestjs/common';
import { makeSmallCity, makeUser, unitId } from '../helpers/factories';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv, waitFor } from '../helpers/test-app';
import { FakeRobotReceiver } from './fake-robot-receiver';

const KEY = 'test-sms-key-robots';
const T1_SECRET = 'SECt1-robot-signing-secret-0001';
const T1_PHONE = '13912340001';

jest.setTimeout(90000);

/**
 * Issue 20 point 4: staff notices go also to the unit's DingTalk (signed) or WeCom group robot and, for escalations, by SMS
 * to those who chose it; through the outbox, once per reason and group, retried; unread escalations are escalated once more.
 */
describe('notices where officials read them: group robots, SMS, re-escalation', () => {
  let env: TestEnv;
  let api: TestApi;
  let worker: INestApplicationContext;
  let robots: FakeRobotReceiver;
  let gateway: FakeSmsGateway;
  const users: Record<string, number> = {};

  beforeAll(async () => {
    robots = new FakeRobotReceiver({ 'tok-t1': T1_SECRET, 'tok-v1': 'SECthe-secret-v1-really-has-0002' }, ['key-d1']);
    gateway = new FakeSmsGateway(KEY);
    env = await createTestEnv({ SMS_GATEWAY_URL: await gateway.start(), SMS_GATEWAY_KEY: KEY, NOTICE_REESCALATE_HOURS: '24' });
    api = await startApi(env);
    worker = await startWorker(env);
    await robots.start();
    await makeSmallCity(api.ds);
    await makeUser(api.ds, 'd1deputy', 'D1', ['unit_manager']);
    for (const r of await api.ds.query(`SELECT id, username FROM app_user`)) users[r.username] = r.id;
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await robots.stop();
    await gateway.stop();
    await env.drop();
  });

  const notify = (notices: NoticeInput[]) => api.ds.transaction((m) => api.app.get(NoticesService).notify(m, notices));
  const dispatches = async () =>
    (await api.ds.query(`SELECT id, channel, destination, state, attempts, last_error FROM notice_dispatch ORDER BY channel, destination::int`)) as {
      id: string;
      channel: string;
      destination: string;
      state: string;
      attempts: number;
      last_error: string | null;
    }[];
  /** The dispatches once there are n and none is queued. */
  const settled = async (n: number) =>
    (await waitFor(async () => {
      const rows = await dispatches();
      return rows.length >= n && rows.every((d) => d.state !== 'queued') ? rows : null;
    }, 30000))!;

  it('sets robots per unit (secrets never answered), relays once per group and reason, signs DingTalk, retries, and texts escalations', async () => {
    const office = api.as(await api.login('office'));
    const [t1, d1, v1, v2] = [await unitId(api.ds, 'T1'), await unitId(api.ds, 'D1'), await unitId(api.ds, 'V1'), await unitId(api.ds, 'V2')];

    const saved = await office
      .put(`/api/notice-robots/${t1}`)
      .send({ provider: 'dingtalk', url: `${robots.url}/robot/send?access_token=tok-t1`, secret: T1_SECRET });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ provider: 'dingtalk', secret: 'SEC****0001', url: `${robots.url}/robot/send?access_token=****k-t1`, enabled: true });
    expect(saved.body.kinds).toContain('task.escalation');
    // the V1 robot is set with a secret DingTalk does not know: its posts are refused
    await office
      .put(`/api/notice-robots/${v1}`)
      .send({ provider: 'dingtalk', url: `${robots.url}/robot/send?access_token=tok-v1`, secret: 'SECnot-the-right-secret-9999' })
      .expect(200);
    await office
      .put(`/api/notice-robots/${d1}`)
      .send({ provider: 'wecom', url: `${robots.url}/cgi-bin/webhook/send?key=key-d1` })
      .expect(200);
    // bad input: 400 naming the field
    const noSecret = await office.put(`/api/notice-robots/${v2}`).send({ provider: 'dingtalk', url: `${robots.url}/robot/send?access_token=x` });
    expect(noSecret.status).toBe(400);
    expect(JSON.stringify(noSecret.body)).toContain('secret');
    const noKey = await office.put(`/api/notice-robots/${v2}`).send({ provider: 'wecom', url: `${robots.url}/cgi-bin/webhook/send` });
    expect(noKey.status).toBe(400);
    expect(JSON.stringify(noKey.body)).toContain('url');
    // a change without the secret keeps it; no answer and no audit row holds it in full
    await office
      .put(`/api/notice-robots/${t1}`)
      .send({ provider: 'dingtalk', url: `${robots.url}/robot/send?access_token=tok-t1` })
      .expect(200);
    const list = await office.get('/api/notice-robots');
    expect(list.body.total).toBe(3);
    const audit = await api.ds.query(`SELECT changes::text AS c FROM audit_log WHERE entity = 'notice_robot'`);
    expect(audit.length).toBe(4);
    expect(JSON.stringify([list.body, audit])).not.toContain(T1_SECRET);
    expect(JSON.stringify([list.body, audit])).not.toContain('tok-t1');
    // a unit manager cannot set robots
    const t1mgr = api.as(await api.login('t1mgr'));
    expect((await t1mgr.put(`/api/notice-robots/${t1}`).send({ provider: 'wecom', url: `${robots.url}/cgi-bin/webhook/send?key=k` })).status).toBe(403);

    // t1mgr chooses SMS for escalations: needs a phone first
    const noPhone = await t1mgr.put('/api/notice-preferences').send({ escalations: 'sms' });
    expect(noPhone.status).toBe(400);
    expect(JSON.stringify(noPhone.body)).toContain('escalations');
    await api.ds.query(`UPDATE app_user SET phone = $1 WHERE id = $2`, [T1_PHONE, users.t1mgr]);
    expect((await t1mgr.put('/api/notice-preferences').send({ escalations: 'sms' })).body).toEqual({ escalations: 'sms' });
    expect((await t1mgr.get('/api/notice-preferences')).body).toEqual({ escalations: 'sms' });

    // DingTalk answers 503 once: the job is retried
    robots.script('tok-t1', [503]);
    const bulletin = { kind: 'bulletin', subject: '第3期进度通报', body: '2026年扩面 第3期通报已发布' };
    await notify([
      {
        recipientUserId: users.t1mgr,
        kind: 'task.escalation',
        subject: '任务逾期督办：V1 企业职工养老保险',
        body: 'V1 未完成，请督办',
        dedupeKey: 'esc-v1-t1mgr',
      },
      // two people of D1 get the same bulletin: the D1 group hears it once
      { recipientUserId: users.d1mgr, ...bulletin, dedupeKey: 'bulletin-3-d1mgr' },
      { recipientUserId: users.d1deputy, ...bulletin, dedupeKey: 'bulletin-3-d1deputy' },
      // a kind the robots do not relay
      { recipientUserId: users.d1mgr, kind: 'task.reminder', subject: '任务临近时限', body: '3 天后截止', dedupeKey: 'rem-d1mgr' },
      { recipientUserId: users.v1mgr, kind: 'task.overdue', subject: '任务已逾期', body: 'V1 任务已逾期', dedupeKey: 'overdue-v1mgr' },
    ]);
    const done = await settled(4);
    expect(done.map((d) => [d.channel, d.destination, d.state])).toEqual([
      ['dingtalk', String(t1), 'sent'],
      ['dingtalk', String(v1), 'failed'],
      ['sms', String(users.t1mgr), 'sent'],
      ['wecom', String(d1), 'sent'],
    ]);
    expect(done[0].attempts).toBe(2);
    expect(done[1].last_error).toContain('310000');
    // the receiver saw a signed call for T1 (after the 503), one WeCom post for the bulletin, and V1's refused unsigned one
    expect(robots.accepted('dingtalk', 'tok-t1').map((c) => [c.signed, c.text])).toEqual([
      [true, '【应保尽保】任务逾期督办：V1 企业职工养老保险\nV1 未完成，请督办'],
    ]);
    expect(robots.accepted('wecom', 'key-d1').map((c) => c.text)).toEqual(['【应保尽保】第3期进度通报\n2026年扩面 第3期通报已发布']);
    expect(robots.calls.filter((c) => c.token === 'tok-v1').map((c) => [c.signed, c.errcode])).toEqual([[false, 310000]]);
    // the escalation by SMS to t1mgr's phone, once
    await waitFor(async () => gateway.messages.length >= 1);
    expect(gateway.messages.map((m) => [m.to, m.text])).toEqual([[T1_PHONE, '【云帆人社】任务逾期督办：V1 企业职工养老保险\nV1 未完成，请督办']]);

    // a job delivered again sends nothing again
    const calls = robots.calls.length;
    await worker.get(NoticeDispatchService).run(done.map((d) => Number(d.id)));
    expect(robots.calls.length).toBe(calls);
    expect(gateway.messages.length).toBe(1);
  });

  it('escalates an escalation left unread 24 hours once more, to the parent unit, once; a read one is not', async () => {
    const v1mgr = api.as(await api.login('v1mgr'));
    await notify([{ recipientUserId: users.v1mgr, kind: 'task.escalation', subject: '督办：V1 工伤保险', body: 'V1 工伤保险未完成', dedupeKey: 'esc-v1mgr' }]);
    await waitFor(async () => ((await v1mgr.get('/api/notices?kind=task.escalation')).body.total === 1 ? true : null));
    const inbox = await v1mgr.get('/api/notices?kind=task.escalation');
    expect(inbox.body.items[0].readAt).toBeNull();
    await v1mgr.post(`/api/notices/${inbox.body.items[0].id}/read`).expect(200);

    const passes = () => Promise.all([worker.get(ReescalationService).runOnce(), api.app.get(ReescalationService).runOnce()]);
    // 23 hours later nothing is due
    env.clock.advance(23 * 3600_000);
    expect(await passes()).toEqual([0, 0]);
    // 24 h 1 min after: t1mgr's unread escalation (first test) goes once to D1's managers; v1mgr read theirs
    env.clock.advance(3600_000 + 60_000);
    expect((await passes()).sort()).toEqual([0, 1]);
    expect(await passes()).toEqual([0, 0]);
    const got = await waitFor(async () => {
      const rows = await api.ds.query(
        `SELECT recipient_user_id AS uid, subject, body FROM notice_item WHERE kind = 'task.escalation.unread' ORDER BY recipient_user_id`,
      );
      return rows.length === 2 ? rows : null;
    });
    expect(got).toEqual(
      [
        { uid: users.d1mgr, subject: '督办未读：任务逾期督办：V1 企业职工养老保险', body: 't1mgr 收到督办通知 24 小时仍未阅读：V1 未完成，请督办' },
        { uid: users.d1deputy, subject: '督办未读：任务逾期督办：V1 企业职工养老保险', body: 't1mgr 收到督办通知 24 小时仍未阅读：V1 未完成，请督办' },
      ].sort((a, b) => a.uid - b.uid),
    );
    // and D1's WeCom group hears it once
    await waitFor(async () => (robots.accepted('wecom', 'key-d1').length === 2 ? true : null), 20000);
    expect(robots.accepted('wecom', 'key-d1')[1].text).toContain('督办未读');
  });

  it('holds robot posts and SMS in the quiet hours and on days off (till 08:00 of the next working day); the inbox has the item at once', async () => {
    const before = (await dispatches()).length;
    const posts = robots.calls.length;
    // an overdue escalation filed at 00:00 China time on Thursday 1 October 2026 (国庆, off until the 7th)
    env.clock.set('2026-09-30T16:00:00Z');
    await notify([{ recipientUserId: users.t1mgr, kind: 'task.escalation', subject: '督办：国庆期间逾期', body: 'T1 任务逾期', dedupeKey: 'esc-oct1-t1mgr' }]);
    // the inbox item comes at once (the worker's notices.create job), its two relays queued and held
    await waitFor(async () => {
      const item = await api.ds.query(`SELECT id FROM notice_item WHERE kind = 'task.escalation' AND subject = '督办：国庆期间逾期'`);
      return item.length === 1 ? true : null;
    });
    expect((await dispatches()).length).toBe(before + 2);
    const jobs = await waitFor(async () => {
      const rows = await api.ds.query(`SELECT run_at, relayed_at FROM outbox WHERE job_name = 'notices.dispatch' AND run_at IS NOT NULL ORDER BY id`);
      return rows.length === 1 && rows[0].relayed_at ? rows : null;
    });
    // 08:00 China time on Thursday 8 October, the first working day after the holiday
    expect(new Date(jobs![0].run_at).toISOString()).toBe('2026-10-08T00:00:00.000Z');
    await new Promise((r) => setTimeout(r, 1500));
    const rows = await api.ds.query(
      `SELECT d.channel, d.state FROM notice_dispatch d JOIN notice_item i ON i.id = d.item_id WHERE i.subject = '督办：国庆期间逾期' ORDER BY d.channel`,
    );
    expect(rows).toEqual([
      { channel: 'dingtalk', state: 'queued' },
      { channel: 'sms', state: 'queued' },
    ]);
    expect(robots.calls.length).toBe(posts);
  });
});
