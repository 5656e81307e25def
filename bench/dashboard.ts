import { loadConfig, typeormOptions, withDatabase } from '#core';
import { PlatformModule, prepareDatabase } from '#platform';
import { BulletinsService, DashboardService } from '#progress';
import { NestFactory } from '@nestjs/core';
import os from 'node:os';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Figures, record } from './record';

/**
 * Dashboard benchmark at province scale: a root, 16 cities, 200 districts, 3 000 towns and 60 000 villages
 * (BENCH_DASHBOARD_UNITS, e.g. "4,20,100,1000" while developing), 8 indicators (7 counts, 1 ratio), a year
 * of reports per village task, every BENCH_DASHBOARD_REPORTS-th of the year (26: biweekly, 60 000 x 8 x 26 =
 * 12.5 M reports). Measures the dashboard for the root and for a level-1 unit (p50/p95 over repeated calls)
 * on the current date and on past dates, beside the plain leaf-by-leaf query computing the same figures
 * (latest report per leaf task as of the date, summed per child: the rollup's definition, also checked for
 * equality), and the generation of one bulletin. Figures, not a pass/fail test. Target: root p95 <= 25 ms.
 * Also: the cost a report pays to keep progress_rollup up to date (its insert trigger, rolled back).
 * The generated database is kept between runs (and made again when the sizes change).
 */
const DB = 'yingbao_bench_dashboard';
const LEVELS = (process.env.BENCH_DASHBOARD_UNITS ?? '16,200,3000,60000').split(',').map(Number);
const INDICATORS = 8;
const REPORTS = Number(process.env.BENCH_DASHBOARD_REPORTS ?? 26);
const CAMPAIGN = `bench-dashboard-${LEVELS.join('-')}x${REPORTS}`;
/** The levels under the root (a province: its cities, districts, towns, villages); the product knows no province level, so the root is a city. */
const LEVEL_NAMES: { level: string; name: string }[] = [
  { level: 'city', name: '市' },
  { level: 'district', name: '区' },
  { level: 'town', name: '镇' },
  { level: 'village', name: '村' },
];

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

async function timed(n: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { p50: pct(ms, 50), p95: pct(ms, 95) };
}

/** The tree, tasks and reports, set-based (one statement per level, reports one statement per level-1 unit). */
async function generate(ds: DataSource): Promise<number> {
  if (LEVELS.length !== LEVEL_NAMES.length || LEVELS.some((n, i) => !(n > 0) || (i > 0 && n < LEVELS[i - 1])))
    throw new Error(`BENCH_DASHBOARD_UNITS: ${LEVEL_NAMES.length} growing counts, e.g. 16,200,3000,60000`);
  const t0 = Date.now();
  await ds.query(`UPDATE org_unit SET code = 'B', name = '基准省' WHERE parent_id IS NULL`); // the placeholder root made at start-up becomes the province (one root)
  let parentPrefix = 'B';
  for (let depth = 1; depth <= LEVELS.length; depth++) {
    const { level, name } = LEVEL_NAMES[depth - 1];
    const prefix = `B${depth}-`;
    const parents = depth === 1 ? 1 : LEVELS[depth - 2];
    // unit g of the level hangs under parent 1 + (g - 1) % parents of the level above; its id is drawn first so its path is written once
    await ds.query(
      `INSERT INTO org_unit (id, code, name, level, parent_id, path, depth)
       SELECT n.id, '${prefix}' || n.g, '${name}' || n.g, '${level}', p.id, p.path || n.id || '/', ${depth}
         FROM (SELECT g, nextval(pg_get_serial_sequence('org_unit', 'id')) AS id FROM generate_series(1, ${LEVELS[depth - 1]}) g) n
         JOIN org_unit p ON p.code = CASE WHEN ${depth} = 1 THEN 'B' ELSE '${parentPrefix}' || (1 + (n.g - 1) % ${parents}) END`,
    );
    parentPrefix = prefix;
  }
  const [c] = await ds.query(
    `INSERT INTO campaign (org_unit_id, name, starts_on, ends_on, status) SELECT id, '${CAMPAIGN}-partial', '2026-01-01', '2026-12-31', 'active' FROM org_unit WHERE code = 'B' RETURNING id`,
  );
  await ds.query(
    `INSERT INTO campaign_milestone (campaign_id, due_on, percent) VALUES ($1, '2026-03-31', 25), ($1, '2026-06-30', 50), ($1, '2026-09-30', 75), ($1, '2026-12-31', 100)`,
    [c.id],
  );
  await ds.query(
    `INSERT INTO indicator (campaign_id, code, name, unit, kind, insurance_type)
     SELECT $1, 'I' || g, '指标' || g, CASE WHEN g = ${INDICATORS} THEN 'percent' ELSE 'person' END, CASE WHEN g = ${INDICATORS} THEN 'ratio' ELSE 'count' END, 'other'
       FROM generate_series(1, ${INDICATORS}) g`,
    [c.id],
  );
  const lap = (what: string) => console.log(`  ${what} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  lap('units');
  // Tasks top-down: a village's target 100..149 people (ratio: 98.5 %), each parent the sum of its children.
  await ds.query(
    `INSERT INTO task (campaign_id, indicator_id, holder_unit_id, target, deadline)
     SELECT $1, i.id, o.id, 0, '2026-12-31' FROM indicator i, org_unit o WHERE i.campaign_id = $1 AND o.code = 'B'`,
    [c.id],
  );
  for (let depth = 1; depth <= LEVELS.length; depth++) {
    await ds.query(
      `INSERT INTO task (campaign_id, indicator_id, holder_unit_id, parent_task_id, target, deadline)
       SELECT $1, pt.indicator_id, o.id, pt.id, CASE WHEN i.kind = 'ratio' THEN 98.5 ELSE 100 + o.id % 50 END, '2026-12-31'
         FROM org_unit o JOIN task pt ON pt.holder_unit_id = o.parent_id AND pt.campaign_id = $1 JOIN indicator i ON i.id = pt.indicator_id
        WHERE o.depth = $2 AND o.code LIKE 'B%'`,
      [c.id, depth],
    );
  }
  lap('tasks');
  // parents' targets bottom-up, one level per statement
  for (let depth = LEVELS.length - 1; depth >= 0; depth--) {
    await ds.query(
      `UPDATE task p SET target = CASE WHEN i.kind = 'ratio' THEN 98.5 ELSE s.sum END
         FROM (SELECT k.parent_task_id, sum(k.target) AS sum FROM task k JOIN org_unit o ON o.id = k.holder_unit_id
                WHERE k.campaign_id = $1 AND o.depth = $2 GROUP BY k.parent_task_id) s, indicator i
        WHERE s.parent_task_id = p.id AND i.id = p.indicator_id`,
      [c.id, depth + 1],
    );
  }
  lap('targets');
  // Cumulative reports every 365 / REPORTS days: pace 40 %..130 % of the year's line per village; village 1 reports zero.
  // One statement per level-1 unit: the rollup trigger then sees only that unit's new reports.
  const step = Math.floor(365 / REPORTS);
  const tops: { id: number; path: string }[] = await ds.query(`SELECT id, path FROM org_unit WHERE depth = 1 AND code LIKE 'B1-%' ORDER BY id`);
  for (const top of tops) {
    await ds.query(
      `INSERT INTO progress_report (task_id, as_of, actual, denominator, reported_at)
       SELECT t.id, DATE '2026-01-01' + ${step} * k,
              CASE WHEN o.code = 'B${LEVELS.length}-1' THEN 0
                   WHEN i.kind = 'ratio' THEN round(900 * (0.4 + (o.id % 10) * 0.06) * k / ${REPORTS})
                   ELSE round(t.target * (0.4 + (o.id % 10) * 0.1) * k / ${REPORTS}) END,
              CASE WHEN i.kind = 'ratio' THEN 1000 END, now()
         FROM task t JOIN org_unit o ON o.id = t.holder_unit_id JOIN indicator i ON i.id = t.indicator_id, generate_series(1, ${REPORTS}) k
        WHERE t.campaign_id = $1 AND o.depth = ${LEVELS.length} AND starts_with(o.path, $2)`,
      [c.id, top.path],
    );
  }
  lap('reports');
  await ds.query(`UPDATE campaign SET name = $2 WHERE id = $1`, [c.id, CAMPAIGN]); // complete: a run cut off midway leaves a '-partial' campaign, made again
  await ds.query(`VACUUM ANALYZE`);
  const secs = (Date.now() - t0) / 1000;
  console.log(`generated in ${secs.toFixed(1)} s`);
  record('progress dashboard', { generatedInS: secs });
  return c.id;
}

/** The database, made afresh when it holds no campaign of these sizes (another size's tree would share its root). */
async function openDatabase(url: string): Promise<{ ds: DataSource; campaignId: number }> {
  const config = loadConfig({ ...process.env, DATABASE_URL: url });
  await prepareDatabase(config);
  let ds = await new DataSource(typeormOptions(url)).initialize();
  const [found] = await ds.query(`SELECT id FROM campaign WHERE name = $1`, [CAMPAIGN]);
  if (found) return { ds, campaignId: found.id };
  const [other] = await ds.query(`SELECT name FROM campaign WHERE name LIKE 'bench-dashboard%'`);
  if (other) {
    console.log(`dropping the benchmark database of ${other.name}`);
    await ds.destroy();
    const admin = new Client({ connectionString: withDatabase(url, 'postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await admin.end();
    await prepareDatabase(config);
    ds = await new DataSource(typeormOptions(url)).initialize();
  }
  return { ds, campaignId: await generate(ds) };
}

export async function runDashboardBench(): Promise<void> {
  const base = loadConfig();
  const url = withDatabase(base.DATABASE_URL, DB);
  const { ds, campaignId } = await openDatabase(url);
  const figures: Figures = { units: 1 + LEVELS.reduce((a, b) => a + b, 0), levels: LEVELS.join(','), indicators: INDICATORS, reportsPerLeaf: REPORTS };
  try {
    const [{ reports }] = await ds.query(`SELECT count(*)::int AS reports FROM progress_report`);
    const [{ tasks }] = await ds.query(`SELECT count(*)::int AS tasks FROM task WHERE campaign_id = $1`, [campaignId]);
    const [{ rollups }] = await ds.query(`SELECT count(*)::int AS rollups FROM progress_rollup`);
    console.log(`${figures.units} units (1 + ${LEVELS.join(' + ')}), ${tasks} tasks, ${reports} reports, ${rollups} rollup rows`);
    Object.assign(figures, { tasks, reports, rollupRows: rollups });
  } finally {
    await ds.destroy();
  }
  process.env.DATABASE_URL = url;
  const app = await NestFactory.createApplicationContext(PlatformModule, { logger: false });
  try {
    const dash = app.get(DashboardService);
    const bulletins = app.get(BulletinsService);
    const appDs = app.get(DataSource);
    const [root] = await appDs.query(`SELECT id FROM org_unit WHERE code = 'B'`);
    const [city] = await appDs.query(`SELECT id FROM org_unit WHERE code = 'B1-1'`);
    const load = () =>
      os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ');
    console.log(`load average before: ${load()} (${os.cpus().length} cores)`);
    const show = (label: string, key: string, r: { p50: number; p95: number }) => {
      console.log(`${label.padEnd(52)} p50 ${r.p50.toFixed(1)} ms   p95 ${r.p95.toFixed(1)} ms`);
      figures[`${key}P50Ms`] = r.p50;
      figures[`${key}P95Ms`] = r.p95;
    };
    const rootNow = await timed(50, () => dash.build(appDs.manager, campaignId, root.id, '2026-12-31'));
    show('dashboard root (province), current date (2026-12-31)', 'rootNow', rootNow);
    // the same figures by their definition, leaf by leaf (the query a dashboard without progress_rollup would run)
    const plain = await timed(3, () => reference(appDs, campaignId, root.id, '2026-12-31'));
    show('  plain leaf-by-leaf query, same figures', 'rootLeafByLeaf', plain);
    console.log(`  root p95 ${rootNow.p95.toFixed(1)} ms (target <= 25 ms); leaf-by-leaf p50 / dashboard p50 = ${(plain.p50 / rootNow.p50).toFixed(0)}x`);
    figures.rootP95TargetMs = 25;
    figures.leafByLeafOverDashboard = plain.p50 / rootNow.p50;
    show('dashboard city (level 1), current date', 'cityNow', await timed(50, () => dash.build(appDs.manager, campaignId, city.id, '2026-12-31')));
    show('dashboard root, past date (2026-06-30)', 'rootPast', await timed(50, () => dash.build(appDs.manager, campaignId, root.id, '2026-06-30')));
    show('dashboard city, past date', 'cityPast', await timed(50, () => dash.build(appDs.manager, campaignId, city.id, '2026-06-30')));
    show('dashboard root, past date (2026-02-10)', 'rootEarly', await timed(50, () => dash.build(appDs.manager, campaignId, root.id, '2026-02-10')));
    const sample = await dash.build(appDs.manager, campaignId, root.id, '2026-12-31');
    const i1 = sample.indicators[0];
    console.log(`root ${i1.name}: ${i1.total.actual} / ${i1.total.target} = ${i1.total.ratePct} %, ${i1.rows.length} cities`);
    for (const date of ['2026-06-30', '2026-12-31']) {
      const d = await dash.build(appDs.manager, campaignId, root.id, date);
      const got = new Map(d.indicators.flatMap((i) => i.rows.map((r) => [`${i.indicatorId}-${r.unitId}`, `${r.actual}/${r.denominator ?? ''}`])));
      const ref = await reference(appDs, campaignId, root.id, date);
      const same = ref.size === got.size && [...ref].every(([k, v]) => got.get(k) === v);
      console.log(`rollup ${date} equals the leaf-by-leaf reference: ${same ? 'yes' : 'NO'} (${ref.size} cells)`);
      figures[`rollupEqualsReference${date.slice(5, 7)}`] = same;
    }
    const [leaf] = await appDs.query(
      `SELECT t.id FROM task t JOIN org_unit o ON o.id = t.holder_unit_id WHERE t.campaign_id = $1 AND o.code = 'B${LEVELS.length}-2' ORDER BY t.indicator_id LIMIT 1`,
      [campaignId],
    );
    show(
      'report insert with rollup upkeep (rolled back)',
      'reportInsert',
      await timed(50, () =>
        appDs
          .transaction(async (m) => {
            await m.query(`INSERT INTO progress_report (task_id, as_of, actual, reported_at) VALUES ($1, '2026-06-20', 60, now())`, [leaf.id]);
            throw new Rollback();
          })
          .catch((e) => {
            if (!(e instanceof Rollback)) throw e;
          }),
      ),
    );
    await appDs.query(`DELETE FROM bulletin WHERE campaign_id = $1`, [campaignId]);
    const t = Date.now();
    await bulletins.generate({
      campaignId,
      unitId: root.id,
      cadence: 'yearly',
      periodEnd: '2026-12-31',
      date: '2026-12-31',
      trigger: 'manual',
      requestedBy: null,
    });
    figures.bulletinMs = Date.now() - t;
    console.log(`bulletin generation (root, 8 indicators)              ${figures.bulletinMs} ms`);
    console.log(`load average after: ${load()}`);
    figures.loadAverageAfter = load();
  } finally {
    record('progress dashboard', figures);
    await app.close();
  }
}

class Rollback extends Error {}

/** The rollup by its definition: per child of the unit, the sum over live leaf tasks below of their latest report as of the date. */
async function reference(ds: DataSource, campaignId: number, unitId: number, date: string): Promise<Map<string, string>> {
  const rows: { indicator_id: number; child_id: number; actual: string; denominator: string | null; kind: string }[] = await ds.query(
    `WITH leaves AS (
       SELECT t.id, t.indicator_id, c.id AS child_id FROM task t JOIN org_unit o ON o.id = t.holder_unit_id
         JOIN org_unit c ON c.parent_id = $2 AND o.path LIKE c.path || '%'
        WHERE t.campaign_id = $1 AND t.withdrawn_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM task k WHERE k.parent_task_id = t.id AND k.withdrawn_at IS NULL)
     )
     SELECT l.indicator_id, l.child_id, sum(h.actual)::text AS actual, sum(h.denominator)::text AS denominator, i.kind
       FROM leaves l JOIN indicator i ON i.id = l.indicator_id
       CROSS JOIN LATERAL (SELECT r.actual, r.denominator FROM progress_report r WHERE r.task_id = l.id AND r.as_of <= $3::date
                            ORDER BY r.as_of DESC, r.id DESC LIMIT 1) h
      GROUP BY l.indicator_id, l.child_id, i.kind`,
    [campaignId, unitId, date],
  );
  const norm = (v: string) => v.replace(/\.0+$/, '');
  return new Map(rows.map((r) => [`${r.indicator_id}-${r.child_id}`, `${norm(r.actual)}/${r.kind === 'ratio' ? norm(r.denominator ?? '0') : ''}`]));
}
