import { FakeSmsGateway, OutreachService } from '#outreach';
import { INestApplicationContext } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv } from '../helpers/test-app';
import { addPeople, makeOutreachCity, rounds } from './round-fixture';

const KEY = 'test-sms-key-ref';
const PEOPLE = 6;
const phoneOf = (i: number) => `137${20000000 + i}`;

jest.setTimeout(60000);

/**
 * Delivery reports count only with the ref we gave the gateway (id, resend and random token); a
 * guessed or forged ref changes nothing and answers like a duplicate. Every accepted report leaves
 * an audit row, written with the status change.
 */
describe('delivery report refs and audit', () => {
  let env: TestEnv;
  let api: TestApi;
  let gateway: FakeSmsGateway;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    gateway = new FakeSmsGateway(KEY, {
      autoReport: false, // reports held until flushReports(): the test posts its own first
    });
    env = await createTestEnv({ SMS_GATEWAY_URL: await gateway.start(), SMS_GATEWAY_KEY: KEY });
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

  const post = (ref: string, status = 'DELIVERED') =>
    api.http().post('/api/sms-gateway/reports').set({ 'x-api-key': KEY }).send({ ref, status, messageId: 'gw-1' });
  const stateOf = async (id: number) => (await api.ds.query(`SELECT state FROM outreach_message WHERE id = $1`, [id]))[0].state as string;
  const audits = async () =>
    (await api.ds.query(
      `SELECT actor_id, actor_username, action, entity, entity_id, org_unit_path, changes FROM audit_log WHERE action = 'delivery-report' ORDER BY id`,
    )) as {
      actor_id: number | null;
      actor_username: string;
      action: string;
      entity: string;
      entity_id: string;
      org_unit_path: string;
      changes: Record<string, unknown>;
    }[];

  it('gives unguessable refs, ignores forged ones like duplicates, and audits accepted reports', async () => {
    const { token, campaignId, d2 } = await makeOutreachCity(api);
    await addPeople(api.ds, campaignId, 'V3', PEOPLE, '村民', phoneOf);
    const r = rounds(api, token, campaignId);
    const id = await r.plan({ name: '回执测试', orgUnitId: d2, target: 'will_enrol', channel: 'sms' });
    await r.start(id);
    await api.app.get(OutreachService).expand(id);
    worker = await startWorker(env);
    const done = await r.settled(id, 30000, true);
    expect(done.totals).toMatchObject({ total: PEOPLE, sent: PEOPLE });

    // the refs the gateway got: om-<id>-<32 hex>, a different token per message, nothing to count up from
    const rows: { id: string; phone: string; ref_token: string }[] = await api.ds.query(
      `SELECT m.id, p.phone, replace(m.ref_token::text, '-', '') AS ref_token FROM outreach_message m JOIN registry_person p ON p.id = m.person_id WHERE m.round_id = $1 ORDER BY m.id`,
      [id],
    );
    const refOf = new Map(gateway.messages.map((m) => [m.to, m.ref]));
    expect(refOf.size).toBe(PEOPLE);
    for (const row of rows) {
      const ref = refOf.get(row.phone)!;
      expect(ref).toMatch(/^om-\d+-[0-9a-f]{32}$/);
      expect(ref).toBe(`om-${row.id}-${row.ref_token}`);
    }
    const tokens = [...refOf.values()].map((ref) => ref.slice(-32));
    expect(new Set(tokens).size).toBe(PEOPLE);

    const [a, b] = rows;
    const aId = Number(a.id);
    const sentBody = (await post(`om-${b.id}-${b.ref_token}`)).body; // b's real ref: accepted
    expect(sentBody).toEqual({ updated: 1 });
    expect(await stateOf(Number(b.id))).toBe('delivered');

    // forged refs for message a: right id with another message's token, a made-up token, the wrong resend
    const forged = [`om-${a.id}-${b.ref_token}`, `om-${a.id}-${'0'.repeat(32)}`, `om-${a.id}-r1-${a.ref_token}`];
    const answers = [];
    for (const ref of forged) {
      const res = await post(ref, 'FAILED');
      expect(res.status).toBe(200);
      answers.push(res.body);
    }
    // a duplicate of b's accepted report answers the same: a forger learns nothing about which ids exist
    const dup = await post(`om-${b.id}-${b.ref_token}`);
    expect(dup.status).toBe(200);
    expect(answers).toEqual([dup.body, dup.body, dup.body]);
    expect(dup.body).toEqual({ updated: 0 });
    expect(await stateOf(aId)).toBe('sent');
    // the old sequential form is not a ref at all any more
    const old = await post(`om-${a.id}`);
    expect(old.status).toBe(400);
    expect(await stateOf(aId)).toBe('sent');

    // exactly one audit row so far: b's report, by the system (the gateway), with the change it made
    const [d2Path] = await api.ds.query(`SELECT path FROM org_unit WHERE id = $1`, [d2]);
    expect(await audits()).toEqual([
      {
        actor_id: null,
        actor_username: 'system',
        action: 'delivery-report',
        entity: 'outreach_message',
        entity_id: b.id,
        org_unit_path: d2Path.path,
        changes: {
          state: { before: 'sent', after: 'delivered' },
          resends: { before: null, after: 0 },
          gatewayId: { before: null, after: 'gw-1' },
          reportedBy: { before: null, after: 'sms-gateway' },
        },
      },
    ]);

    // a's correct ref still works after the forgeries; then the gateway's own reports settle the rest
    expect((await post(`om-${a.id}-${a.ref_token}`, 'FAILED')).body).toEqual({ updated: 1 });
    expect(await stateOf(aId)).toBe('failed');
    await gateway.flushReports();
    const after = await r.get(id);
    expect(after.totals).toMatchObject({ delivered: PEOPLE - 1, failed: 1, sent: 0 });
    const rowsNow = await audits();
    expect(rowsNow).toHaveLength(PEOPLE);
    expect(new Set(rowsNow.map((x) => x.entity_id)).size).toBe(PEOPLE);
    expect(rowsNow.find((x) => x.entity_id === a.id)?.changes).toMatchObject({
      state: { before: 'sent', after: 'failed' },
      failureReason: { before: null, after: '未送达（未说明原因）' },
    });
  });

  it('takes the report of a send whose answer timed out (the message queued again): no second post', async () => {
    const [{ id: campaignId }] = await api.ds.query(`SELECT id FROM campaign ORDER BY id LIMIT 1`);
    const token = await api.login('office');
    const d2 = (await api.ds.query(`SELECT id FROM org_unit WHERE code = 'D2'`))[0].id;
    await addPeople(api.ds, campaignId, 'V3', 1, '超时', (i) => `136${30000000 + i}`);
    const r = rounds(api, token, campaignId);
    const id = await r.plan({ name: '超时回执', orgUnitId: d2, target: 'will_enrol', channel: 'sms' });
    await r.start(id);
    await r.settled(id, 30000, true);
    const [m] = await api.ds.query(`SELECT id, replace(ref_token::text, '-', '') AS ref_token FROM outreach_message WHERE round_id = $1`, [id]);
    const posts = gateway.requests.length;
    // as DeliveryService leaves it when the gateway's answer did not come in time: queued for the job's retry
    await api.ds.query(`UPDATE outreach_message SET state = 'queued', failure_reason = 'timeout' WHERE id = $1`, [m.id]);
    expect((await post(`om-${m.id}-${m.ref_token}`)).body).toEqual({ updated: 1 });
    expect(await stateOf(Number(m.id))).toBe('delivered');
    // the retry finds nothing to send: the report said the gateway has it
    await api.app.get(OutreachService).deliver([Number(m.id)]);
    expect(gateway.requests.length).toBe(posts);
    expect(await stateOf(Number(m.id))).toBe('delivered');
  });
});
