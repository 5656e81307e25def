import { FakeSmsGateway } from '#notices';
import { INestApplicationContext } from '@nestjs/common';
import { makeSmallCity, unitId } from '../helpers/factories';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv, waitFor } from '../helpers/test-app';

const KEY = 'test-sms-key-456';
const RATE = 20;
const PEOPLE = 80;

describe('SMS rate limit across two workers', () => {
  let env: TestEnv;
  let api: TestApi;
  let gateway: FakeSmsGateway;
  const workers: INestApplicationContext[] = [];

  beforeAll(async () => {
    gateway = new FakeSmsGateway(KEY);
    env = await createTestEnv({ SMS_GATEWAY_URL: await gateway.start(), SMS_GATEWAY_KEY: KEY, SMS_RATE_PER_SECOND: String(RATE) });
    api = await startApi(env);
    await makeSmallCity(api.ds);
    await api.ds.query(
      `INSERT INTO campaign (org_unit_id, name, starts_on, ends_on) SELECT id, '扩面', '2026-01-01', '2026-12-31' FROM org_unit WHERE code = 'C1'`,
    );
    await api.ds.query(
      `INSERT INTO registry_person (campaign_id, org_unit_id, org_unit_path, id_number, name, sex, birth_date, phone, source_group, status)
       SELECT c.id, u.id, u.path, 'P' || i, '居民' || i, 'F', '1980-01-01', '138' || (10000000 + i), 'other', 'will_enrol'
         FROM generate_series(1, $1) i, campaign c, org_unit u WHERE u.code = 'V3'`,
      [PEOPLE],
    );
    workers.push(await startWorker(env), await startWorker(env));
  });
  afterAll(async () => {
    for (const w of workers) await w.close();
    await api.close();
    await gateway.stop();
    await env.drop();
  });

  it(`sends at most ${RATE} SMS per second in total`, async () => {
    const token = await api.login('office');
    const [{ id: campaignId }] = await api.ds.query(`SELECT id FROM campaign`);
    const plan = await api
      .http()
      .post('/api/reminder-rounds')
      .set({ Authorization: `Bearer ${token}` })
      .send({
        campaignId,
        name: '限速',
        orgUnitId: await unitId(api.ds, 'D2'),
        target: 'will_enrol',
        channel: 'sms',
        plannedFor: '2026-03-02',
        deadline: '2026-03-31',
        officePhone: '0571-88886666',
      });
    expect(plan.status).toBe(201);
    const t0 = Date.now();
    await api
      .http()
      .post(`/api/reminder-rounds/${plan.body.id}/start`)
      .set({ Authorization: `Bearer ${token}` })
      .expect(200);
    await waitFor(async () => gateway.messages.length === PEOPLE, 30000);
    const elapsed = Date.now() - t0;
    // 80 messages at 20/s fill four one-second windows; the first window may start late in its second,
    // so the sending spans at least three window boundaries after that: more than two seconds
    expect(elapsed).toBeGreaterThan((PEOPLE / RATE - 2) * 1000);
    // per wall-clock second at the gateway: never more than the rate (+1 for a request crossing a second boundary)
    const perSecond = new Map<number, number>();
    for (const r of gateway.requests) perSecond.set(Math.floor(r.at / 1000), (perSecond.get(Math.floor(r.at / 1000)) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(RATE + 1);
    expect(new Set(gateway.messages.map((m) => m.to)).size).toBe(PEOPLE);
  }, 60000);
});
