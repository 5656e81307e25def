import { EscalationService } from '#enforcement';
import { DataSource } from 'typeorm';
import { makeCampaign, makeSmallCity } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

/**
 * Issue 13 §4: a 2027 campaign (1 Jan to 31 Dec) whose escalation window is 11-01 to 02-28 wraps the new year.
 * Its cutoffs (10th, 20th, 30th; the last day in February; 17:00 China = 09:00 UTC), by hand:
 *   window 2026-11-01..2027-02-28 clipped to the campaign → 2027-01-10, 01-20, 01-30, 02-10, 02-20, 02-28
 *   window 2027-11-01..2028-02-28 clipped to the campaign → 2027-11-10, 11-20, 11-30, 12-10, 12-20, 12-30
 * The small city has two districts (D1, D2): each cutoff is two runs.
 */
describe('escalation: a window across the new year', () => {
  let env: TestEnv;
  let api: TestApi;
  let ds: DataSource;
  let campaignId: number;
  let office: string;
  const dates = async (): Promise<{ d: string; runs: number; trigger: string }[]> =>
    ds.query(
      `SELECT to_char(cutoff_date, 'YYYY-MM-DD') AS d, count(*)::int AS runs, min(trigger) AS trigger FROM cutoff_run WHERE campaign_id = $1
        GROUP BY cutoff_date ORDER BY cutoff_date`,
      [campaignId],
    );
  const trigger = (cutoffDate: string) => api.as(office).post('/api/cutoff-runs').send({ campaignId, cutoffDate });

  beforeAll(async () => {
    env = await createTestEnv();
    env.clock.set('2027-01-05T02:00:00Z');
    api = await startApi(env);
    ds = api.ds;
    await makeSmallCity(ds);
    office = await api.login('office');
    ({ campaignId } = await makeCampaign(ds, {
      name: '2027 扩面征缴',
      startsOn: '2027-01-01',
      endsOn: '2027-12-31',
      settings: { escalationWindow: { from: '11-01', to: '02-28' }, escalationTime: '17:00', refusalThreshold: 3 },
    }));
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  it('accepts a trigger for 10 January 2027 once it is due, and refuses dates outside the window', async () => {
    const escalation = api.app.get(EscalationService);
    expect(await escalation.reconcile()).toEqual({ runs: 0 }); // 5 Jan: nothing due yet
    expect((await trigger('2027-01-10')).status).toBe(409); // a cutoff, but not due before 10 Jan 17:00
    env.clock.set('2027-01-10T10:00:00Z'); // 18:00 China
    const res = await trigger('2027-01-10');
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(2);
    expect((await trigger('2027-03-10')).status).toBe(400); // March is outside 11-01..02-28
    expect((await trigger('2027-01-31')).status).toBe(400); // the 31st is never a cutoff
  });

  it('the worker runs the rest of January and February, then November and December, and nothing of 2028', async () => {
    const escalation = api.app.get(EscalationService);
    env.clock.set('2027-03-01T02:00:00Z'); // down since 10 Jan: 01-20, 01-30, 02-10, 02-20, 02-28 are due, 2 districts each
    expect(await escalation.reconcile()).toEqual({ runs: 10 });
    env.clock.set('2027-10-31T02:00:00Z');
    expect(await escalation.reconcile()).toEqual({ runs: 0 });
    env.clock.set('2028-03-01T02:00:00Z'); // after the campaign: the six cutoffs of Nov and Dec 2027; none in 2028
    expect(await escalation.reconcile()).toEqual({ runs: 12 });
    const schedule = (d: string) => ({ d, runs: 2, trigger: 'schedule' });
    expect(await dates()).toEqual([
      { d: '2027-01-10', runs: 2, trigger: 'manual' },
      ...['2027-01-20', '2027-01-30', '2027-02-10', '2027-02-20', '2027-02-28'].map(schedule),
      ...['2027-11-10', '2027-11-20', '2027-11-30', '2027-12-10', '2027-12-20', '2027-12-30'].map(schedule),
    ]);
    expect(await escalation.reconcile()).toEqual({ runs: 0 });
  });
});
