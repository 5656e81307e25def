import { FakeSmsGateway, messageRef, OutreachService } from '#outreach';
import { INestApplicationContext } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv, waitFor } from '../helpers/test-app';
import { addPeople, countBy, makeOutreachCity, rounds } from './round-fixture';

const KEY = 'test-sms-key-789';
const PEOPLE = 40;
const RATE = 5; // per second: 40 messages take about 8 s, so most of a claimed batch waits on the limiter
const UNDELIVERABLE = 13; // phone ends 0000: accepted, then reported undeliverable
const phoneOf = (i: number) => (i === UNDELIVERABLE ? '13700000000' : `137${10000000 + i}`);

jest.setTimeout(90000);

/**
 * Our side sends each (message, resend) once even when the gateway does not dedupe by ref: a round
 * restarted twice, two workers, and the reconciler requeueing claimed messages as stale (the clock
 * jumps 3 minutes while most of a batch still waits for the rate limiter).
 */
describe('one request per message ref, with the gateway dedupe switched off', () => {
  let env: TestEnv;
  let api: TestApi;
  let gateway: FakeSmsGateway;
  const workers: INestApplicationContext[] = [];

  beforeAll(async () => {
    gateway = new FakeSmsGateway(KEY, {
      dedupe: false,
    });
    env = await createTestEnv({ SMS_GATEWAY_URL: await gateway.start(), SMS_GATEWAY_KEY: KEY, SMS_RATE_PER_SECOND: String(RATE) });
    api = await startApi(env);
    await api.app.listen(0, '127.0.0.1');
    gateway.behave({ reportUrl: `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}/api/sms-gateway/reports` });
  });
  afterAll(async () => {
    for (const w of workers) await w.close().catch(() => undefined);
    await api.close();
    await gateway.stop();
    await env.drop();
  });

  it('sends once per ref through restarts, two workers and a stale-claim requeue; a resend once under its own ref', async () => {
    const { token, campaignId, d2 } = await makeOutreachCity(api);
    await addPeople(api.ds, campaignId, 'V3', PEOPLE, '村民', phoneOf);
    const r = rounds(api, token, campaignId);
    const id = await r.plan({ name: '参保提醒', orgUnitId: d2, target: 'will_enrol', channel: 'sms' });
    // expand with no worker running, then restart twice: three deliver jobs carry the same 40 messages
    await r.start(id);
    await api.app.get(OutreachService).expand(id);
    // restarts a minute apart: a start within REPEAT_WINDOW_MS of the last would be the same click
    env.clock.advance(61_000);
    await r.start(id);
    env.clock.advance(61_000);
    await r.start(id);
    const [{ jobs }] = await api.ds.query(`SELECT count(*)::int AS jobs FROM outbox WHERE job_name = 'notices.deliver'`);
    expect(jobs).toBe(3);
    workers.push(await startWorker(env), await startWorker(env));
    await waitFor(async () => gateway.requests.length >= 5, 20000, 10);
    env.clock.advance(3 * 60 * 1000); // claims made before this instant are now older than STALE_SENDING_MS
    const done = await r.settled(id, 60000);
    expect(done.totals).toMatchObject({ total: PEOPLE, delivered: PEOPLE - 1, failed: 1 });
    // the stale-claim path did run: some messages were claimed a second time
    const [{ reclaimed }] = await api.ds.query(`SELECT count(*)::int AS reclaimed FROM outreach_message WHERE round_id = $1 AND attempts > 1`, [id]);
    expect(reclaimed).toBeGreaterThan(0);

    const refs = await r.refs(id);
    const ok = () => gateway.requests.filter((q) => q.status === 200);
    const perRef = countBy(ok(), (q) => q.ref);
    expect(perRef.size).toBe(PEOPLE);
    expect([...perRef.keys()].every((ref) => refs.has(ref))).toBe(true);
    expect([...perRef.values()].filter((n) => n !== 1)).toEqual([]);

    // resend the undeliverable one: once more, under ref om-<id>-r1-<token>, and only once
    const resend = await r.office.post(`/api/reminder-rounds/${id}/resend-failed`);
    expect(resend.body).toEqual({ resent: 1, permanent: 0 });
    await r.settled(id);
    const [failed] = await api.ds.query(
      `SELECT m.id, m.ref_token::text AS ref_token FROM outreach_message m JOIN registry_person p ON p.id = m.person_id WHERE m.round_id = $1 AND p.phone = $2`,
      [id, phoneOf(UNDELIVERABLE)],
    );
    const again = countBy(ok(), (q) => q.ref);
    expect(again.size).toBe(PEOPLE + 1);
    expect(again.get(messageRef(failed.id, 1, failed.ref_token))).toBe(1);
    expect([...again.values()].filter((n) => n !== 1)).toEqual([]);
    // per phone at the gateway: one message each, two for the number resent on purpose
    const perPhone = countBy(gateway.messages, (m) => m.to);
    expect(perPhone.size).toBe(PEOPLE);
    expect(perPhone.get(phoneOf(UNDELIVERABLE))).toBe(2);
    expect([...perPhone.entries()].filter(([to, n]) => to !== phoneOf(UNDELIVERABLE) && n !== 1)).toEqual([]);
  });
});
