import { rowsOf } from '#core';
import { FakeSmsGateway, messageRef, OutreachService, RoundResumeService } from '#outreach';
import { INestApplicationContext } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { makeCampaign, makeSmallCity, unitId } from '../helpers/factories';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv, waitFor } from '../helpers/test-app';

const KEY = 'test-sms-key-123';
const PEOPLE = 300;
const INVALID = 7; // phone 1234567: the gateway refuses it for good
const UNDELIVERABLE = 8; // phone ends 0000: accepted, then reported undeliverable
const BUSY = 9; // gateway answers 429 twice, then accepts

jest.setTimeout(90000);

describe('notices to the public: rounds, SMS gateway, delivery tracking', () => {
  let env: TestEnv;
  let api: TestApi;
  let gateway: FakeSmsGateway;
  let token: string;
  let campaignId: number;
  let d1: number;
  let d2: number;
  const workers: INestApplicationContext[] = [];
  const phoneOf = (i: number) => (i === INVALID ? '1234567' : i === UNDELIVERABLE ? '13900000000' : `139${String(10000000 + i)}`);

  beforeAll(async () => {
    gateway = new FakeSmsGateway(KEY);
    const url = await gateway.start();
    env = await createTestEnv({ SMS_GATEWAY_URL: url, SMS_GATEWAY_KEY: KEY, SMS_RATE_PER_SECOND: '1000' });
    api = await startApi(env);
    await api.app.listen(0, '127.0.0.1');
    gateway.behave({ reportUrl: `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}/api/sms-gateway/reports` });
    await makeSmallCity(api.ds);
    token = await api.login('office');
    d1 = await unitId(api.ds, 'D1');
    d2 = await unitId(api.ds, 'D2');
    ({ campaignId } = await makeCampaign(api.ds, { name: '2026年扩面' }));
    // 300 lapsed contributors in V1/V2 (D1), 20 people who will enrol in V3 (D2)
    const people: unknown[][] = [];
    for (let i = 1; i <= PEOPLE; i++)
      people.push([`1101011990${String(100000 + i).slice(1)}${i % 10}`, `居民${i}`, phoneOf(i), i % 2 ? 'V1' : 'V2', 'lapsed_contributor', 'pending']);
    for (let i = 1; i <= 20; i++)
      people.push([`3301011985${String(100000 + i).slice(1)}${i % 10}`, `村民${i}`, `137${String(10000000 + i)}`, 'V3', 'other', 'will_enrol']);
    await api.ds.query(
      `INSERT INTO registry_person (campaign_id, org_unit_id, org_unit_path, id_number, name, sex, birth_date, phone, source_group, status)
       SELECT $1, u.id, u.path, x->>0, x->>1, 'M', '1990-01-01', x->>2, x->>4, x->>5 FROM jsonb_array_elements($2::jsonb) x JOIN org_unit u ON u.code = x->>3`,
      [campaignId, JSON.stringify(people)],
    );
    gateway.script(phoneOf(BUSY), [429, 429]);
  });
  afterAll(async () => {
    for (const w of workers) await w.close().catch(() => undefined);
    await api.close();
    await gateway.stop();
    await env.drop();
  });

  const plan = async (body: object) => {
    const res = await api
      .as(token)
      .post('/api/reminder-rounds')
      .send({ campaignId, channel: 'sms', plannedFor: '2026-03-15', amount: 3600, deadline: '2026-03-31', officePhone: '0571-88886666', ...body });
    expect(res.status).toBe(201);
    return res.body.id as number;
  };
  const round = async (id: number) => (await api.as(token).get(`/api/reminder-rounds/${id}`)).body;
  const refsOf = async (roundId: number) =>
    new Set<string>(
      (await api.ds.query(`SELECT id, ref_token::text AS ref_token FROM outreach_message WHERE round_id = $1`, [roundId])).map(
        (r: { id: string; ref_token: string }) => messageRef(r.id, 0, r.ref_token),
      ),
    );
  /** Gateway-accepted messages of a round, per phone. */
  const perPhone = async (roundId: number) => {
    const refs = await refsOf(roundId);
    const counts = new Map<string, number>();
    for (const m of gateway.messages) if (refs.has(m.ref.replace(/-r\d+(?=-)/, ''))) counts.set(m.to, (counts.get(m.to) ?? 0) + 1);
    return counts;
  };
  const settled = (id: number, expectDone = true) =>
    waitFor(async () => {
      const r = await round(id);
      return r.totals.queued === 0 && r.totals.sending === 0 && r.totals.sent === 0 && (!expectDone || r.status === 'finished') ? r : null;
    }, 40000);

  it('refuses a template with an unknown variable and previews a good one', async () => {
    const bad = await api.as(token).put('/api/notice-templates/reminder.custom').send({ name: '自定义', body: '{{name}}您好，请缴纳{{fee}}元' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual([
      {
        field: 'body',
        message:
          '模板中有未知的变量 {{fee}}，可用的变量为 {{name}}、{{amount}}、{{deadline}}、{{officePhone}}（unknown variable {{fee}}; allowed: {{name}}, {{amount}}, {{deadline}}, {{officePhone}}）',
      },
    ]);
    const ok = await api
      .as(token)
      .put('/api/notice-templates/reminder.custom')
      .send({ name: '自定义', body: '{{name}}您好，请于{{deadline}}前缴纳{{amount}}元。' });
    expect(ok.status).toBe(200);
    expect(ok.body.variables).toEqual(['name', 'deadline', 'amount']);
    const pv = await api
      .as(token)
      .post('/api/notice-templates/reminder.custom/preview')
      .send({ values: { name: '王五' } });
    expect(pv.body.text).toBe('王五您好，请于2026年3月31日前缴纳3600元。');
    const lapsed = await api.as(token).post('/api/notice-templates/reminder.lapsed/preview').send({});
    expect(lapsed.body.text).toBe(
      '张三您好：您的养老保险已中断缴费，本年度个人缴费标准为3600元，请于2026年3月31日前续缴，以免影响待遇。咨询电话0571-88886666。',
    );
    // a round whose template needs a value it does not give is refused when planned
    const noAmount = await api.as(token).post('/api/reminder-rounds').send({
      campaignId,
      name: 'x',
      orgUnitId: d1,
      target: 'lapsed',
      channel: 'sms',
      plannedFor: '2026-03-15',
      deadline: '2026-03-31',
      officePhone: '0571-88886666',
    });
    expect(noAmount.status).toBe(400);
    expect(noAmount.body.fields[0].field).toBe('amount');
  });

  it('round 1: a few hundred people get exactly one message each; 429 retried then delivered; an invalid number fails once', async () => {
    const id = await plan({ name: '三月断缴提醒', orgUnitId: d1, target: 'lapsed' });
    workers.push(await startWorker(env));
    expect((await api.as(token).post(`/api/reminder-rounds/${id}/start`)).status).toBe(200);
    const r = await settled(id);
    expect(r.totals).toMatchObject({ total: PEOPLE, delivered: PEOPLE - 2, failed: 2, skipped: 0 });
    const counts = await perPhone(id);
    expect(counts.size).toBe(PEOPLE - 1); // the invalid number never got through
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(gateway.requestsTo(phoneOf(BUSY)).map((q) => q.status)).toEqual([429, 429, 200]);
    expect(gateway.requestsTo(phoneOf(INVALID)).map((q) => q.status)).toEqual([400]);
    const failed = (await api.as(token).get(`/api/reminder-rounds/${id}/messages?state=failed`)).body.items;
    expect(failed.map((m: { name: string; failureReason: string }) => [m.name, m.failureReason])).toEqual([
      [`居民${INVALID}`, '网关拒收（INVALID_NUMBER: 1234567 is not a mobile number）'],
      [`居民${UNDELIVERABLE}`, '未送达：空号 (number does not exist)'],
    ]);
    const all = (await api.as(token).get(`/api/reminder-rounds/${id}/messages?pageSize=500`)).body.items;
    const first = all.find((m: { name: string }) => m.name === '居民1');
    expect(first).toMatchObject({
      state: 'delivered',
      phone: '139****0001',
      body: '居民1您好：您的养老保险已中断缴费，本年度个人缴费标准为3600元，请于2026年3月31日前续缴，以免影响待遇。咨询电话0571-88886666。',
    });
    expect(gateway.messages.find((m) => m.to === phoneOf(1))!.text).toMatch(/^【云帆人社】居民1您好/);

    // resend the failed ones: the undeliverable one once more, the invalid number not at all
    const resend = await api.as(token).post(`/api/reminder-rounds/${id}/resend-failed`);
    expect(resend.body).toEqual({ resent: 1, permanent: 1 });
    const again = await settled(id);
    expect(again.totals).toMatchObject({ delivered: PEOPLE - 2, failed: 2 });
    expect(gateway.requestsTo(phoneOf(UNDELIVERABLE)).length).toBe(2);
    expect(gateway.requestsTo(phoneOf(INVALID)).length).toBe(1);
    // a finished round cannot be started again
    const restart = await api.as(token).post(`/api/reminder-rounds/${id}/start`);
    expect([restart.status, restart.body.error]).toEqual([409, 'ROUND_FINISHED']);
  });

  it('round 2: two workers, restarted twice: still exactly one each', async () => {
    const id = await plan({ name: '六月断缴提醒', orgUnitId: d1, target: 'lapsed' });
    gateway.behave({ reportBeforeAnswer: true }); // every delivery report now overtakes the gateway's answer
    workers.push(await startWorker(env));
    expect(workers.length).toBe(2);
    await api.as(token).post(`/api/reminder-rounds/${id}/start`).expect(200);
    // restarts as if a minute apart (a start within REPEAT_WINDOW_MS of the last is the same click); the
    // clock stays, so that no claim of the running workers turns stale
    const aMinuteLater = () => api.ds.query(`UPDATE reminder_round SET last_started_at = last_started_at - interval '61 seconds' WHERE id = $1`, [id]);
    await aMinuteLater();
    await api.as(token).post(`/api/reminder-rounds/${id}/start`).expect(200);
    await aMinuteLater();
    await api.as(token).post(`/api/reminder-rounds/${id}/start`).expect(200);
    expect((await api.ds.query(`SELECT starts FROM reminder_round WHERE id = $1`, [id]))[0].starts).toBe(3);
    const r = await settled(id);
    expect(r.totals).toMatchObject({ total: PEOPLE, delivered: PEOPLE - 2, failed: 2 });
    const counts = await perPhone(id);
    expect(counts.size).toBe(PEOPLE - 1);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    // no second request for any ref of this round either
    const refs = await refsOf(id);
    const reqs = gateway.requests.filter((q) => refs.has(q.ref) && q.status === 200);
    expect(reqs.length).toBe(PEOPLE - 1);
    // the report that came first keeps its outcome and its reason
    const failed = (await api.as(token).get(`/api/reminder-rounds/${id}/messages?state=failed`)).body.items;
    expect(failed.map((m: { name: string; failureReason: string }) => [m.name, m.failureReason])).toEqual([
      [`居民${INVALID}`, '网关拒收（INVALID_NUMBER: 1234567 is not a mobile number）'],
      [`居民${UNDELIVERABLE}`, '未送达：空号 (number does not exist)'],
    ]);
    gateway.behave({ reportBeforeAnswer: false });
  });

  it('round 3: a worker dies mid-round; a restarted worker finishes it with one message each', async () => {
    for (const w of workers.splice(0)) await w.close();
    const id = await plan({ name: '九月断缴提醒', orgUnitId: d1, target: 'lapsed' });
    // the round expands while no worker runs; then a worker "dies" after claiming 40 messages, 15 of which reached the gateway
    await api.as(token).post(`/api/reminder-rounds/${id}/start`).expect(200);
    const svc = api.app.get(OutreachService);
    await svc.expand(id);
    // an UPDATE ... RETURNING answers [rows, count] through ds.query: rowsOf takes the rows
    const claimed: { id: string; ref_token: string; phone: string }[] = rowsOf(
      await api.ds.query(
        `UPDATE outreach_message m SET state = 'sending', claimed_at = $2, attempts = 1 FROM registry_person p
        WHERE p.id = m.person_id AND m.id IN (SELECT id FROM outreach_message WHERE round_id = $1 ORDER BY id LIMIT 40 OFFSET 20) RETURNING m.id, m.ref_token::text AS ref_token, p.phone`,
        [id, new Date(env.clock.now().getTime() - 5 * 60 * 1000)],
      ),
    );
    expect(claimed).toHaveLength(40);
    for (const c of claimed.slice(0, 15)) {
      await fetch(`${gateway.url}/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': KEY },
        body: JSON.stringify({ to: c.phone, text: 'x', ref: messageRef(c.id, 0, c.ref_token) }),
      });
    }
    const w = await startWorker(env);
    workers.push(w);
    await api.as(token).post(`/api/reminder-rounds/${id}/start`).expect(200);
    const r = await settled(id);
    expect(r.totals).toMatchObject({ total: PEOPLE, delivered: PEOPLE - 2, failed: 2, sending: 0 });
    const counts = await perPhone(id);
    expect(counts.size).toBe(PEOPLE - 1);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('holds a 21:30 send until 08:00 next day, and skips a person who enrolled meanwhile', async () => {
    env.clock.set('2026-03-02T13:30:00Z'); // 21:30 Shanghai
    const id = await plan({ name: '夜间计划', orgUnitId: d2, target: 'will_enrol' });
    await api.as(token).post(`/api/reminder-rounds/${id}/start`).expect(200);
    await waitFor(
      async () => (await api.ds.query(`SELECT count(*)::int AS n FROM outreach_message WHERE round_id = $1 AND held_until IS NOT NULL`, [id]))[0].n === 20,
    );
    const held = await api.ds.query(`SELECT DISTINCT held_until, state FROM outreach_message WHERE round_id = $1`, [id]);
    expect(held).toEqual([{ held_until: new Date('2026-03-03T00:00:00Z'), state: 'queued' }]);
    expect((await perPhone(id)).size).toBe(0);
    await api.ds.query(`UPDATE registry_person SET status = 'enrolled' WHERE name = '村民3'`);
    env.clock.set('2026-03-02T23:59:00Z'); // 07:59: still held
    await workers[0].get(RoundResumeService).reconcileOnce(); // the worker's pass that releases held messages
    expect(await api.ds.query(`SELECT count(*)::int AS n FROM outreach_message WHERE round_id = $1 AND held_until IS NOT NULL`, [id])).toEqual([{ n: 20 }]);
    expect((await perPhone(id)).size).toBe(0);
    env.clock.set('2026-03-03T00:00:00Z'); // 08:00
    const r = await settled(id);
    expect(r.totals).toMatchObject({ total: 20, delivered: 19, skipped: 1 });
    const sentAt = await api.ds.query(`SELECT min(sent_at) AS t FROM outreach_message WHERE round_id = $1`, [id]);
    expect(sentAt[0].t).toEqual(new Date('2026-03-03T00:00:00Z'));
    env.clock.set('2026-03-02T02:00:00Z');
  });

  it('counts reminders per person this year and lists those below three', async () => {
    const persons: { id: string; name: string }[] = await api.ds.query(`SELECT id, name FROM registry_person ORDER BY id`);
    const pid = (name: string) => Number(persons.find((p) => p.name === name)!.id);
    expect((await api.as(token).get(`/api/reminder-counts/${pid('居民1')}`)).body).toEqual({ personId: pid('居民1'), year: 2026, remindersThisYear: 3 });
    const list = await api.as(token).get(`/api/reminder-counts?campaignId=${campaignId}&below=3&pageSize=100`);
    expect(list.status).toBe(200);
    // the invalid and the undeliverable number got none; 19 villagers got one; 村民3 enrolled and is not listed
    expect(list.body.total).toBe(21);
    expect(list.body.items.slice(0, 2).map((p: { name: string; remindersThisYear: number }) => [p.name, p.remindersThisYear])).toEqual([
      [`居民${INVALID}`, 0],
      [`居民${UNDELIVERABLE}`, 0],
    ]);
    expect(list.body.items.filter((p: { remindersThisYear: number }) => p.remindersThisYear === 1).length).toBe(19);
    expect(list.body.items[2].phone).toMatch(/^137\*\*\*\*\d{4}$/);
    expect((await api.as(token).get(`/api/reminder-counts?campaignId=${campaignId}&below=1`)).body.total).toBe(2);
    // scope: a village manager may not read rounds at all
    const v1 = await api.login('v1mgr');
    expect((await api.as(v1).get(`/api/reminder-counts?campaignId=${campaignId}`)).status).toBe(403);
  });

  it('accepts delivery reports only with the gateway key', async () => {
    const res = await api.http().post('/api/sms-gateway/reports').set({ 'x-api-key': 'wrong-key' }).send({ ref: 'om-1', status: 'DELIVERED' });
    expect(res.status).toBe(401);
  });

  it('holds a message whose turn comes after 21:00 even though its batch was claimed before', async () => {
    for (const w of workers.splice(0)) await w.close();
    env.clock.set('2026-03-02T12:59:50Z'); // 20:59:50 Shanghai
    const id = await plan({ name: '临界批次', orgUnitId: d2, target: 'will_enrol' });
    await api.as(token).post(`/api/reminder-rounds/${id}/start`).expect(200);
    const svc = api.app.get(OutreachService);
    await svc.expand(id);
    const ids: number[] = (await api.ds.query(`SELECT id FROM outreach_message WHERE round_id = $1 AND state = 'queued' ORDER BY id`, [id])).map(
      (r: { id: string }) => Number(r.id),
    );
    expect(ids).toHaveLength(19); // 村民3 enrolled earlier
    // the batch is claimed at 20:59:50; by each message's turn it is 21:00:05
    const now = jest
      .spyOn(env.clock, 'now')
      .mockImplementationOnce(() => new Date('2026-03-02T12:59:50Z'))
      .mockImplementation(() => new Date('2026-03-02T13:00:05Z'));
    try {
      await svc.deliver(ids);
    } finally {
      now.mockRestore();
    }
    expect((await perPhone(id)).size).toBe(0);
    const held = await api.ds.query(`SELECT state, held_until, count(*)::int AS n FROM outreach_message WHERE round_id = $1 GROUP BY 1, 2`, [id]);
    expect(held).toEqual([{ state: 'queued', held_until: new Date('2026-03-03T00:00:00Z'), n: 19 }]);
    env.clock.set('2026-03-02T02:00:00Z');
  });
});
