import { FakeSmsGateway, PlansService } from '#outreach';
import { INestApplicationContext } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv, waitFor } from '../helpers/test-app';
import { addPeople, countBy, makeOutreachCity, rounds } from './round-fixture';

const KEY = 'test-sms-key-plans';
const PEOPLE = 12;
const phoneOf = (i: number) => `137${40000000 + i}`;

jest.setTimeout(90000);

/**
 * Issue 20 point 3 (seed 003: lapsed contributors get at least three messages a year): the office plans three
 * rounds ahead; each starts by itself on its date. The worker is down over the first date and starts that round
 * when it comes back, once; two passes at once start a round once; quiet hours are the campaign's setting; the
 * office sees per person how many reminders they got this year.
 */
describe('reminder plans: rounds that start by themselves on their dates', () => {
  let env: TestEnv;
  let api: TestApi;
  let gateway: FakeSmsGateway;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    gateway = new FakeSmsGateway(KEY, { dedupe: false }); // a second send of any message would show as a second SMS
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

  const planRounds = async (planId: number) =>
    (await api.ds.query(
      `SELECT id, planned_for::text AS day, status, deadline::text AS deadline, created_by FROM reminder_round WHERE plan_id = $1 ORDER BY planned_for`,
      [planId],
    )) as { id: number; day: string; status: string; deadline: string; created_by: number | null }[];

  it('starts each planned round on its date, catches up once after the worker was down, and counts per person', async () => {
    const { token, campaignId, d1 } = await makeOutreachCity(api); // 2 March 2026, 10:00 in China
    await addPeople(api.ds, campaignId, 'V1', PEOPLE, '断缴', phoneOf);
    // quiet hours of this campaign: 21:00 to 07:30
    await api.ds.query(`UPDATE campaign SET settings = settings || '{"notices": {"quietUntil": "07:30"}}' WHERE id = $1`, [campaignId]);
    const r = rounds(api, token, campaignId);
    const body = {
      campaignId,
      name: '断缴续保提醒',
      orgUnitId: d1,
      targets: ['lapsed'],
      channel: 'sms',
      dates: ['2026-03-10', '2026-07-10', '2026-11-10'],
      amount: 3600,
      deadlineDays: 21,
      officePhone: '0571-88886666',
    };

    // bad plans are 400s naming the field
    const past = await r.office.post('/api/reminder-plans').send({ ...body, dates: ['2026-03-10', '2026-03-01'] });
    expect(past.status).toBe(400);
    expect(JSON.stringify(past.body)).toContain('dates[1]');
    const none = await r.office.post('/api/reminder-plans').send({ ...body, dates: undefined });
    expect(none.status).toBe(400);
    expect(JSON.stringify(none.body)).toContain('dates');
    const noDeadline = await r.office.post('/api/reminder-plans').send({ ...body, deadlineDays: undefined });
    expect(noDeadline.status).toBe(400);
    expect(JSON.stringify(noDeadline.body)).toContain('deadlineDays');

    const made = await r.office.post('/api/reminder-plans').send(body);
    expect(made.status).toBe(201);
    const planId = made.body.id as number;
    expect(made.body).toMatchObject({ active: true, rounds: 0, lastRoundOn: null, upcoming: ['2026-03-10', '2026-07-10', '2026-11-10'] });

    // a worker runs before the date: nothing is due
    worker = await startWorker(env);
    expect(await worker.get(PlansService).startDue()).toBe(0);
    await worker.close();
    worker = undefined;

    // the worker is down over 10 March and comes back on 12 March at 10:00: its start-up pass starts the round, once
    env.clock.set('2026-03-12T02:00:00Z');
    expect(await planRounds(planId)).toEqual([]);
    worker = await startWorker(env);
    const march = (await waitFor(async () => (await planRounds(planId))[0] ?? null, 20000))!;
    expect(march).toMatchObject({ day: '2026-03-10', deadline: '2026-03-31', created_by: null });
    const first = await r.settled(march.id);
    expect(first.totals).toMatchObject({ total: PEOPLE, delivered: PEOPLE });
    // more passes (this worker's and the API's at once) start nothing again
    expect(await Promise.all([worker.get(PlansService).startDue(), api.app.get(PlansService).startDue()])).toEqual([0, 0]);
    expect((await planRounds(planId)).length).toBe(1);
    const listed = await r.office.get(`/api/reminder-plans?campaignId=${campaignId}`);
    expect(listed.body).toMatchObject({ total: 1, items: [{ id: planId, rounds: 1, lastRoundOn: '2026-03-10', upcoming: ['2026-07-10', '2026-11-10'] }] });

    // 10 July at 10:00: two passes at once (two workers) make and start the round once
    env.clock.set('2026-07-10T02:00:00Z');
    const both = await Promise.all([worker.get(PlansService).startDue(), api.app.get(PlansService).startDue()]);
    expect(both.sort()).toEqual([0, 1]);
    const july = (await planRounds(planId))[1];
    expect(july).toMatchObject({ day: '2026-07-10', deadline: '2026-07-31' });
    expect((await r.settled(july.id)).totals).toMatchObject({ total: PEOPLE, delivered: PEOPLE });

    // 10 November at 21:30: the round starts and its SMS wait for the campaign's quiet hours to end at 07:30
    env.clock.set('2026-11-10T13:30:00Z');
    expect(await api.app.get(PlansService).startDue()).toBe(1);
    const november = (await planRounds(planId))[2];
    await waitFor(async () => {
      const [{ held }] = await api.ds.query(`SELECT count(*)::int AS held FROM outreach_message WHERE round_id = $1 AND held_until = '2026-11-10T23:30:00Z'`, [
        november.id,
      ]);
      return held === PEOPLE;
    }, 20000);
    expect(gateway.messages.length).toBe(2 * PEOPLE);
    env.clock.set('2026-11-10T23:30:01Z'); // 07:30:01 on 11 November
    expect((await r.settled(november.id)).totals).toMatchObject({ total: PEOPLE, delivered: PEOPLE });

    // every person got each round once: three SMS each
    const perPhone = countBy(gateway.messages, (m) => m.to);
    expect(perPhone.size).toBe(PEOPLE);
    expect([...perPhone.values()].filter((n) => n !== 3)).toEqual([]);
    // the office sees per person how many they got this year: 3 each, so nobody is below 3, everyone listed with all=true
    const below = await r.office.get(`/api/reminder-counts?campaignId=${campaignId}`);
    expect(below.body).toMatchObject({ total: 0, year: 2026, below: 3 });
    const all = await r.office.get(`/api/reminder-counts?campaignId=${campaignId}&all=true&pageSize=50`);
    expect(all.body).toMatchObject({ total: PEOPLE, below: null });
    expect(all.body.items.map((p: { remindersThisYear: number }) => p.remindersThisYear)).toEqual(Array(PEOPLE).fill(3));
    // the plan is done: no date left
    const done = await r.office.get(`/api/reminder-plans/${planId}`);
    expect(done.body).toMatchObject({ rounds: 3, lastRoundOn: '2026-11-10', upcoming: [] });
    const cancelled = await r.office.post(`/api/reminder-plans/${planId}/cancel`);
    expect(cancelled.body).toMatchObject({ active: false });
  });
  it('a plan with two target groups messages a person in both once on the date', async () => {
    const token = await api.login('office');
    const [{ id: campaignId }] = await api.ds.query(`SELECT id FROM campaign ORDER BY id LIMIT 1`);
    const [{ id: d1 }] = await api.ds.query(`SELECT id FROM org_unit WHERE code = 'D1'`);
    const r = rounds(api, token, campaignId);
    // the lapsed people of V1 are not visited either: each is in both groups
    const [{ both }] = await api.ds.query(
      `SELECT count(*)::int AS both FROM registry_person WHERE campaign_id = $1 AND source_group = 'lapsed_contributor' AND visit_count = 0`,
      [campaignId],
    );
    expect(both).toBe(PEOPLE);
    env.clock.set('2026-11-12T02:00:00Z'); // Thursday 12 November, 10:00 in China
    const made = await r.office.post('/api/reminder-plans').send({
      campaignId,
      name: '年底提醒',
      orgUnitId: d1,
      targets: ['lapsed', 'not_visited'],
      channel: 'sms',
      dates: ['2026-11-13'],
      amount: 3600,
      deadlineDays: 21,
      officePhone: '0571-88886666',
    });
    expect(made.status).toBe(201);
    const sent = gateway.messages.length;
    env.clock.set('2026-11-13T02:00:00Z'); // Friday 13 November, 10:00
    await api.app.get(PlansService).startDue();
    const pair = (await waitFor(async () => {
      const rows = await planRounds(made.body.id);
      return rows.length === 2 ? rows : null;
    }, 20000))!;
    for (const round of pair) await r.settled(round.id);
    const perRound = await api.ds.query(
      `SELECT r.target, count(m.id)::int AS n, count(DISTINCT m.person_id)::int AS people FROM reminder_round r LEFT JOIN outreach_message m ON m.round_id = r.id
        WHERE r.plan_id = $1 GROUP BY r.target ORDER BY r.target`,
      [made.body.id],
    );
    // one round messaged everybody, its sibling nobody (whichever expanded first)
    expect(perRound.map((x: { n: number }) => x.n).sort((a: number, b: number) => a - b)).toEqual([0, PEOPLE]);
    await waitFor(async () => (gateway.messages.length >= sent + PEOPLE ? true : null), 20000);
    await new Promise((res) => setTimeout(res, 1000));
    const today = countBy(gateway.messages.slice(sent), (m) => m.to);
    expect(today.size).toBe(PEOPLE);
    expect([...today.values()].filter((n) => n !== 1)).toEqual([]);
  });
});
