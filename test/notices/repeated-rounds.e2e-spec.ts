import { FakeSmsGateway } from '#outreach';
import { INestApplicationContext } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv } from '../helpers/test-app';
import { addPeople, countBy, makeOutreachCity, rounds } from './round-fixture';

const KEY = 'test-sms-key-repeat';
const PEOPLE = 37;
const phoneOf = (i: number) => `137${30000000 + i}`;

jest.setTimeout(60000);

/**
 * A double click plans one round and starts it once (issue 13 point 3): five identical plans posted at
 * once make one round (five answers with its id), and two starts at once start it once, so every
 * person gets one SMS. Another name, or the same plan a minute later, is another round.
 */
describe('the same round planned five times and started twice at once', () => {
  let env: TestEnv;
  let api: TestApi;
  let gateway: FakeSmsGateway;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    gateway = new FakeSmsGateway(KEY, {
      dedupe: false, // a second send of any message would show as a second SMS
    });
    env = await createTestEnv({ SMS_GATEWAY_URL: await gateway.start(), SMS_GATEWAY_KEY: KEY, SMS_RATE_PER_SECOND: '1000' });
    api = await startApi(env);
    await api.app.listen(0, '127.0.0.1');
    gateway.behave({ reportUrl: `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}/api/sms-gateway/reports` });
  });
  afterAll(async () => {
    await worker?.close().catch(() => undefined);
    await api.close();
    await gateway.stop();
    await env.drop();
  });

  it('one round for five plans at once; one start for two at once; every person one SMS', async () => {
    const { token, campaignId, d2 } = await makeOutreachCity(api);
    await addPeople(api.ds, campaignId, 'V3', PEOPLE, '村民', phoneOf);
    const r = rounds(api, token, campaignId);
    const body = { name: '参保提醒', orgUnitId: d2, target: 'will_enrol', channel: 'sms' };
    const ids = await Promise.all(Array.from({ length: 5 }, () => r.plan(body)));
    expect(new Set(ids).size).toBe(1);
    expect((await api.ds.query(`SELECT count(*)::int AS n FROM reminder_round`))[0].n).toBe(1);
    // another name is another round, and so is the same plan 61 s later (window 60 s): 3 rounds
    const named = await r.plan({ ...body, name: '参保提醒（二）' });
    env.clock.advance(61_000);
    const later = await r.plan(body);
    expect(new Set([ids[0], named, later]).size).toBe(3);

    worker = await startWorker(env);
    const id = ids[0];
    const starts = await Promise.all([1, 2].map(() => r.office.post(`/api/reminder-rounds/${id}/start`)));
    expect(starts.map((s) => s.status)).toEqual([200, 200]);
    expect(starts[1].body).toEqual(starts[0].body);
    expect(starts[0].body).toMatchObject({ id, status: 'running', starts: 1 });
    const [{ jobs }] = await api.ds.query(`SELECT count(*)::int AS jobs FROM outbox WHERE job_name = 'notices.round.expand'`);
    expect(jobs).toBe(1);
    const done = await r.settled(id);
    expect(done.totals).toMatchObject({ total: PEOPLE, delivered: PEOPLE });
    const perPhone = countBy(gateway.messages, (m) => m.to);
    expect(perPhone.size).toBe(PEOPLE);
    expect([...perPhone.values()].filter((n) => n !== 1)).toEqual([]);
  });
});
