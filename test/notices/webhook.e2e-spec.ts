import { messageRef } from '#outreach';
import { INestApplicationContext } from '@nestjs/common';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv } from '../helpers/test-app';
import { FakeWebhookReceiver } from './fake-webhook-receiver';
import { addPeople, countBy, makeOutreachCity, rounds } from './round-fixture';

const PEOPLE = 30;
const BUSY = 5; // the receiver answers 503, then 429, then accepts
const REFUSED = 9; // the receiver answers 422: permanent
const phoneOf = (i: number) => `137${10000000 + i}`;
const SECRET = 'webhook-e2e-shared-secret';

jest.setTimeout(60000);

describe('webhook channel: reminder rounds posted to another system', () => {
  let env: TestEnv;
  let api: TestApi;
  let worker: INestApplicationContext;
  let receiver: FakeWebhookReceiver;

  beforeAll(async () => {
    receiver = new FakeWebhookReceiver(SECRET);
    env = await createTestEnv({ WEBHOOK_URL: `${await receiver.start()}/yingbao/reminders`, WEBHOOK_SECRET: SECRET });
    api = await startApi(env);
    worker = await startWorker(env);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await receiver.stop();
    await env.drop();
  });

  it('posts one JSON message per person, at 21:30 too; 503/429 retried with backoff; a 422 failed once with its reason', async () => {
    const { token, campaignId, d2 } = await makeOutreachCity(api);
    await addPeople(api.ds, campaignId, 'V3', PEOPLE, '村民', phoneOf);
    const ids = new Map<string, number>(
      (await api.ds.query(`SELECT id, name FROM registry_person`)).map((p: { id: string; name: string }) => [p.name, Number(p.id)]),
    );
    const pid = (i: number) => ids.get(`村民${i}`)!;
    receiver.script(pid(BUSY), [503, 429]);
    receiver.script(pid(REFUSED), [422]);
    // quiet hours (21:00-08:00) hold SMS to the public and, by default, webhooks too; this campaign lets webhooks through
    await api.ds.query(`UPDATE campaign SET settings = settings || '{"notices": {"quietForWebhooks": false}}' WHERE id = $1`, [campaignId]);
    env.clock.set('2026-03-02T13:30:00Z'); // 21:30 Shanghai
    const r = rounds(api, token, campaignId);
    const id = await r.plan({ name: '参保提醒（对接系统）', orgUnitId: d2, target: 'will_enrol', channel: 'webhook' });
    await r.start(id);
    // a webhook has no delivery report: 'sent' (the receiver answered 2xx) is its last state
    const done = await r.settled(id, 40000, true);
    expect(done.totals).toMatchObject({ total: PEOPLE, sent: PEOPLE - 1, failed: 1, queued: 0, sending: 0, delivered: 0 });
    const [times] = await api.ds.query(
      `SELECT count(*) FILTER (WHERE held_until IS NOT NULL)::int AS held, min(sent_at) AS first, max(sent_at) AS last FROM outreach_message WHERE round_id = $1`,
      [id],
    );
    expect(times).toEqual({ held: 0, first: new Date('2026-03-02T13:30:00Z'), last: new Date('2026-03-02T13:30:00Z') });

    // every call signed with the shared secret, with a fresh timestamp (the test clock is not the wall clock)
    expect(receiver.calls.length).toBeGreaterThan(PEOPLE);
    expect(receiver.calls.filter((c) => !c.signed || c.age < -5 || c.age > 60)).toEqual([]);
    // exactly one accepted POST per person but the refused one, with the expected JSON
    const accepted = receiver.calls.filter((c) => c.status === 200);
    const perPerson = countBy(accepted, (c) => String(c.body.personId));
    expect(perPerson.size).toBe(PEOPLE - 1);
    expect([...perPerson.values()].every((n) => n === 1)).toBe(true);
    expect(perPerson.has(String(pid(REFUSED)))).toBe(false);
    const [m1] = await api.ds.query(`SELECT id, ref_token::text AS ref_token FROM outreach_message WHERE round_id = $1 AND person_id = $2`, [id, pid(1)]);
    const first = receiver.callsFor(pid(1));
    expect(first.map((c) => [c.path, c.contentType, c.body])).toEqual([
      [
        '/yingbao/reminders',
        'application/json',
        {
          ref: messageRef(m1.id, 0, m1.ref_token),
          kind: 'reminder.will_enrol',
          personId: pid(1),
          phone: '13710000001',
          text: '村民1您好：感谢您表示愿意参加养老保险，请于2026年3月31日前办理参保缴费。咨询电话0571-88886666。',
        },
      ],
    ]);

    // 503 and 429 retried by the job's exponential backoff (1 s, then 2 s), then accepted under the same ref
    const busy = receiver.callsFor(pid(BUSY));
    expect(busy.map((c) => c.status)).toEqual([503, 429, 200]);
    expect(new Set(busy.map((c) => c.body.ref)).size).toBe(1);
    expect(busy[1].at - busy[0].at).toBeGreaterThanOrEqual(1000);
    expect(busy[2].at - busy[1].at).toBeGreaterThanOrEqual(2000);

    // 422 is permanent: recorded with the receiver's reason, not retried, not resent
    expect(receiver.callsFor(pid(REFUSED)).map((c) => c.status)).toEqual([422]);
    const failed = (await r.office.get(`/api/reminder-rounds/${id}/messages?state=failed`)).body.items;
    expect(failed.map((m: { name: string; failureReason: string }) => [m.name, m.failureReason])).toEqual([
      [`村民${REFUSED}`, `网关拒收（UNKNOWN_PERSON: person ${pid(REFUSED)} is not known here）`],
    ]);
    const resend = await r.office.post(`/api/reminder-rounds/${id}/resend-failed`);
    expect(resend.body).toEqual({ resent: 0, permanent: 1 });
    expect(receiver.calls.length).toBe(PEOPLE + 2); // 28 once, the busy one three times, the refused one once
  });
});
