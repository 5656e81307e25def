import { EscalationService } from '#enforcement';
import { makeCampaign, makeSmallCity } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

/**
 * Issue 20 / seed 002: the 10th, 20th and 30th stay the cutoffs on days off; with escalation.submissionNoticeOnWorkingDay
 * the office's submission notice waits for the next working day. October 2027: Sunday 10 Oct, Wednesday 20 Oct,
 * Saturday 30 Oct (the calendar file's 2027).
 */
describe('cutoffs on days off, and the submission notice held for the next working day', () => {
  let env: TestEnv;
  let api: TestApi;

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  const notices = async (campaignName: string) =>
    (
      await api.ds.query(
        `SELECT o.run_at, n->>'dedupeKey' AS key, n->>'body' AS body
           FROM outbox o, jsonb_array_elements(o.payload::jsonb->'notices') n
          WHERE o.job_name = 'notices.create' AND n->>'kind' = 'escalation.submission'
            AND n->>'dedupeKey' LIKE 'escalation-submission-%'
            AND (n->>'linkId')::bigint IN (SELECT r.id FROM cutoff_run r JOIN campaign c ON c.id = r.campaign_id WHERE c.name = $1)
          ORDER BY n->>'linkId'`,
        [campaignName],
      )
    ).map((r: { run_at: Date | null; body: string }) => ({ runAt: r.run_at?.toISOString() ?? null, body: r.body }));

  it('runs the Sunday cutoff on its date and holds its notice until Monday 09:00 China; a working-day cutoff notifies at once', async () => {
    await makeCampaign(api.ds, {
      name: '顺延',
      startsOn: '2027-01-01',
      endsOn: '2027-12-31',
      settings: { escalation: { windows: [{ from: '2027-10-01', to: '2027-10-20' }], time: '17:00', submissionNoticeOnWorkingDay: true } },
    });
    await makeCampaign(api.ds, {
      name: '不顺延',
      startsOn: '2027-01-01',
      endsOn: '2027-12-31',
      settings: { escalation: { windows: [{ from: '2027-10-01', to: '2027-10-20' }], time: '17:00' } },
    });
    env.clock.set('2027-10-10T10:00:00Z'); // Sunday 10 Oct 2027, 18:00 China: the cutoff of 17:00 is due
    await api.app.get(EscalationService).reconcile();
    const runs = await api.ds.query(
      `SELECT c.name, to_char(r.cutoff_date, 'YYYY-MM-DD') AS d FROM cutoff_run r JOIN campaign c ON c.id = r.campaign_id ORDER BY 1`,
    );
    // the cutoff itself stays on Sunday the 10th for both (one district: D1 and D2 → two runs each)
    expect(runs.map((r: { name: string; d: string }) => `${r.name} ${r.d}`)).toEqual([
      '不顺延 2027-10-10',
      '不顺延 2027-10-10',
      '顺延 2027-10-10',
      '顺延 2027-10-10',
    ]);
    const held = await notices('顺延');
    expect(held.length).toBe(2);
    // Monday 11 Oct 09:00 China = 01:00 UTC
    for (const n of held) {
      expect(n.runAt).toBe('2027-10-11T01:00:00.000Z');
      expect(n.body).toMatch(/截止日 2027-10-10 为休息日，顺延至 2027-10-11 通知。$/);
    }
    const atOnce = await notices('不顺延');
    expect(atOnce.map((n: { runAt: string | null }) => n.runAt)).toEqual([null, null]);

    // Wednesday 20 Oct is a working day: at once even when the setting is on
    env.clock.set('2027-10-20T10:00:00Z');
    await api.app.get(EscalationService).reconcile();
    const after = await notices('顺延');
    expect(after.filter((n: { runAt: string | null }) => n.runAt === null)).toHaveLength(2);
  });
});
