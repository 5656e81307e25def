import { loginAs, Logins } from '../helpers/api-client';
import { makeCampaign, makeSmallCity, unitId } from '../helpers/factories';
import { expectSortRefused } from '../helpers/sorting';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

/**
 * Campaigns, tasks and allocations sort on the server (office of C1 sees them all):
 *   campaigns  甲 active from 1 Mar, 乙 draft from 1 Jan, 丙 closed from 1 Jan (ids in that order);
 *              startsOn asc: 乙 and 丙 tie on 1 Jan → the default order (newest id first) breaks it: 丙, 乙, 甲.
 *   tasks      of 甲: EP C1 100 due 31 Dec → D1 60 and D2 40 due 30 Jun; MED C1 80 due 30 Sep (no children).
 *   allocations of 甲: one on EP's C1 task (draft), one on MED's (submitted).
 */
describe('campaigns lists sort on the server', () => {
  let env: TestEnv;
  let api: TestApi;
  let logins: Logins;
  const c: Record<string, number> = {};
  let tasks: Record<string, Record<string, number>>;
  const alloc: Record<string, number> = {};

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    const jia = await makeCampaign(api.ds, {
      name: '甲',
      startsOn: '2026-03-01',
      indicators: [
        { code: 'EP', name: '养老新增参保' },
        { code: 'MED', name: '医保新增参保', insuranceType: 'medical' },
      ],
      tasks: {
        EP: {
          unit: 'C1',
          target: 100,
          children: [
            { unit: 'D1', target: 60, deadline: '2026-06-30' },
            { unit: 'D2', target: 40, deadline: '2026-06-30' },
          ],
        },
        MED: { unit: 'C1', target: 80, deadline: '2026-09-30' },
      },
    });
    c.jia = jia.campaignId;
    tasks = jia.taskIds;
    c.yi = (await makeCampaign(api.ds, { name: '乙', status: 'draft' })).campaignId;
    c.bing = (await makeCampaign(api.ds, { name: '丙', status: 'closed' })).campaignId;
    logins = await loginAs(api, ['office']);
    const [d1, d2] = [await unitId(api.ds, 'D1'), await unitId(api.ds, 'D2')];
    const ep = await logins
      .as('office')
      .post('/api/allocations')
      .send({ parentTaskId: tasks.EP.C1, lines: [{ childUnitId: d1, target: 100 }] });
    expect(ep.status).toBe(201);
    alloc.ep = ep.body.id;
    const med = await logins
      .as('office')
      .post('/api/allocations')
      .send({ parentTaskId: tasks.MED.C1, lines: [{ childUnitId: d2, target: 80 }] });
    expect(med.status).toBe(201);
    alloc.med = med.body.id;
    await logins.as('office').post(`/api/allocations/${alloc.med}/submit`).send({}).expect(200);
  });

  afterAll(async () => {
    await api?.close();
    await env?.drop();
  });

  const ids = async (path: string): Promise<number[]> => {
    const res = await logins.as('office').get(path).expect(200);
    return res.body.items.map((i: { id: number }) => i.id);
  };

  it('orders campaigns by start day and by status (draft, active, closed), ties by the default order', async () => {
    expect(await ids('/api/campaigns')).toEqual([c.bing, c.yi, c.jia]);
    expect(await ids('/api/campaigns?sort=startsOn&order=asc')).toEqual([c.bing, c.yi, c.jia]);
    expect(await ids('/api/campaigns?sort=startsOn&order=desc')).toEqual([c.jia, c.bing, c.yi]);
    expect(await ids('/api/campaigns?sort=status&order=asc')).toEqual([c.yi, c.jia, c.bing]);
    expect(await ids('/api/campaigns?sort=status')).toEqual([c.bing, c.jia, c.yi]); // desc when no order is given
    expect(await ids('/api/campaigns?sort=startsOn&order=asc&pageSize=2&page=2')).toEqual([c.jia]);
  });

  it('orders tasks by target and by deadline, ties by deadline then id', async () => {
    const { EP, MED } = tasks;
    expect(await ids('/api/tasks')).toEqual([EP.D1, EP.D2, MED.C1, EP.C1]);
    expect(await ids('/api/tasks?sort=target&order=asc')).toEqual([EP.D2, EP.D1, MED.C1, EP.C1]);
    expect(await ids('/api/tasks?sort=target&order=desc')).toEqual([EP.C1, MED.C1, EP.D1, EP.D2]);
    expect(await ids('/api/tasks?sort=deadline&order=desc')).toEqual([EP.C1, MED.C1, EP.D1, EP.D2]);
    expect(await ids('/api/tasks/mine?sort=target&order=asc')).toEqual([MED.C1, EP.C1]);
  });

  it('orders allocations by status (draft before submitted)', async () => {
    expect(await ids('/api/allocations')).toEqual([alloc.med, alloc.ep]);
    expect(await ids('/api/allocations?sort=status&order=asc')).toEqual([alloc.ep, alloc.med]);
    expect(await ids('/api/allocations?sort=status&order=desc')).toEqual([alloc.med, alloc.ep]);
  });

  it('refuses a key a list does not offer, or a direction other than asc/desc, naming the field in Chinese', async () => {
    for (const path of ['/api/campaigns', '/api/tasks', '/api/tasks/mine', '/api/allocations']) {
      expectSortRefused(await logins.as('office').get(`${path}?sort=id&order=up`));
    }
  });
});
