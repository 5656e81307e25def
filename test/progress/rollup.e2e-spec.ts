import { CreditsService } from '#progress';
import { DataSource } from 'typeorm';
import { makeCampaign, makeSmallCity, makeTasks, QUARTERLY_2026, unitId } from '../helpers/factories';
import { rowLockable, someoneWaitsForTheLock, whileRollupLocked } from '../helpers/rollup-lock';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';
import { countSplit } from './progress-factory';

/**
 * progress_rollup (the per-unit daily changes the dashboard reads) is kept by triggers whoever writes:
 * reports, tasks cascaded or withdrawn, units moved. After every step the figures it gives for every unit
 * and several dates must equal the definition: per unit, the sum over live leaf tasks held in its subtree
 * of each leaf's latest report as of the date (plus credits, tested in credits.e2e-spec.ts).
 */
describe('progress rollup upkeep', () => {
  let env: TestEnv;
  let api: TestApi;
  let campaignId: number;
  let ind: Record<string, number>;
  let ep: Record<string, number>;
  let cov: Record<string, number>;
  let u: Record<string, number>;
  let office: string;
  const DATES = ['2026-01-31', '2026-03-31', '2026-04-15', '2026-04-30', '2026-05-10'];

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    office = await api.login('office');
    const c = await makeCampaign(api.ds, {
      milestones: QUARTERLY_2026,
      indicators: [
        { code: 'EP', name: '企业职工养老保险新增参保', kind: 'count' },
        { code: 'COV', name: '参保率', kind: 'ratio' },
      ],
    });
    campaignId = c.campaignId;
    ind = c.indicatorIds;
    // C1 1000 -> D1 600 (T1 600 -> V1 300, V2 300), D2 400 (T2 400, a leaf for now)
    ep = await makeTasks(api.ds, campaignId, ind.EP, countSplit(1000));
    cov = await makeTasks(api.ds, campaignId, ind.COV, {
      unit: 'C1',
      target: 98.5,
      children: [
        {
          unit: 'D1',
          target: 98.5,
          children: [
            {
              unit: 'T1',
              target: 98.5,
              children: [
                { unit: 'V1', target: 98.5 },
                { unit: 'V2', target: 98.5 },
              ],
            },
          ],
        },
      ],
    });
    u = {};
    for (const code of ['C1', 'D1', 'D2', 'T1', 'T2', 'V1', 'V2', 'V3']) u[code] = await unitId(api.ds, code);
    env.clock.set('2026-05-10T02:00:00Z');
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  const insert = (taskId: number, asOf: string, actual: number, denominator: number | null = null) =>
    api.ds.query(`INSERT INTO progress_report (task_id, as_of, actual, denominator, reported_at) VALUES ($1, $2, $3, $4, now())`, [
      taskId,
      asOf,
      actual,
      denominator,
    ]);
  /** EP figure of a unit as of a date, from progress_rollup. */
  const fig = async (code: string, date: string, indicator = ind.EP) => {
    const [r] = await api.ds.query(
      `SELECT coalesce(sum(d_actual), 0)::text AS a, coalesce(sum(d_den), 0)::text AS d FROM progress_rollup WHERE unit_id = $1 AND indicator_id = $2 AND as_of <= $3`,
      [u[code], indicator, date],
    );
    return indicator === ind.EP ? r.a : `${r.a}/${r.d}`;
  };
  const expectMatchesDefinition = async () => {
    for (const date of DATES) expect(await fromRollup(api.ds, campaignId, date)).toEqual(await definition(api.ds, campaignId, date));
  };

  it('adds reports, backdated reports and corrections at their dates', async () => {
    await insert(ep.V1, '2026-03-31', 100);
    await insert(ep.V2, '2026-04-30', 80);
    await insert(ep.T2, '2026-04-30', 50);
    await insert(ep.V1, '2026-04-30', 180);
    // backdated between V1's two reports, then a correction of 31 Mar (the later row for a date counts)
    await insert(ep.V1, '2026-04-15', 150);
    await insert(ep.V1, '2026-03-31', 90);
    // V1: 31 Mar 90, 15 Apr 150, 30 Apr 180 ; V2: 30 Apr 80 ; T2: 30 Apr 50
    expect([await fig('C1', '2026-03-31'), await fig('C1', '2026-04-15'), await fig('C1', '2026-04-30')]).toEqual(['90', '150', '310']);
    expect([await fig('D1', '2026-04-30'), await fig('D2', '2026-04-30'), await fig('T1', '2026-04-15')]).toEqual(['260', '50', '150']);
    await insert(cov.V1, '2026-04-30', 9, 10);
    await insert(cov.V2, '2026-04-30', 500, 1000);
    expect(await fig('C1', '2026-04-30', ind.COV)).toBe('509/1010');
    await expectMatchesDefinition();
  });

  it('drops a leaf’s reports from the rollup when it is split further, and counts them again when the split is withdrawn', async () => {
    // T2 (reported 50) is split to V3: T2's own figure no longer counts, V3's does
    const [v3] = await api.ds.query(
      `INSERT INTO task (campaign_id, indicator_id, holder_unit_id, parent_task_id, target, deadline) VALUES ($1, $2, $3, $4, 400, '2026-12-31') RETURNING id`,
      [campaignId, ind.EP, u.V3, ep.T2],
    );
    expect([await fig('D2', '2026-04-30'), await fig('C1', '2026-04-30')]).toEqual(['0', '260']);
    await insert(v3.id, '2026-05-01', 70);
    expect([await fig('D2', '2026-05-10'), await fig('T2', '2026-05-10'), await fig('V3', '2026-05-10')]).toEqual(['70', '70', '70']);
    await expectMatchesDefinition();
    // the split is withdrawn: T2 is a leaf again and its 50 counts; V3's 70 does not
    await api.ds.query(`UPDATE task SET withdrawn_at = now() WHERE id = $1`, [v3.id]);
    expect([await fig('D2', '2026-05-10'), await fig('V3', '2026-05-10'), await fig('C1', '2026-05-10')]).toEqual(['50', '0', '310']);
    // a withdrawn task takes no more reports (they would count nowhere)
    const late = await api.as(office).post('/api/progress-reports').send({ taskId: v3.id, asOf: '2026-05-10', actual: '80' });
    expect([late.status, late.body.error]).toEqual([409, 'TASK_WITHDRAWN']);
    expect(late.body.message).toBe(`任务 ${v3.id} 已从分解方案中撤回，不再接受上报（task ${v3.id} was withdrawn from its split: it takes no more reports）`);
    // target or deadline changes do not touch the rollup
    await api.ds.query(`UPDATE task SET target = 500, deadline = '2026-11-30' WHERE id = $1`, [ep.T2]);
    expect(await fig('D2', '2026-05-10')).toBe('50');
    await expectMatchesDefinition();
  });

  it('moves a unit’s figures to its new ancestors when the unit moves', async () => {
    // V2 (80 on 30 Apr) moves from T1/D1 to T2/D2 through the org API; a unit holding live tasks does not
    // move (issue 12), so the campaign is closed first: its figures still follow the unit
    await api.ds.query(`UPDATE campaign SET status = 'closed' WHERE id = $1`, [campaignId]);
    await api.as(office).post(`/api/org-units/${u.V2}/move`).send({ parentId: u.T2 }).expect(200);
    await api.ds.query(`UPDATE campaign SET status = 'active' WHERE id = $1`, [campaignId]); // live again for the reports below
    expect([await fig('D1', '2026-05-10'), await fig('D2', '2026-05-10'), await fig('T2', '2026-05-10'), await fig('C1', '2026-05-10')]).toEqual([
      '180',
      '130',
      '130',
      '310',
    ]);
    const dash = await api.as(office).get(`/api/dashboards?campaignId=${campaignId}&unitId=${u.C1}&date=2026-05-10`);
    const rows = dash.body.indicators.find((i: { code: string }) => i.code === 'EP').rows;
    expect(rows.map((r: { code: string; actual: string }) => [r.code, r.actual])).toEqual([
      ['D1', '180'],
      ['D2', '130'],
    ]);
    await expectMatchesDefinition();
  });

  it('stays exact under concurrent reports on sibling leaves', async () => {
    // 12 transactions at once, alternating V1 and V2, each a later date with a higher cumulative value
    const jobs: Promise<unknown>[] = [];
    for (let i = 1; i <= 6; i++) {
      jobs.push(
        api.ds.transaction((m) =>
          m.query(`INSERT INTO progress_report (task_id, as_of, actual, reported_at) VALUES ($1, $2, $3, now())`, [ep.V1, `2026-05-0${i}`, 180 + i]),
        ),
      );
      jobs.push(
        api.ds.transaction((m) =>
          m.query(`INSERT INTO progress_report (task_id, as_of, actual, reported_at) VALUES ($1, $2, $3, now())`, [ep.V2, `2026-05-0${i}`, 80 + 2 * i]),
        ),
      );
    }
    await Promise.all(jobs);
    // V1 186 + V2 92 (now under D2) + T2 50 = 328
    expect([await fig('C1', '2026-05-10'), await fig('D1', '2026-05-10'), await fig('D2', '2026-05-10')]).toEqual(['328', '186', '142']);
    await expectMatchesDefinition();
  });

  it('counts a task or a credit written while its unit is being moved under the new ancestors', async () => {
    const [{ id: other }] = await api.ds.query(
      `INSERT INTO indicator (campaign_id, code, name, unit, kind, insurance_type) VALUES ($1, 'NEW', '新增指标', 'person', 'count', 'other') RETURNING id`,
      [campaignId],
    );
    /** Moves V1 under `parent` in a transaction left open while `during` runs; `during` must wait for the move. */
    const moveV1While = async <T>(parent: string, during: () => Promise<T>): Promise<T> => {
      const [{ path: from }] = await api.ds.query(`SELECT path FROM org_unit WHERE id = $1`, [u.V1]);
      const [{ path: to }] = await api.ds.query(`SELECT path FROM org_unit WHERE id = $1`, [u[parent]]);
      const move = api.ds.createQueryRunner();
      await move.connect();
      await move.startTransaction();
      await move.query(
        `UPDATE org_unit SET path = $2 || substr(path, length($1) + 1), parent_id = CASE WHEN id = $3 THEN $4 ELSE parent_id END WHERE path LIKE $1 || '%'`,
        [from, `${to}${u.V1}/`, u.V1, u[parent]],
      );
      let done = false;
      const result = during().then((r) => ((done = true), r));
      await new Promise((r) => setTimeout(r, 300));
      expect(done).toBe(false);
      await move.commitTransaction();
      await move.release();
      return result;
    };
    // a task of V1 created while V1 moves from T1 to T2
    const taskId = await moveV1While('T2', async () =>
      Number(
        (
          await api.ds.query(
            `INSERT INTO task (campaign_id, indicator_id, holder_unit_id, target, deadline) VALUES ($1, $2, $3, 10, '2026-12-31') RETURNING id`,
            [campaignId, other, u.V1],
          )
        )[0].id,
      ),
    );
    await insert(taskId, '2026-05-10', 7);
    expect([await fig('D2', '2026-05-10', other), await fig('D1', '2026-05-10', other)]).toEqual(['7/0', '0/0']);
    await expectMatchesDefinition();
    // a credit to V1 recorded while V1 moves back to T1: both the task's 7 and the credit's 3 land under D1
    const credits = api.app.get(CreditsService);
    await moveV1While('T1', () =>
      credits.record({ campaignId, orgUnitId: u.V1, indicatorId: other, amount: 3, source: 'inspection', sourceRef: 'case-moving', on: '2026-05-10' }),
    );
    expect([await fig('D1', '2026-05-10', other), await fig('D2', '2026-05-10', other), await fig('C1', '2026-05-10', other)]).toEqual(['10/0', '0/0', '10/0']);
  });

  it('a re-split withdrawing two leaves in two statements does not deadlock with a report under the same ancestors', async () => {
    const [{ id: dl }] = await api.ds.query(
      `INSERT INTO indicator (campaign_id, code, name, unit, kind, insurance_type) VALUES ($1, 'DL', '死锁检验', 'person', 'count', 'other') RETURNING id`,
      [campaignId],
    );
    const t = await makeTasks(api.ds, campaignId, dl, countSplit(100));
    await insert(t.V1, '2026-03-31', 5);
    await insert(t.V2, '2026-01-31', 3);
    await insert(t.T2, '2026-01-31', 10);
    await insert(t.T2, '2026-03-31', 20);
    // The re-split's first statement withdraws V1's task: the city's 31 March row is now held.
    const split = api.ds.createQueryRunner();
    await split.connect();
    await split.startTransaction();
    await split.query(`UPDATE task SET withdrawn_at = now() WHERE id = $1`, [t.V1]);
    // A correction of T2's 31 January changes the city's rows of 31 January and 31 March, in that order:
    // it takes 31 January and waits for 31 March.
    const report = insert(t.T2, '2026-01-31', 15).then(
      () => 'ok',
      (e: { code?: string }) => e.code,
    );
    for (let i = 0; i < 100; i++) {
      const [{ n }] = await api.ds.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO progress_report%'`,
      );
      if (n) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    // The second statement withdraws V2's task, reported on 31 January: the city's 31 January row.
    const second = await split.query(`UPDATE task SET withdrawn_at = now() WHERE id = $1`, [t.V2]).then(
      () => 'ok',
      (e: { code?: string }) => e.code,
    );
    if (second === 'ok') await split.commitTransaction();
    else await split.rollbackTransaction();
    await split.release();
    expect({ split: second, report: await report }).toEqual({ split: 'ok', report: 'ok' });
    // T1 is a leaf again with no report; T2: 15 on 31 January, 20 on 31 March
    expect([await fig('C1', '2026-01-31', dl), await fig('C1', '2026-03-31', dl), await fig('D1', '2026-03-31', dl)]).toEqual(['15/0', '20/0', '0/0']);
    // (the credit of the test before is not in the definition: compare this indicator only)
    const only = (figures: Record<string, string>) => Object.fromEntries(Object.entries(figures).filter(([k]) => k.endsWith('-DL')));
    for (const date of DATES) expect(only(await fromRollup(api.ds, campaignId, date))).toEqual(only(await definition(api.ds, campaignId, date)));
  });

  it('a report waits for the rollup lock before it locks its task', async () => {
    // an approval in progress holds the lock
    const outcome = await whileRollupLocked(api.ds, 'exclusive', async () => {
      const report = api
        .as(office)
        .post('/api/progress-reports')
        .send({ taskId: ep.T2, asOf: '2026-05-10', actual: '60' })
        .then((r) => r.status);
      await someoneWaitsForTheLock(api.ds);
      // the approval could still lock T2's task: the report holds nothing while it waits
      return { task: await rowLockable(api.ds, 'task', ep.T2), report };
    });
    expect({ task: outcome.task, report: await outcome.report }).toEqual({ task: 'free', report: 201 });
  });
});

/** Every unit's non-zero figures (EP count, COV numerator/denominator) as of a date, from progress_rollup. */
async function fromRollup(ds: DataSource, campaignId: number, date: string): Promise<Record<string, string>> {
  const rows: { k: string; v: string }[] = await ds.query(
    `SELECT r.unit_id || '-' || i.code AS k, sum(r.d_actual)::text || '/' || sum(r.d_den)::text AS v
       FROM progress_rollup r JOIN indicator i ON i.id = r.indicator_id
      WHERE i.campaign_id = $1 AND r.as_of <= $2 GROUP BY r.unit_id, i.code
     HAVING sum(r.d_actual) <> 0 OR sum(r.d_den) <> 0`,
    [campaignId, date],
  );
  return Object.fromEntries(rows.map((r) => [r.k, r.v]));
}

/** The same by definition: per unit, the latest report as of the date of each live leaf task held in its subtree. */
async function definition(ds: DataSource, campaignId: number, date: string): Promise<Record<string, string>> {
  const rows: { k: string; v: string }[] = await ds.query(
    `WITH leaves AS (
       SELECT t.id, i.code, o.path FROM task t JOIN indicator i ON i.id = t.indicator_id JOIN org_unit o ON o.id = t.holder_unit_id
        WHERE t.campaign_id = $1 AND t.withdrawn_at IS NULL AND NOT EXISTS (SELECT 1 FROM task c WHERE c.parent_task_id = t.id AND c.withdrawn_at IS NULL)
     ), val AS (
       SELECT l.code, l.path, h.actual, coalesce(h.denominator, 0) AS den FROM leaves l
        CROSS JOIN LATERAL (SELECT actual, denominator FROM progress_report r WHERE r.task_id = l.id AND r.as_of <= $2 ORDER BY as_of DESC, id DESC LIMIT 1) h
     )
     SELECT a.id || '-' || v.code AS k, sum(v.actual)::text || '/' || sum(v.den)::text AS v
       FROM org_unit a JOIN val v ON v.path LIKE a.path || '%'
      GROUP BY a.id, v.code HAVING sum(v.actual) <> 0 OR sum(v.den) <> 0`,
    [campaignId, date],
  );
  return Object.fromEntries(rows.map((r) => [r.k, r.v]));
}
