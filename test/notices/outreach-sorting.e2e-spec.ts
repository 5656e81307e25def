import { Requests } from '../helpers/api-client';
import { expectSortRefused } from '../helpers/sorting';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';
import { addPeople, makeOutreachCity, rounds } from './round-fixture';

/**
 * Reminder rounds, a round's messages and reminder counts sort on the server. People p1..p3 of V1 (lapsed);
 * rounds r1 (15 Mar, planned), r2 (10 Mar, running), r3 (15 Mar, finished), in that id order.
 * Messages of r1: p1 sent (2 attempts), p2 queued (0), p3 failed (2); of r2: p1 and p3 sent.
 * Reminders sent this year: p1 2, p3 1, p2 0.
 */
describe('outreach lists sort on the server', () => {
  let env: TestEnv;
  let api: TestApi;
  let office: Requests;
  let campaignId: number;
  const r: Record<string, number> = {};

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    const city = await makeOutreachCity(api);
    campaignId = city.campaignId;
    await addPeople(api.ds, campaignId, 'V1', 3, 'p', (i) => `1380000000${i}`);
    const calls = rounds(api, city.token, campaignId);
    office = calls.office;
    const body = { orgUnitId: city.d1, target: 'lapsed', channel: 'sms' };
    r.r1 = await calls.plan({ ...body, name: '一' });
    r.r2 = await calls.plan({ ...body, name: '二', plannedFor: '2026-03-10' });
    r.r3 = await calls.plan({ ...body, name: '三' });
    await api.ds.query(`UPDATE reminder_round SET status = CASE id WHEN $1 THEN 'running' ELSE 'finished' END WHERE id IN ($1, $2)`, [r.r2, r.r3]);
    const message = (round: number, person: string, state: string, attempts: number) =>
      api.ds.query(
        `INSERT INTO outreach_message (round_id, person_id, channel, state, attempts, sent_at)
         SELECT $1, id, 'sms', $3, $4, CASE WHEN $3 = 'sent' THEN timestamptz '2026-03-01T10:00:00+08:00' END FROM registry_person WHERE name = $2`,
        [round, person, state, attempts],
      );
    await message(r.r1, 'p1', 'sent', 2);
    await message(r.r1, 'p2', 'queued', 0);
    await message(r.r1, 'p3', 'failed', 2);
    await message(r.r2, 'p1', 'sent', 1);
    await message(r.r2, 'p3', 'sent', 1);
  });

  afterAll(async () => {
    await api?.close();
    await env?.drop();
  });

  const column = async (path: string, field: string): Promise<unknown[]> => {
    const res = await office.get(path).expect(200);
    return res.body.items.map((i: Record<string, unknown>) => i[field]);
  };

  it('orders rounds by planned day and by status (planned, running, finished), ties by planned day then id', async () => {
    expect(await column('/api/reminder-rounds', 'id')).toEqual([r.r2, r.r1, r.r3]);
    expect(await column('/api/reminder-rounds?sort=plannedFor&order=desc', 'id')).toEqual([r.r1, r.r3, r.r2]);
    expect(await column('/api/reminder-rounds?sort=status&order=asc', 'id')).toEqual([r.r1, r.r2, r.r3]);
    expect(await column('/api/reminder-rounds?sort=status&order=desc', 'id')).toEqual([r.r3, r.r2, r.r1]);
  });

  it("orders a round's messages by state in its own order, attempts and name, ties by id", async () => {
    const messages = (q: string) => column(`/api/reminder-rounds/${r.r1}/messages${q}`, 'name');
    expect(await messages('')).toEqual(['p1', 'p2', 'p3']);
    expect(await messages('?sort=state&order=asc')).toEqual(['p2', 'p1', 'p3']);
    expect(await messages('?sort=state&order=desc')).toEqual(['p3', 'p1', 'p2']);
    expect(await messages('?sort=attempts&order=desc')).toEqual(['p1', 'p3', 'p2']);
    expect(await messages('?sort=attempts&order=asc')).toEqual(['p2', 'p1', 'p3']);
    expect(await messages('?sort=name&order=desc')).toEqual(['p3', 'p2', 'p1']);
  });

  it('orders reminder counts by the count and by name', async () => {
    const counts = (q: string) => column(`/api/reminder-counts?campaignId=${campaignId}&year=2026${q}`, 'name');
    expect(await counts('')).toEqual(['p2', 'p3', 'p1']);
    expect(await counts('&sort=remindersThisYear&order=desc')).toEqual(['p1', 'p3', 'p2']);
    expect(await counts('&sort=name&order=asc')).toEqual(['p1', 'p2', 'p3']);
    expect(await column(`/api/reminder-counts?campaignId=${campaignId}&year=2026&sort=remindersThisYear&order=desc`, 'remindersThisYear')).toEqual([2, 1, 0]);
  });

  it('refuses a key a list does not offer, or a direction other than asc/desc, naming the field in Chinese', async () => {
    expectSortRefused(await office.get('/api/reminder-rounds?sort=id&order=up'));
    expectSortRefused(await office.get(`/api/reminder-rounds/${r.r1}/messages?sort=phone&order=up`));
    expectSortRefused(await office.get(`/api/reminder-counts?campaignId=${campaignId}&sort=phone&order=up`));
  });
});
