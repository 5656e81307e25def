import { FakeSmsGateway, messageRef } from '#outreach';
import { AddressInfo } from 'node:net';
import { createTestEnv, startApi, TestApi, TestEnv, waitFor } from '../helpers/test-app';
import { spawnWorker, WorkerProcess } from './process/spawn-worker';
import { addPeople, countBy, makeOutreachCity, rounds, Totals } from './round-fixture';

const KEY = 'test-sms-key-kill';
const PEOPLE = 300;
const INVALID = 7; // the gateway refuses 1234567 for good
const UNDELIVERABLE = 8; // accepted, then reported undeliverable
const phoneOf = (i: number) => (i === INVALID ? '1234567' : i === UNDELIVERABLE ? '13900000000' : `139${10000000 + i}`);
const T0 = new Date('2026-03-02T02:00:00Z'); // 10:00 Shanghai: no quiet hours, whatever the real hour

jest.setTimeout(120000);

/**
 * A real worker process is SIGKILLed mid-round (messages claimed, HTTP calls in flight at a slow
 * gateway); a fresh worker process finishes the round. Every person gets exactly one SMS. Our side
 * posts a ref a second time only for a message the dead worker had claimed and the gateway had
 * accepted before our commit (at least once, deduped by the gateway's client reference).
 */
describe('a worker process killed mid-round', () => {
  let env: TestEnv;
  let api: TestApi;
  let gateway: FakeSmsGateway;
  const procs: WorkerProcess[] = [];

  beforeAll(async () => {
    gateway = new FakeSmsGateway(KEY, {
      delayMs: 200, // ~30 sends in flight at any moment
      autoReport: false, // delivery reports are held until the end, so they cannot mask a resend
    });
    env = await createTestEnv({ SMS_GATEWAY_URL: await gateway.start(), SMS_GATEWAY_KEY: KEY, SMS_RATE_PER_SECOND: '1000' });
    env.clock.set(T0);
    api = await startApi(env);
    await api.app.listen(0, '127.0.0.1');
    gateway.behave({ reportUrl: `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}/api/sms-gateway/reports` });
  });
  afterAll(async () => {
    for (const p of procs) await p.kill('SIGKILL');
    await api.close();
    await gateway.stop();
    await env.drop();
  });

  it('finishes with exactly one SMS per person after a SIGKILL and a fresh worker process', async () => {
    const { token, campaignId, d1 } = await makeOutreachCity(api);
    await addPeople(api.ds, campaignId, 'V1', PEOPLE, '居民', phoneOf);
    const vars = { SMS_GATEWAY_URL: gateway.url, SMS_GATEWAY_KEY: KEY, SMS_RATE_PER_SECOND: '1000' };
    const first = await spawnWorker(env, T0, vars);
    procs.push(first);
    const r = rounds(api, token, campaignId);
    const id = await r.plan({ name: '三月断缴提醒', orgUnitId: d1, target: 'lapsed', channel: 'sms' });
    await r.start(id);

    await waitFor(async () => gateway.accepted >= 40 && gateway.inFlight > 0, 60000, 5);
    expect(await first.kill('SIGKILL')).toBe('SIGKILL');
    // what the dead worker had in flight still reaches the gateway, which accepts it
    await waitFor(async () => gateway.inFlight === 0);
    const atKill = (await r.get(id)).totals;
    expect(atKill.total).toBe(PEOPLE);
    expect(atKill.sending).toBeGreaterThan(0);
    expect(atKill.sent + atKill.failed).toBeLessThan(PEOPLE);
    const stateAtKill = new Map<string, string>(
      (await api.ds.query(`SELECT id, ref_token::text AS ref_token, state FROM outreach_message WHERE round_id = $1`, [id])).map(
        (m: { id: string; ref_token: string; state: string }) => [messageRef(m.id, 0, m.ref_token), m.state],
      ),
    );
    const requestsAtKill = countBy(gateway.requests, (q) => q.ref);
    // the crash window happened: claimed by the dead worker and accepted by the gateway, never recorded as sent by us
    const window = [...stateAtKill].filter(([ref, state]) => state === 'sending' && gateway.messages.some((m) => m.ref === ref)).map(([ref]) => ref);
    expect(window.length).toBeGreaterThan(0);

    // a fresh worker process, 10 minutes later by the business clock: the dead one's claims are stale
    env.clock.set(new Date(T0.getTime() + 10 * 60 * 1000));
    procs.push(await spawnWorker(env, env.clock.now(), vars));
    await waitFor(
      async () => {
        const g = await r.get(id);
        return g.status === 'finished' && g.totals.queued === 0 && g.totals.sending === 0;
      },
      60000,
      100,
    );
    await gateway.flushReports();
    const done = (await waitFor(async () => {
      const t = (await r.get(id)).totals;
      return t.sent === 0 ? t : null;
    })) as Totals;
    expect(done).toMatchObject({ total: PEOPLE, delivered: PEOPLE - 2, failed: 2, queued: 0, sending: 0, skipped: 0 });

    // every person one SMS (the invalid number none)
    const perPhone = countBy(gateway.messages, (m) => m.to);
    expect(perPhone.size).toBe(PEOPLE - 1);
    expect([...perPhone.values()].filter((n) => n !== 1)).toEqual([]);
    expect(perPhone.has(phoneOf(INVALID))).toBe(false);
    // one more request for every message left queued or claimed at the kill, none for the others: so a
    // second request for a ref exactly in the crash window (and for the invalid number if it was in it)
    const perRef = countBy(gateway.requests, (q) => q.ref);
    const expected = new Map([...stateAtKill].map(([ref, state]) => [ref, (requestsAtKill.get(ref) ?? 0) + (['queued', 'sending'].includes(state) ? 1 : 0)]));
    expect(perRef).toEqual(expected);
    const accepted = countBy(
      gateway.requests.filter((q) => q.status === 200),
      (q) => q.ref,
    );
    expect(
      [...accepted]
        .filter(([, n]) => n > 1)
        .map(([ref]) => ref)
        .sort(),
    ).toEqual([...window].sort());
    expect([...accepted.values()].every((n) => n === 1 || n === 2)).toBe(true);
  });
});
