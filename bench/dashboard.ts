import { loadConfig, typeormOptions, withDatabase } from '#core';
import { PlatformModule, prepareDatabase } from '#platform';
import { BulletinsService, DashboardService } from '#progress';
import { NestFactory } from '@nestjs/core';
import os from 'node:os';
import { DataSource } from 'typeorm';

/**
 * Dashboard benchmark: 1 city, 20 districts, 250 towns, 5 000 villages, 8 indicators (7 counts, 1 ratio),
 * a year of biweekly reports per village task (26 x 40 000 = 1 040 000 reports). Measures the dashboard
 * for the city and for a district (p50/p95 over repeated calls) on the current date and on a past date,
 * and the generation of one bulletin. Figures, not a pass/fail test. Target: city p95 < 100 ms.
 * Also: the cost a report pays to keep progress_rollup up to date (its insert trigger, rolled back), and
 * a check that the rollup equals the leaf-by-leaf definition (latest report per leaf task as of the date).
 */
const DB = 'yingbao_bench_progress';
const CAMPAIGN = 'bench-dashboard';
const DISTRICTS = 20;
const TOWNS = 250;
const VILLAGES = 5000;
const INDICATORS = 8;
const REPORTS = 26;

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

async function generate(ds: DataSource): Promise<number> {
  const t0 = Date.now();
  await ds.query(`UPDATE org_unit SET code = 'BC', name = '基准市' WHERE parent_id IS NULL`); // the placeholder root made at start-up becomes the city (one root)
  const level = async (prefix: string, parentPrefix: string, name: string, lvl: string, n: number, parents: number, depth: number) => {
    await ds.query(
      `INSERT INTO org_unit (code, name, level, parent_id, path, depth)
       SELECT '${prefix}' || g, '${name}' || g, '${lvl}', p.id, p.path, ${depth}
         FROM generate_series(1, ${n}) g
         JOIN org_unit p ON p.code = '${parentPrefix}' || CASE WHEN '${parentPrefix}' = 'BC' THEN '' ELSE (1 + (g - 1) % ${parents})::text END`,
    );
    await ds.query(`UPDATE org_unit SET path = path || id || '/' WHERE code LIKE '${prefix}%' AND level = '${lvl}'`);
  };
  await level('BD', 'BC', '区', 'district', DISTRICTS, 1, 1);
  await level('BT', 'BD', '镇', 'town', TOWNS, DISTRICTS, 2);
  await level('BV', 'BT', '村', 'village', VILLAGES, TOWNS, 3);
  const [c] = await ds.query(
    `INSERT INTO campaign (org_unit_id, name, starts_on, ends_on, status) SELECT id, '${CAMPAIGN}', '2026-01-01', '2026-12-31', 'active' FROM org_unit WHERE code = 'BC' RETURNING id`,
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
  // Tasks top-down: a village's target 100..149 people (ratio: 98.5 %), each parent the sum of its children.
  await ds.query(
    `INSERT INTO task (campaign_id, indicator_id, holder_unit_id, target, deadline)
     SELECT $1, i.id, o.id, 0, '2026-12-31' FROM indicator i, org_unit o WHERE i.campaign_id = $1 AND o.code = 'BC'`,
    [c.id],
  );
  for (const lvl of ['district', 'town', 'village']) {
    await ds.query(
      `INSERT INTO task (campaign_id, indicator_id, holder_unit_id, parent_task_id, target, deadline)
       SELECT $1, pt.indicator_id, o.id, pt.id, CASE WHEN i.kind = 'ratio' THEN 98.5 ELSE 100 + o.id % 50 END, '2026-12-31'
         FROM org_unit o JOIN task pt ON pt.holder_unit_id = o.parent_id AND pt.campaign_id = $1 JOIN indicator i ON i.id = pt.indicator_id
        WHERE o.level = $2 AND o.code LIKE 'B%'`,
      [c.id, lvl],
    );
  }
  for (let k = 0; k < 3; k++) {
    await ds.query(
      `UPDATE task p SET target = CASE WHEN i.kind = 'ratio' THEN 98.5 ELSE s.sum END
         FROM (SELECT parent_task_id, sum(target) AS sum FROM task WHERE campaign_id = $1 GROUP BY parent_task_id) s, indicator i
        WHERE s.parent_task_id = p.id AND i.id = p.indicator_id AND p.campaign_id = $1`,
      [c.id],
    );
  }
  // Biweekly cumulative reports: pace 40 %..130 % of the year's line per village; village BV1 reports zero.
  await ds.query(
    `INSERT INTO progress_report (task_id, as_of, actual, denominator, reported_at)
     SELECT t.id, DATE '2026-01-01' + 14 * k,
            CASE WHEN o.code = 'BV1' THEN 0
                 WHEN i.kind = 'ratio' THEN round(900 * (0.4 + (o.id % 10) * 0.06) * k / ${REPORTS})
                 ELSE round(t.target * (0.4 + (o.id % 10) * 0.1) * k / ${REPORTS}) END,
            CASE WHEN i.kind = 'ratio' THEN 1000 END, now()
       FROM task t JOIN org_unit o ON o.id = t.holder_unit_id JOIN indicator i ON i.id = t.indicator_id, generate_series(1, ${REPORTS}) k
      WHERE t.campaign_id = $1 AND o.level = 'village'`,
    [c.id],
  );
  await ds.query(`VACUUM ANALYZE`);
  console.log(`generated in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return c.id;
}

export async function runDashboardBench(): Promise<void> {
  const base = loadConfig();
  const url = withDatabase(base.DATABASE_URL, DB);
  const config = loadConfig({ ...process.env, DATABASE_URL: url });
  await prepareDatabase(config);
  const ds = await new DataSource(typeormOptions(url)).initialize();
  let campaignId: number;
  try {
    const [found] = await ds.query(`SELECT id FROM campaign WHERE name = $1`, [CAMPAIGN]);
    campaignId = found?.id ?? (await generate(ds));
    const [{ reports }] = await ds.query(`SELECT count(*)::int AS reports FROM progress_report`);
    const [{ tasks }] = await ds.query(`SELECT count(*)::int AS tasks FROM task WHERE campaign_id = $1`, [campaignId]);
    console.log(`${tasks} tasks, ${reports} reports`);
  } finally {
    await ds.destroy();
  }
  process.env.DATABASE_URL = url;
  const app = await NestFactory.createApplicationContext(PlatformModule, { logger: false });
  try {
    const dash = app.get(DashboardService);
    const bulletins = app.get(BulletinsService);
    const appDs = app.get(DataSource);
    const [city] = await appDs.query(`SELECT id FROM org_unit WHERE code = 'BC'`);
    const [district] = await appDs.query(`SELECT id FROM org_unit WHERE code = 'BD1'`);
    const load = () =>
      os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ');
    console.log(`load average before: ${load()} (${os.cpus().length} cores)`);
    const show = (label: string, r: { p50: number; p95: number }) => console.log(`${label.padEnd(44)} p50 ${r.p50.toFixed(1)} ms   p95 ${r.p95.toFixed(1)} ms`);
    show('dashboard city, current date (2026-12-31)', await timed(50, () => dash.build(appDs.manager, campaignId, city.id, '2026-12-31')));
    show('dashboard district, current date', await timed(50, () => dash.build(appDs.manager, campaignId, district.id, '2026-12-31')));
    show('dashboard city, past date (2026-06-30)', await timed(50, () => dash.build(appDs.manager, campaignId, city.id, '2026-06-30')));
    show('dashboard district, past date', await timed(50, () => dash.build(appDs.manager, campaignId, district.id, '2026-06-30')));
    show('dashboard city, past date (2026-02-10)', await timed(50, () => dash.build(appDs.manager, campaignId, city.id, '2026-02-10')));
    const sample = await dash.build(appDs.manager, campaignId, city.id, '2026-12-31');
    const i1 = sample.indicators[0];
    console.log(`city ${i1.name}: ${i1.total.actual} / ${i1.total.target} = ${i1.total.ratePct} %, ${i1.rows.length} districts`);
    for (const date of ['2026-06-30', '2026-12-31']) {
      const d = await dash.build(appDs.manager, campaignId, city.id, date);
      const got = new Map(d.indicators.flatMap((i) => i.rows.map((r) => [`${i.indicatorId}-${r.unitId}`, `${r.actual}/${r.denominator ?? ''}`])));
      const ref = await reference(appDs, campaignId, city.id, date);
      const same = ref.size === got.size && [...ref].every(([k, v]) => got.get(k) === v);
      console.log(`rollup ${date} equals the leaf-by-leaf reference: ${same ? 'yes' : 'NO'} (${ref.size} cells)`);
    }
    const [leaf] = await appDs.query(
      `SELECT t.id FROM task t JOIN org_unit o ON o.id = t.holder_unit_id WHERE t.campaign_id = $1 AND o.code = 'BV2' ORDER BY t.indicator_id LIMIT 1`,
      [campaignId],
    );
    show(
      'report insert with rollup upkeep (rolled back)',
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
      unitId: city.id,
      cadence: 'yearly',
      periodEnd: '2026-12-31',
      date: '2026-12-31',
      trigger: 'manual',
      requestedBy: null,
    });
    console.log(`bulletin generation (city, 8 indicators)              ${Date.now() - t} ms`);
    console.log(`load average after: ${load()}`);
  } finally {
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
