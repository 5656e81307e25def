import { ChannelRateLimiter, FakeSmsGateway } from '#outreach';
import { INestApplicationContext } from '@nestjs/common';
import { makeCampaign, makeSmallCity, unitId } from '../helpers/factories';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv, waitFor } from '../helpers/test-app';

const KEY = 'test-sms-key-456';
const RATE = 40;
const PEOPLE = 200; // two deliver jobs (100 messages each), so both workers can take one

describe('SMS rate limit across two workers', () => {
  let env: TestEnv;
  let api: TestApi;
  let gateway: FakeSmsGateway;
  const workers: INestApplicationContext[] = [];
  /** The wall-clock second whose budget each send used, across both workers. */
  const grants: number[] = [];

  beforeAll(async () => {
    gateway = new FakeSmsGateway(KEY);
    env = await createTestEnv({ SMS_GATEWAY_URL: await gateway.start(), SMS_GATEWAY_KEY: KEY, SMS_RATE_PER_SECOND: String(RATE) });
    api = await startApi(env);
    await makeSmallCity(api.ds);
    await makeCampaign(api.ds, { name: '扩面', status: 'draft' });
    await api.ds.query(
      `INSERT INTO registry_person (campaign_id, org_unit_id, org_unit_path, id_number, name, sex, birth_date, phone, source_group, status)
       SELECT c.id, u.id, u.path, 'P' || i, '居民' || i, 'F', '1980-01-01', '138' || (10000000 + i), 'other', 'will_enrol'
         FROM generate_series(1, $1) i, campaign c, org_unit u WHERE u.code = 'V3'`,
      [PEOPLE],
    );
    workers.push(await startWorker(env), await startWorker(env));
    for (const w of workers) {
      const limiter = w.get(ChannelRateLimiter);
      const acquire = limiter.acquire.bind(limiter);
      jest.spyOn(limiter, 'acquire').mockImplementation(async (channel, perSecond, want) => {
        const grant = await acquire(channel, perSecond, want);
        for (let i = 0; i < grant.granted; i++) grants.push(grant.second);
        return grant;
      });
    }
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
      .as(token)
      .post('/api/reminder-rounds')
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
    await api.as(token).post(`/api/reminder-rounds/${plan.body.id}/start`).expect(200);
    await waitFor(async () => gateway.messages.length === PEOPLE, 30000);
    expect(new Set(gateway.messages.map((m) => m.to)).size).toBe(PEOPLE);
    // Counted where the limit is enforced, by the second whose budget each send used (the gateway's
    // arrival times drift into the next second under load): never more than RATE in any second, and
    // every send granted was made (a batch asks only for the sends it has left).
    expect(grants.length).toBe(PEOPLE);
    const perSecond = new Map<number, number>();
    for (const s of grants) perSecond.set(s, (perSecond.get(s) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(RATE);
  }, 60000);
});
