import { BulletinSeries1764001250000 } from '../../libs/core/src/database/migrations/1764001250000-bulletin-series';
import { loginAs, Logins } from '../helpers/api-client';
import { makeCampaign, makeSmallCity, unitId } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

/** Bulletins and settings from before the series: each bulletin joins its campaign's one cadence, numbered by date; the setting becomes a list. */
describe('migration: bulletins before series', () => {
  let env: TestEnv;
  let api: TestApi;
  let logins: Logins;
  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    logins = await loginAs(api, ['office']);
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  it('numbers the old bulletins per campaign and unit in date order, of the cadence the campaign had, and makes the cadence a list', async () => {
    const monthly = (await makeCampaign(api.ds, { settings: { progress: { bulletinCadence: 'monthly' } } })).campaignId;
    const plain = (await makeCampaign(api.ds, { name: '默认周期' })).campaignId;
    const [c1, d1] = [await unitId(api.ds, 'C1'), await unitId(api.ds, 'D1')];
    const migration = new BulletinSeries1764001250000();
    const qr = api.ds.createQueryRunner();
    try {
      await migration.down(qr);
      // as the old worker wrote them: the monthly campaign's C1 on two month ends and a manual 10 Feb, D1 once; the other's C1 once
      await qr.query(
        `INSERT INTO bulletin (campaign_id, unit_id, bulletin_date, trigger, generated_at, content)
         SELECT c, u, d::date, t, now(), '{}' FROM (VALUES ($1::int, $3::int, '2026-02-28', 'schedule'), ($1, $3, '2026-01-31', 'schedule'),
                                                           ($1, $3, '2026-02-10', 'manual'), ($1, $4::int, '2026-01-31', 'schedule'),
                                                           ($2::int, $3, '2026-01-15', 'schedule')) v(c, u, d, t)`,
        [monthly, plain, c1, d1],
      );
      await migration.up(qr);
    } finally {
      await qr.release();
    }
    const rows = await api.ds.query(
      `SELECT campaign_id AS c, unit_id AS u, cadence, to_char(period_end, 'YYYY-MM-DD') AS "periodEnd", issue_no AS n, trigger
         FROM bulletin ORDER BY campaign_id, unit_id, issue_no`,
    );
    expect(rows).toEqual([
      { c: monthly, u: c1, cadence: 'monthly', periodEnd: '2026-01-31', n: 1, trigger: 'schedule' },
      { c: monthly, u: c1, cadence: 'monthly', periodEnd: '2026-02-10', n: 2, trigger: 'manual' },
      { c: monthly, u: c1, cadence: 'monthly', periodEnd: '2026-02-28', n: 3, trigger: 'schedule' },
      { c: monthly, u: d1, cadence: 'monthly', periodEnd: '2026-01-31', n: 1, trigger: 'schedule' },
      { c: plain, u: c1, cadence: 'biweekly', periodEnd: '2026-01-15', n: 1, trigger: 'schedule' },
    ]);
    const [{ settings }] = await api.ds.query(`SELECT settings FROM campaign WHERE id = $1`, [monthly]);
    expect(settings).toEqual({ progress: { bulletinCadences: ['monthly'] } });
    const got = await logins.as('office').get(`/api/campaigns/${monthly}/settings`).expect(200);
    expect(got.body.progress.bulletinCadences).toEqual(['monthly']);
    // one bulletin per series and period, one number per series
    const insert = (period: string, n: number) =>
      api.ds.query(
        `INSERT INTO bulletin (campaign_id, unit_id, cadence, period_end, issue_no, bulletin_date, trigger, generated_at, content)
         VALUES ($1, $2, 'monthly', $3, $4, $3, 'schedule', now(), '{}')`,
        [monthly, c1, period, n],
      );
    await expect(insert('2026-01-31', 9)).rejects.toThrow(/bulletin_period_key/);
    await expect(insert('2026-03-31', 3)).rejects.toThrow(/bulletin_issue_no_key/);
    await expect(insert('2026-03-31', 4)).resolves.toBeDefined();
  });
});
