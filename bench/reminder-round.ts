import { AuthUser, Clock, loadConfig, Role, quietUntil, withDatabase } from '#core';
import { FakeSmsGateway, OutreachService, parseMessageRef } from '#outreach';
import { PlatformModule, prepareDatabase } from '#platform';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import Redis from 'ioredis';
import { ChildProcess, spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { record } from './record';

/**
 * Reminder round benchmark (issues 7 and 21): one SMS round to N lapsed contributors (default 200 000,
 * REMINDER_BENCH_PEOPLE to change) against the fake SMS gateway in a process of its own, sent by TWO worker
 * processes (the real worker module tree). Measures the expansion into messages and deliver jobs,
 * messages per second, Redis memory at peak, and checks that every person got exactly one message:
 * the gateway's ref dedupe is switched off, so it counts what our side posted.
 * Delivery reports are off (messages end 'sent'). A dedicated database, dropped at the end.
 * REMINDER_BENCH_SAMPLE_S=<s>: stop <s> seconds after every deliver job is in Redis (for a size that
 * would take too long to send on this machine): expansion, enqueue, Redis peak and the sending rate
 * over that window are measured, the exactly-once check is not (the output says so).
 */
const DB = 'yingbao_bench_notices';
const PREFIX = 'ybbench_notices';
const KEY = 'bench-sms-key';
const VILLAGES = 100;
const WORKERS = 2;
const RATE = 10000; // SMS_RATE_PER_SECOND's maximum: the limiter still runs (one Redis MULTI per message) but does not bind

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');

/** The worker process: WorkerModule with the clock shifted by BENCH_CLOCK_OFFSET_MS (out of quiet hours), reporting what it handled. */
async function workerMain(): Promise<void> {
  const offset = Number(process.env.BENCH_CLOCK_OFFSET_MS ?? 0);
  class ShiftedClock extends Clock {
    override now(): Date {
      return new Date(Date.now() + offset);
    }
  }
  const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(Clock)
    .useValue(new ShiftedClock())
    .compile();
  moduleRef.useLogger(['error', 'warn']);
  const outreach = moduleRef.get(OutreachService);
  const deliver = outreach.deliver.bind(outreach);
  let messages = 0;
  let jobs = 0;
  outreach.deliver = async (ids, job) => {
    await deliver(ids, job);
    jobs++;
    messages += ids.length;
  };
  let peakRss = 0;
  setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 500).unref();
  await moduleRef.init();
  process.on('disconnect', () => process.exit(1)); // the bench died: do not go on sending under its prefix
  process.on('message', (m) => {
    if (m === 'stats') process.send!({ pid: process.pid, jobs, messages, peakRss });
    if (m === 'stop') void moduleRef.close().then(() => process.exit(0));
  });
  process.send!('ready');
}

/** The gateway process: the fake SMS gateway alone, counting what it accepted per message id (1..BENCH_PEOPLE). */
async function gatewayMain(): Promise<void> {
  const people = Number(process.env.BENCH_PEOPLE);
  const perMessage = new Uint8Array(people + 1);
  let firstAt = 0;
  let lastAt = 0;
  const gateway = new FakeSmsGateway(KEY, {
    keepRecords: false,
    dedupe: false, // count what our side posts, not what a deduping gateway would let through
    onAccepted: (m) => {
      const id = parseMessageRef(m.ref)?.id ?? 0;
      if (id < perMessage.length) perMessage[id] = Math.min(255, perMessage[id] + 1);
      lastAt = Date.now();
      firstAt ||= lastAt;
    },
  });
  const url = await gateway.start();
  process.on('disconnect', () => process.exit(1));
  process.on('message', (m) => {
    if (m === 'accepted') process.send!({ accepted: gateway.accepted });
    if (m === 'stats') {
      let zero = 0;
      let twice = 0;
      for (let id = 1; id <= people; id++) {
        if (perMessage[id] === 0) zero++;
        else if (perMessage[id] > 1) twice++;
      }
      process.send!({ accepted: gateway.accepted, answered200: gateway.answered200, firstAt, lastAt, zero, twice, peakRss });
    }
    if (m === 'stop') void gateway.stop().then(() => process.exit(0));
  });
  let peakRss = 0;
  setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 500).unref();
  process.send!({ url });
}

interface GatewayStats {
  accepted: number;
  answered200: number;
  firstAt: number;
  lastAt: number;
  zero: number;
  twice: number;
  peakRss: number;
}

function startChild<T>(mode: string, env: Record<string, string>): Promise<{ child: ChildProcess; hello: T }> {
  const child = spawn(process.execPath, [__filename, mode], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (hello) => resolve({ child, hello: hello as T }));
    child.once('exit', (code) => reject(new Error(`bench ${mode} exited with ${code}`)));
  });
}

function stopChild(w: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (w.exitCode !== null) return resolve();
    w.once('exit', () => resolve());
    w.send('stop');
    setTimeout(() => w.kill('SIGKILL'), 10000).unref();
  });
}

async function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  return (await startChild('worker', env)).child;
}

function ask<T>(child: ChildProcess, what: string): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as T));
    child.send(what);
  });
}

async function clearPrefix(redis: Redis): Promise<number> {
  let cursor = '0';
  let n = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}:*`, 'COUNT', 1000);
    if (keys.length) n += await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  return n;
}

/** Bytes held by this benchmark's keys (MEMORY USAGE of every key under the prefix). */
async function prefixBytes(redis: Redis): Promise<{ keys: number; bytes: number }> {
  let cursor = '0';
  let keys = 0;
  let bytes = 0;
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${PREFIX}:*`, 'COUNT', 1000);
    if (batch.length) {
      const p = redis.pipeline();
      for (const k of batch) p.memory('USAGE', k, 'SAMPLES', '0');
      for (const [, v] of (await p.exec()) ?? []) bytes += Number(v ?? 0);
      keys += batch.length;
    }
    cursor = next;
  } while (cursor !== '0');
  return { keys, bytes };
}

async function usedMemory(redis: Redis): Promise<{ used: number; peak: number }> {
  const info = await redis.info('memory');
  const field = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? 0);
  return { used: field('used_memory'), peak: field('used_memory_peak') };
}

async function generate(url: string, people: number): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const t0 = Date.now();
    await c.query(`UPDATE org_unit SET code = 'RBC', name = '基准市' WHERE parent_id IS NULL`); // the placeholder root made at start-up becomes the city (one root)
    await c.query(
      `INSERT INTO org_unit (code, name, level, parent_id, path, depth)
       SELECT 'RBV' || g, '村' || g, 'village', c.id, c.path, 1 FROM org_unit c, generate_series(1, ${VILLAGES}) g WHERE c.code = 'RBC'`,
    );
    await c.query(`UPDATE org_unit SET path = path || id || '/' WHERE code LIKE 'RBV%'`);
    const {
      rows: [campaign],
    } = await c.query(
      `INSERT INTO campaign (org_unit_id, name, starts_on, ends_on, status) SELECT id, 'bench-reminders', '2026-01-01', '2026-12-31', 'active' FROM org_unit WHERE code = 'RBC' RETURNING id`,
    );
    // person g: village g % 100, phone 13 + g in 9 digits (a valid, distinct mobile number each)
    await c.query(
      `WITH v AS (SELECT id, path, (row_number() OVER (ORDER BY id) - 1)::int AS k FROM org_unit WHERE code LIKE 'RBV%')
       INSERT INTO registry_person (campaign_id, org_unit_id, org_unit_path, id_number, name, sex, birth_date, phone, source_group, status)
       SELECT $1, v.id, v.path, 'RB' || lpad(g::text, 9, '0'), '居民' || g, CASE WHEN g % 2 = 0 THEN 'F' ELSE 'M' END,
              DATE '1960-01-01' + g % 15000, '13' || lpad(g::text, 9, '0'), 'lapsed_contributor', 'pending'
         FROM generate_series(1, $2::int) g JOIN v ON v.k = g % ${VILLAGES}`,
      [campaign.id, people],
    );
    await c.query(`ANALYZE`);
    console.log(`generated ${people} registry people in ${VILLAGES} villages in ${secs(Date.now() - t0)}`);
    return campaign.id;
  } finally {
    await c.end();
  }
}

/** Figures of one round, also what the JSON record of the run holds. */
export interface RoundFigures {
  people: number;
  rateLimit: number;
  expansionS: number;
  expansionPeoplePerS: number;
  enqueueS: number;
  sendingS: number;
  messagesPerS: number;
  wholeRoundS: number;
  workerPeakRssMb: number[];
  gatewayPeakRssMb: number;
  redisPeakMb: number;
  exactlyOnce: boolean | null;
  partial: boolean;
}

/**
 * Reminder rounds (issue 21): a round with the limiter set high (SMS_RATE_PER_SECOND 10 000: our pipeline
 * is measured), then a round with the limiter at REMINDER_BENCH_LIMIT (default 1 000/s: the gateway's real
 * rate, which the measured rate must equal).
 */
export async function runReminderRoundBench(): Promise<void> {
  const people = Number(process.env.REMINDER_BENCH_PEOPLE ?? 200_000);
  const limit = Number(process.env.REMINDER_BENCH_LIMIT ?? 1000);
  const sampleMs = Number(process.env.REMINDER_BENCH_SAMPLE_S ?? 0) * 1000;
  const high = await runRound(people, RATE, sampleMs);
  // 20 seconds' worth at the limit: long enough that the first and last second do not matter
  const limited = await runRound(limit * 20, limit, 0);
  console.log(
    `  limiter at ${limit}/s: measured ${limited.messagesPerS} messages/s = ${(limited.messagesPerS / limit).toFixed(3)}x the limit` +
      ` (target 1.00x: the gateway's rate binds, not ours)`,
  );
  const flat = (f: RoundFigures) => ({ ...f, workerPeakRssMb: Math.max(...f.workerPeakRssMb) });
  record('reminder round, limiter high', flat(high));
  record('reminder round, limiter at the gateway rate', { ...flat(limited), measuredOverLimit: limited.messagesPerS / limit });
}

async function runRound(people: number, rate: number, sampleMs: number): Promise<RoundFigures> {
  const base = loadConfig();
  const url = withDatabase(base.DATABASE_URL, DB);
  const admin = new Client({ connectionString: withDatabase(base.DATABASE_URL, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.end();
  const redis = new Redis(base.REDIS_URL, { maxRetriesPerRequest: null });
  await clearPrefix(redis);

  const { child: gatewayProcess, hello } = await startChild<{ url: string }>('gateway', { BENCH_PEOPLE: String(people) });
  const accepted = async () => (await ask<{ accepted: number }>(gatewayProcess, 'accepted')).accepted;

  const workers: ChildProcess[] = [];
  let app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>> | undefined;
  try {
    process.env.DATABASE_URL = url;
    process.env.QUEUE_PREFIX = PREFIX;
    const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
    await prepareDatabase(config);
    console.log(`load average before (1/5/15 min): ${load()}`);
    const campaignId = await generate(url, people);

    // quiet hours would hold every SMS: at night the workers' clock goes back to 14:00 Shanghai the day before, behind
    // the real time, never ahead (the outbox reconciler compares the relay's times with the database's now(): a clock
    // ahead makes every relayed job look lost, and the jobs are written again and again)
    const hold = quietUntil(new Date());
    const offset = hold ? hold.getTime() - 18 * 3600_000 - Date.now() : 0;
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: url,
      QUEUE_PREFIX: PREFIX,
      SMS_GATEWAY_URL: hello.url,
      SMS_GATEWAY_KEY: KEY,
      SMS_RATE_PER_SECOND: String(rate),
      BENCH_CLOCK_OFFSET_MS: String(offset),
    };
    for (let i = 0; i < WORKERS; i++) workers.push(await startWorker(env));
    console.log(
      `${WORKERS} worker processes (pids ${workers.map((w) => w.pid).join(', ')}), the fake gateway in its own (pid ${gatewayProcess.pid})` +
        `${offset ? `, clock moved ${secs(-offset)} back out of quiet hours` : ''}`,
    );

    app = await NestFactory.createApplicationContext(PlatformModule, { logger: ['error', 'warn'] });
    const ds = app.get(DataSource);
    const outreach = app.get(OutreachService);
    const [adm] = await ds.query(`SELECT u.id, u.org_unit_id, o.path FROM app_user u JOIN org_unit o ON o.id = u.org_unit_id WHERE u.username = 'admin'`);
    const [city] = await ds.query(`SELECT id FROM org_unit WHERE code = 'RBC'`);
    const user: AuthUser = { id: adm.id, username: 'admin', roles: [Role.Admin], orgUnitId: adm.org_unit_id, orgUnitPath: adm.path, seesAll: true };
    const round = await outreach.plan(user, {
      campaignId,
      name: '基准断缴提醒',
      orgUnitId: city.id,
      target: 'lapsed',
      channel: 'sms',
      plannedFor: '2026-03-15',
      amount: 3600,
      deadline: '2026-03-31',
      officePhone: '0571-88886666',
    });

    await redis.config('RESETSTAT'); // Redis 7.0 keeps used_memory_peak across it: the peak is also sampled below
    const before = await usedMemory(redis);
    let peakUsed = before.used;
    let peakOurs = { keys: 0, bytes: 0 };
    let lastOursAt = 0;
    const loads: number[] = [];
    const t0 = Date.now();
    await outreach.start(user, round.id);
    let expandedAt = 0;
    let enqueuedAt = 0;
    let finishedAt = 0;
    let sampledAt = 0;
    let acceptedAtEnqueue = 0;
    let lastReport = t0;
    while (!finishedAt && !sampledAt) {
      await new Promise((r) => setTimeout(r, 250));
      const now = Date.now();
      peakUsed = Math.max(peakUsed, (await usedMemory(redis)).used);
      if (now - lastOursAt > 5000) {
        const ours = await prefixBytes(redis);
        if (ours.bytes > peakOurs.bytes) peakOurs = ours;
        lastOursAt = Date.now();
      }
      loads.push(loadavg()[0]);
      const [r] = await ds.query(
        `SELECT status, expanded_at IS NOT NULL AS expanded, (SELECT count(*)::int FROM outbox WHERE relayed_at IS NULL) AS unrelayed FROM reminder_round WHERE id = $1`,
        [round.id],
      );
      if (r.expanded && !expandedAt) expandedAt = now;
      if (r.expanded && r.unrelayed === 0 && !enqueuedAt) {
        enqueuedAt = now;
        acceptedAtEnqueue = await accepted();
      }
      if (r.status === 'finished') finishedAt = now;
      else if (sampleMs && enqueuedAt && now - enqueuedAt >= sampleMs) sampledAt = now;
      if (now - lastReport > 30000) {
        lastReport = now;
        console.log(`  ${secs(now - t0)}: ${await accepted()} accepted, load ${load()}`);
      }
      if (now - t0 > 60 * 60 * 1000) throw new Error('round not finished within an hour');
    }
    const after = await usedMemory(redis);
    const stats = await Promise.all(workers.map((w) => ask<{ pid: number; jobs: number; messages: number; peakRss: number }>(w, 'stats')));
    const g = await ask<GatewayStats>(gatewayProcess, 'stats');

    const redisLines = [
      `  Redis used_memory: before ${mb(before.used)}, sampled peak ${mb(peakUsed)} (+${mb(peakUsed - before.used)}), after ${mb(after.used)}`,
      `  Redis used_memory_peak (INFO, not reset by CONFIG RESETSTAT on Redis 7.0): before ${mb(before.peak)}, after ${mb(after.peak)}`,
      `  this benchmark's keys at their sampled peak: ${peakOurs.keys} keys, ${mb(peakOurs.bytes)}`,
    ];
    const workerLine =
      `  per worker: ${stats.map((s) => `pid ${s.pid} ${s.messages} messages in ${s.jobs} jobs, peak RSS ${mb(s.peakRss)}`).join('; ')}` +
      ` (target under 200 MB); the gateway process: peak RSS ${mb(g.peakRss)}`;
    const meanLoad = loads.reduce((a, b) => a + b, 0) / Math.max(1, loads.length);
    const loadLine = `  load average during the run: mean of 1-min ${meanLoad.toFixed(2)}; at the end (1/5/15 min) ${load()} on ${cpus().length} cores`;
    const expansionS = (expandedAt - t0) / 1000;
    const head = [
      `reminder round to ${people} people, limiter at ${rate}/s, ${WORKERS} worker processes, the fake gateway in its own process (no delivery reports)`,
      `  expansion (start → every message row and deliver job written): ${secs(expandedAt - t0)} = ${Math.round(people / expansionS)} people/s (target at least 50 000/s)`,
      `  enqueue (start → every deliver job relayed to Redis):           ${secs(enqueuedAt - t0)}`,
    ];
    const figures: RoundFigures = {
      people,
      rateLimit: rate,
      expansionS,
      expansionPeoplePerS: Math.round(people / expansionS),
      enqueueS: (enqueuedAt - t0) / 1000,
      sendingS: 0,
      messagesPerS: 0,
      wholeRoundS: 0,
      workerPeakRssMb: stats.map((s) => Math.round(s.peakRss / 1024 / 1024)),
      gatewayPeakRssMb: Math.round(g.peakRss / 1024 / 1024),
      redisPeakMb: Math.round(((peakUsed - before.used) / 1024 / 1024) * 10) / 10,
      exactlyOnce: null,
      partial: !!sampledAt,
    };
    if (sampledAt) {
      const sent = g.accepted - acceptedAtEnqueue;
      figures.sendingS = (sampledAt - enqueuedAt) / 1000;
      figures.messagesPerS = Math.round(sent / figures.sendingS);
      console.log(
        [
          ...head,
          `  PARTIAL RUN (REMINDER_BENCH_SAMPLE_S): stopped ${secs(sampledAt - enqueuedAt)} after the enqueue with ${g.accepted} of ${people} messages sent;`,
          `  sending rate over that window: ${sent} messages in ${secs(sampledAt - enqueuedAt)} = ${figures.messagesPerS} messages/s`,
          `  (from the start: ${g.accepted} in ${secs(sampledAt - t0)}); the exactly-once check is NOT made on a partial run`,
          workerLine,
          ...redisLines,
          loadLine,
        ].join('\n'),
      );
      return figures;
    }

    // exactly one message per person: one row per person, every row sent, one accepted request per ref
    const [check] = await ds.query(
      `SELECT count(*)::int AS messages, count(DISTINCT person_id)::int AS persons, count(*) FILTER (WHERE state = 'sent')::int AS sent,
              max(attempts)::int AS max_attempts FROM outreach_message WHERE round_id = $1`,
      [round.id],
    );
    const sendMs = g.lastAt - g.firstAt;
    const exact = check.messages === people && check.persons === people && check.sent === people && g.zero === 0 && g.twice === 0 && g.answered200 === people;
    figures.sendingS = sendMs / 1000;
    figures.messagesPerS = Math.round(people / (sendMs / 1000));
    figures.wholeRoundS = (finishedAt - t0) / 1000;
    figures.exactlyOnce = exact;
    console.log(
      [
        ...head,
        `  sending (first → last accepted SMS): ${secs(sendMs)} = ${figures.messagesPerS} messages/s${rate === RATE ? ' (target at least 5 000/s)' : ''}`,
        `  whole round (start → finished):      ${secs(finishedAt - t0)} = ${Math.round(people / ((finishedAt - t0) / 1000))} messages/s`,
        workerLine,
        ...redisLines,
        `  check: ${check.messages} message rows for ${check.persons} persons, ${check.sent} sent, max attempts ${check.max_attempts};` +
          ` gateway ${g.answered200} accepted requests, refs never posted ${g.zero}, refs posted more than once ${g.twice}` +
          (exact ? ' → every person exactly one message' : ' → MISMATCH'),
        loadLine,
      ].join('\n'),
    );
    return figures;
  } finally {
    await app?.close();
    await Promise.all(workers.map(stopChild));
    await stopChild(gatewayProcess);
    await clearPrefix(redis);
    redis.disconnect();
    const c = new Client({ connectionString: withDatabase(base.DATABASE_URL, 'postgres') });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await c.end();
  }
}

if (require.main === module && process.argv[2] === 'gateway') {
  gatewayMain().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

if (require.main === module && process.argv[2] === 'worker') {
  workerMain().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
