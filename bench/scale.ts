import { Clock, createRedis, loadConfig, withDatabase } from '#core';
import { FakeSmsGateway, parseMessageRef } from '#outreach';
import { prepareDatabase } from '#platform';
import { Test } from '@nestjs/testing';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { AppModule } from '../apps/api/src/app.module';
import { configureApp } from '../apps/api/src/configure-app';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { LoadStats } from './scale-stats';

// scripts/cluster.js is plain JavaScript beside the build
const { startCluster } = require(join(__dirname, '..', '..', 'scripts', 'cluster.js')) as {
  startCluster: (o: object) => Promise<{ stop: () => Promise<void> }>;
};

/**
 * Scale test (issue 19 point 6; not a timed test): 3 API processes behind scripts/proxy.js and 3 worker processes
 * on the demo city, under a mixed load for SCALE_BENCH_SECONDS (default 180): dashboards, rankings and their XLSX,
 * the 未报送单位 list, the audit log, registry lists, progress reports, a registry import of SCALE_BENCH_IMPORT_ROWS
 * (default 100 000) rows, an SMS round to SCALE_BENCH_PEOPLE (default 20 000) lapsed people against a fake gateway in
 * this process (its dedupe off: a message sent twice shows), and an escalation cutoff crossed a minute in (the
 * processes' clock is shifted to 2026-11-20 16:59 Beijing time; the cutoff is at 17:00). Prints throughput, p50/p95
 * per route, errors (target 0) and the exactly-once counts. A PostgreSQL server of its own, removed at the end; the
 * machine's Redis (its own queue prefix).
 */
const DB = 'yingbao_bench_scale';
const PREFIX = 'ybbench_scale';
const KEY = 'bench-sms-key-scale';
const PORT = 3300;
/**
 * The processes' clock starts a minute before 17:00 (Beijing) on the last cutoff day (10th, 20th, 30th or a shorter
 * month's last day) before today: behind the real time, never ahead (the outbox reconciler would take every job
 * relayed at the database's now() for one lost days ago). The demo campaign's escalation window is widened to the
 * whole year so that the day is a cutoff; the demo's reports dated after it make each report a correction (a reason).
 */
function cutoffBefore(today = new Date()): { startAt: Date; cutoff: string } {
  for (let d = new Date(today.getTime() - 86400000); ; d = new Date(d.getTime() - 86400000)) {
    const bj = new Date(d.getTime() + 8 * 3600000);
    const day = bj.getUTCDate();
    const last = new Date(Date.UTC(bj.getUTCFullYear(), bj.getUTCMonth() + 1, 0)).getUTCDate();
    if (day === 10 || day === 20 || day === Math.min(30, last)) {
      const cutoff = bj.toISOString().slice(0, 10);
      return { startAt: new Date(`${cutoff}T08:59:00Z`), cutoff };
    }
  }
}
const { startAt: START_AT, cutoff: CUTOFF } = cutoffBefore();
const PASSWORD = 'Demo@2026';

/** One API or worker process of the cluster: the real module tree with the clock shifted by BENCH_CLOCK_OFFSET_MS. */
async function processMain(app: 'api' | 'worker'): Promise<void> {
  const offset = Number(process.env.BENCH_CLOCK_OFFSET_MS ?? 0);
  class ShiftedClock extends Clock {
    override now(): Date {
      return new Date(Date.now() + offset);
    }
  }
  const moduleRef = await Test.createTestingModule({ imports: [app === 'api' ? AppModule : WorkerModule] })
    .overrideProvider(Clock)
    .useValue(new ShiftedClock())
    .compile();
  if (app === 'api') {
    const http = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
    configureApp(http);
    await http.listen(Number(process.env.PORT), '127.0.0.1');
    process.on('SIGTERM', () => void http.close().then(() => process.exit(0)));
  } else {
    const ctx = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
    await ctx.init();
    process.on('SIGTERM', () => void ctx.close().then(() => process.exit(0)));
  }
}

/**
 * A PostgreSQL server of the bench's own (initdb into a temp folder, its own port, 300 connections): six processes'
 * pools would take most of the shared server's 100, which other work on this machine uses too.
 */
async function ownPostgres(): Promise<{ url: string; stop: () => void }> {
  const root = '/usr/lib/postgresql';
  const bin = join(root, readdirSync(root).sort().pop()!, 'bin');
  const dir = mkdtempSync(join(tmpdir(), 'yingbao-bench-pg-'));
  const asPostgres = process.getuid?.() === 0;
  if (asPostgres) execFileSync('chown', ['postgres:postgres', dir]);
  const run = (tool: string, args: string[]) =>
    execFileSync(asPostgres ? 'runuser' : join(bin, tool), asPostgres ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args, { stdio: 'ignore' });
  const port = 15432 + (process.pid % 1000);
  run('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  run('pg_ctl', [
    '-D',
    join(dir, 'data'),
    '-l',
    join(dir, 'log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=256MB -c fsync=off -c synchronous_commit=off`,
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      run('pg_ctl', ['-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Deletes what an earlier run left under the bench's queue prefix. */
async function clearPrefix(config: ReturnType<typeof loadConfig>): Promise<void> {
  const redis = createRedis(config, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

async function sql<T>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** A valid resident ID number (GB 11643) for person i of the import. */
function idNumberOf(i: number): string {
  const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(i / 999) * 86400000).toISOString().slice(0, 10).replace(/-/g, '');
  const first = `510105${birth}${String((i % 999) + 1).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first].reduce((s, c, k) => s + Number(c) * w[k], 0);
  return first + '10X98765432'[sum % 11];
}

export async function runScaleBench(): Promise<void> {
  const seconds = Number(process.env.SCALE_BENCH_SECONDS ?? 180);
  const importRows = Number(process.env.SCALE_BENCH_IMPORT_ROWS ?? 100000);
  const people = Number(process.env.SCALE_BENCH_PEOPLE ?? 20000);
  const pg = await ownPostgres();
  const url = withDatabase(pg.url, DB);
  const gateway = new FakeSmsGateway(KEY, { dedupe: false });
  const gatewayUrl = await gateway.start();
  const config = loadConfig({ ...process.env, DATABASE_URL: url, QUEUE_PREFIX: PREFIX });
  await clearPrefix(config);
  await prepareDatabase(config, () => undefined, true);
  await sql(url, `UPDATE campaign SET settings = jsonb_set(settings, '{escalation,windows}', '[{"from": "01-01", "to": "12-31"}]')`);
  const offset = START_AT.getTime() - Date.now();
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATABASE_URL: url,
    QUEUE_PREFIX: PREFIX,
    SMS_GATEWAY_URL: gatewayUrl,
    SMS_GATEWAY_KEY: KEY,
    SMS_RATE_PER_SECOND: '500',
    TRUST_PROXY: 'loopback',
    LOGIN_THROTTLE_LIMIT: '1000',
    BENCH_CLOCK_OFFSET_MS: String(offset),
  };
  console.log(`starting 3 APIs behind :${PORT} and 3 workers (clock at ${START_AT.toISOString()}, Beijing 16:59 on ${CUTOFF})`);
  const log = (line: string) => console.log(`  ${line}`);
  const cluster = await startCluster({ apis: 3, workers: 3, port: PORT, env, quiet: true, log, entry: (app: string) => [__filename, app] });
  const stats = new LoadStats();
  const origin = `http://127.0.0.1:${PORT}`;
  try {
    gateway.behave({ reportUrl: `${origin}/api/sms-gateway/reports` });
    const login = async (username: string) => {
      const r = await fetch(`${origin}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
      });
      if (r.status !== 200 && r.status !== 201) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
      return ((await r.json()) as { accessToken: string }).accessToken;
    };
    const office = await login('office');
    const leader = await login('leader');
    const village = await login('dh01001_manager');
    const call = (route: string, token: string, path: string, init: RequestInit = {}) =>
      stats.time(route, () => fetch(`${origin}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } }));

    const [campaign] = await sql<{ id: number; org_unit_id: number }>(url, `SELECT id, org_unit_id FROM campaign WHERE status = 'active' ORDER BY id LIMIT 1`);
    const units = await sql<{ id: number; code: string }>(url, `SELECT id, code FROM org_unit WHERE code IN ('DH', 'DH01', 'DH01001', 'DH01002')`);
    const unit = Object.fromEntries(units.map((u) => [u.code, u.id]));
    const [task] = await sql<{ id: number }>(
      url,
      `SELECT t.id FROM task t JOIN indicator i ON i.id = t.indicator_id WHERE t.campaign_id = $1 AND t.holder_unit_id = $2 AND i.kind = 'count' AND NOT EXISTS (SELECT 1 FROM task ch WHERE ch.parent_task_id = t.id) ORDER BY t.id LIMIT 1`,
      [campaign.id, unit.DH01001],
    );
    const [{ max }] = await sql<{ max: string | null }>(url, `SELECT max(actual)::text AS max FROM progress_report WHERE task_id = $1`, [task.id]);

    // the round's people: lapsed contributors of a village, one phone each
    await sql(
      url,
      `INSERT INTO registry_person (campaign_id, org_unit_id, org_unit_path, id_number, name, sex, birth_date, phone, source_group, status)
       SELECT $1, u.id, u.path, 'bench-' || g, '压测' || g, 'F', '1980-01-01', '139' || lpad(g::text, 8, '0'), 'lapsed_contributor', 'pending'
         FROM generate_series(1, $2::int) g, org_unit u WHERE u.code = 'DH01002'`,
      [campaign.id, people],
    );

    const started = Date.now();
    const until = started + seconds * 1000;
    // the import: one file, uploaded through the proxy, loaded by one of the workers
    const csv =
      ['idNumber,name,villageCode,group', ...Array.from({ length: importRows }, (_, i) => `${idNumberOf(i)},导入${i},DH01001,other`)].join('\n') + '\n';
    const form = new FormData();
    form.set('campaignId', String(campaign.id));
    form.set('kind', 'person');
    form.set('file', new Blob([csv], { type: 'text/csv' }), 'bench.csv');
    const imp = await call('POST /api/registry-imports', office, '/api/registry-imports', { method: 'POST', body: form });
    const importId = ((await imp.json()) as { id: number }).id;
    // the round: planned and started by the office
    const plan = await call('POST /api/reminder-rounds', office, '/api/reminder-rounds', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        campaignId: campaign.id,
        name: '压测提醒',
        orgUnitId: unit.DH01002,
        target: 'lapsed',
        channel: 'sms',
        plannedFor: CUTOFF,
        amount: 3600,
        deadline: new Date(new Date(CUTOFF).getTime() + 9 * 86400000).toISOString().slice(0, 10),
        officePhone: '0571-88886666',
      }),
    });
    const roundId = ((await plan.json()) as { id: number }).id;
    await call('POST /api/reminder-rounds/:id/start', office, `/api/reminder-rounds/${roundId}/start`, { method: 'POST' });

    const c = campaign.id;
    const readers: [string, string, string][] = [
      ['GET /api/dashboards', leader, `/api/dashboards?campaignId=${c}&unitId=${campaign.org_unit_id}`],
      ['GET /api/dashboards (district)', office, `/api/dashboards?campaignId=${c}&unitId=${unit.DH}`],
      ['GET /api/rankings', leader, `/api/rankings?campaignId=${c}&unitId=${campaign.org_unit_id}`],
      ['GET /api/rankings/export', office, `/api/rankings/export?campaignId=${c}&unitId=${campaign.org_unit_id}`],
      ['GET /api/reporting-completeness', office, `/api/reporting-completeness?campaignId=${c}&unitId=${campaign.org_unit_id}&page=1&pageSize=20`],
      ['GET /api/audit-log', office, `/api/audit-log?page=1&pageSize=50`],
      ['GET /api/registry-people', office, `/api/registry-people?campaignId=${c}&page=1&pageSize=50`],
      ['GET /api/reminder-rounds/:id', office, `/api/reminder-rounds/${roundId}`],
    ];
    const reader = async (k: number) => {
      for (let i = k; Date.now() < until; i++) {
        const [route, token, path] = readers[i % readers.length];
        // a failed request is counted (LoadStats) and the reader goes on
        await call(route, token, path).catch(() => undefined);
      }
    };
    let actual = Number(max ?? 0);
    const reporter = async () => {
      while (Date.now() < until) {
        actual += 1;
        await call('POST /api/progress-reports', village, '/api/progress-reports', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          // the demo reported later dates already: each is a correction, which needs a reason
          body: JSON.stringify({ taskId: task.id, asOf: CUTOFF, actual, reason: '压测：当日累计数更新' }),
        }).catch(() => undefined);
        await new Promise((res) => setTimeout(res, 200));
      }
    };
    const ticker = setInterval(
      () =>
        console.log(
          `  ${Math.round((Date.now() - started) / 1000)} s: ${stats.count()} requests, ${stats.errors()} errors, ${gateway.requests.length} SMS; load ${loadavg()[0].toFixed(2)}`,
        ),
      30000,
    );
    await Promise.all([...Array.from({ length: 12 }, (_, k) => reader(k)), reporter()]);
    clearInterval(ticker);
    const elapsed = (Date.now() - started) / 1000;

    // settle: the round and the import finished, the cutoff run
    const settle = async <T>(what: string, fn: () => Promise<T | undefined>, ms = 300000): Promise<T> => {
      const end = Date.now() + ms;
      for (;;) {
        const v = await fn();
        if (v !== undefined) return v;
        if (Date.now() > end) throw new Error(`${what} did not settle within ${ms / 1000} s`);
        await new Promise((res) => setTimeout(res, 1000));
      }
    };
    const round = await settle('the round', async () => {
      const [r] = await sql<{ status: string; queued: number; sending: number; total: number }>(
        url,
        `SELECT r.status, count(*) FILTER (WHERE m.state = 'queued')::int AS queued, count(*) FILTER (WHERE m.state = 'sending')::int AS sending, count(m.id)::int AS total
           FROM reminder_round r LEFT JOIN outreach_message m ON m.round_id = r.id WHERE r.id = $1 GROUP BY r.status`,
        [roundId],
      );
      return r.status === 'finished' && r.queued === 0 && r.sending === 0 ? r : undefined;
    });
    const importRow = await settle('the import', async () => {
      const [j] = await sql<{ status: string; inserted: number; rows_bad: number; attempts: number }>(
        url,
        `SELECT status, inserted, rows_bad, attempts FROM registry_import_job WHERE id = $1`,
        [importId],
      );
      return j.status === 'done' || j.status === 'failed' ? j : undefined;
    });
    const runs = await settle('the cutoff run', async () => {
      const r = await sql<{ districts: number; runs: number }>(
        url,
        `SELECT count(DISTINCT district_id)::int AS districts, count(*)::int AS runs FROM cutoff_run WHERE campaign_id = $1 AND cutoff_date = $2`,
        [c, CUTOFF],
      );
      return r[0].runs > 0 ? r[0] : undefined;
    });
    // a message asked for again under its own ref (our client's timeout fired first) is one SMS at a real gateway,
    // which dedupes by ref; two messages to one phone would be two ids
    const byPhone = new Map<string, Set<number>>();
    let asked = 0;
    for (const r of gateway.requests.filter((x) => x.status === 200)) {
      asked++;
      const id = parseMessageRef(r.ref)?.id ?? -1;
      byPhone.set(r.to, (byPhone.get(r.to) ?? new Set()).add(id));
    }
    const roundPhones = await sql<{ n: number }>(
      url,
      `SELECT count(DISTINCT p.phone)::int AS n FROM outreach_message m JOIN registry_person p ON p.id = m.person_id WHERE m.round_id = $1`,
      [roundId],
    );
    const [stored] = await sql<{ n: number; distinct: number }>(
      url,
      `SELECT count(*)::int AS n, count(DISTINCT id_number)::int AS distinct FROM registry_person WHERE campaign_id = $1 AND name LIKE '导入%'`,
      [c],
    );
    const [dupRuns] = await sql<{ n: number }>(
      url,
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM cutoff_run GROUP BY campaign_id, district_id, cutoff_date HAVING count(*) > 1) d`,
    );
    const [dupEntries] = await sql<{ n: number }>(
      url,
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM cutoff_submission_entry e JOIN cutoff_run r ON r.id = e.cutoff_run_id GROUP BY r.campaign_id, r.cutoff_date, e.employer_id HAVING count(*) > 1) d`,
    );
    const [dupBulletins] = await sql<{ n: number }>(
      url,
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM bulletin GROUP BY campaign_id, unit_id, cadence, period_end HAVING count(*) > 1) d`,
    );
    const [outbox] = await sql<{ undone: number; dead: number }>(
      url,
      `SELECT count(*) FILTER (WHERE done_at IS NULL AND dead_at IS NULL)::int AS undone, count(*) FILTER (WHERE dead_at IS NOT NULL)::int AS dead FROM outbox`,
    );

    console.log(
      `\n${stats.count()} requests in ${elapsed.toFixed(0)} s through one port: ${(stats.count() / elapsed).toFixed(1)} requests/s; errors: ${stats.errors()}`,
    );
    console.log(stats.table());
    console.log('\nexactly once:');
    console.log(
      `  SMS round: ${round.total} messages to ${roundPhones[0].n} phones; the gateway answered ${asked} sends for ${byPhone.size} phones (${asked - byPhone.size} repeated under the same ref after a client timeout); phones sent two messages: ${[...byPhone.values()].filter((ids) => ids.size !== 1).length}`,
    );
    console.log(
      `  import: ${importRow.status}, ${importRow.inserted} of ${importRows} rows inserted (${importRow.rows_bad} bad, ${importRow.attempts} attempt(s)); stored ${stored.n} people, ${stored.distinct} distinct ID numbers`,
    );
    console.log(
      `  cutoff ${CUTOFF} 17:00: ${runs.runs} runs for ${runs.districts} districts; duplicate runs (any date): ${dupRuns.n}; employers listed twice at one cutoff: ${dupEntries.n}`,
    );
    console.log(`  bulletins issued twice: ${dupBulletins.n}; outbox rows not done: ${outbox.undone}, given up on: ${outbox.dead}`);
  } finally {
    await cluster.stop();
    await Promise.race([gateway.stop(), new Promise((r) => setTimeout(r, 5000))]);
    pg.stop();
  }
}

if (process.argv[2] === 'api' || process.argv[2] === 'worker') {
  processMain(process.argv[2]).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
