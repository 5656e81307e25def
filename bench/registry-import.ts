import { AuditService, Clock, JobIdentity, JobLookup, loadConfig, OutboxService, typeormOptions, UploadStore, withDatabase } from '#core';
import { ModuleRef } from '@nestjs/core';
import { CampaignReader } from '#campaigns';
import { OrgReader } from '#org';
import { prepareDatabase } from '#platform';
import { idNumberCheckChar, ImportLoadHooks, ImportService, ImportUploads, usccCheckChar } from '#registry';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { EntryLoadRepository } from '../libs/registry/src/repositories/entry-load.repository';
import { ImportJobRepository } from '../libs/registry/src/repositories/import-job.repository';
import { ReferenceRepository } from '../libs/registry/src/repositories/reference.repository';
import { UploadFileRepository } from '../libs/core/src/uploads/upload-file.repository';

/**
 * Registry import benchmark: 1 200 000 people (1 % bad rows, 5 % duplicates) and 110 000 employers
 * through the real import job (ImportService.run, one transaction: stream, validate and COPY into the
 * campaign's new partition, then index and attach it; the re-import COPYs to staging and upserts),
 * against a plain COPY of the same file into an unindexed text table (the ceiling).
 * The job logs how its time splits between staging and writing; the load average is printed because
 * other work on the machine shifts every figure.
 */
const PEOPLE = 1_200_000;
const EMPLOYERS = 110_000;
const VILLAGES = 1000;

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

async function writeLines(path: string, lines: () => Generator<string>): Promise<void> {
  const out = createWriteStream(path);
  let buf = '';
  for (const l of lines()) {
    buf += l;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  out.end(buf);
  await new Promise<void>((r) => out.on('finish', () => r()));
}

/** Deterministic pseudo-random numbers so every run imports the same files. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function* peopleCsv(): Generator<string> {
  const r = rng(42);
  yield 'idNumber,name,phone,address,villageCode,group,currentScheme,insuranceStatus,employerUscc\n';
  const groups = ['platform_worker', 'land_expropriated_farmer', 'hardship', 'lapsed_contributor', 'other'];
  const unique = Math.round(PEOPLE * 0.95);
  for (let i = 0; i < PEOPLE; i++) {
    // 5 % of rows repeat an earlier person (a merge), 1 % are bad (wrong check digit)
    const n = i < unique ? i : Math.floor(r() * unique);
    const y = 1950 + (n % 55);
    const m = 1 + (n % 12);
    const d = 1 + (n % 28);
    const first = `51${String(n % 10000).padStart(4, '0')}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(Math.floor(n / 10000) % 1000).padStart(3, '0')}`;
    let id = first + idNumberCheckChar(first);
    const bad = r() < 0.01;
    if (bad) id = first + (idNumberCheckChar(first) === '0' ? '1' : '0');
    const village = `V${String(n % VILLAGES).padStart(4, '0')}`;
    const phone = `13${String(n).padStart(9, '0')}`;
    yield `${id},姓名${n},${phone},某某村${n % 50}组,${village},${groups[n % 5]},,未参保,\n`;
  }
}

function* employersCsv(): Generator<string> {
  const r = rng(7);
  yield 'uscc,name,legalRepresentative,address,unitCode,industry,staffCount,insuredCount,uninsuredCount,flags\n';
  const unique = Math.round(EMPLOYERS * 0.95);
  for (let i = 0; i < EMPLOYERS; i++) {
    const n = i < unique ? i : Math.floor(r() * unique);
    const first = `91510100${String(n).padStart(9, '0')}`;
    let code = first + usccCheckChar(first);
    if (r() < 0.01) code = first + (usccCheckChar(first) === '0' ? '1' : '0');
    const staff = 1 + (n % 120);
    const insured = Math.floor(staff / 3);
    yield `${code},单位${n},法人${n},工业园${n}号,V${String(n % VILLAGES).padStart(4, '0')},制造业,${staff},${insured},,${n % 17 === 0 ? '疑似劳务派遣' : ''}\n`;
  }
}

async function plainCopy(ds: DataSource, path: string, columns: number): Promise<number> {
  const qr = ds.createQueryRunner();
  try {
    const client = (await qr.connect()) as PoolClient;
    await client.query(`DROP TABLE IF EXISTS bench_plain_copy`);
    await client.query(`CREATE TABLE bench_plain_copy (${Array.from({ length: columns }, (_, i) => `c${i} text`).join(', ')})`);
    const t0 = performance.now();
    await pipeline(createReadStream(path), client.query(copyFrom(`COPY bench_plain_copy FROM STDIN WITH (FORMAT csv, HEADER true)`)));
    const ms = performance.now() - t0;
    await client.query(`DROP TABLE bench_plain_copy`);
    return ms;
  } finally {
    await qr.release();
  }
}

async function timedImport(ds: DataSource, store: UploadStore, service: ImportService, campaignId: number, kind: 'person' | 'employer', source: string) {
  // an import deletes its upload when it ends: it is uploaded (into the database, as the api does) each time
  const upload = await store.write(source, createReadStream(source));
  const [job] = await ds.query(
    `INSERT INTO registry_import_job (campaign_id, kind, org_unit_id, org_unit_path, file_name, upload_id, file_format)
     SELECT $1, $2, id, path, $3, $4, 'csv' FROM org_unit WHERE code = 'BCITY' RETURNING id::text`,
    [campaignId, kind, source, upload.id],
  );
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  const t0 = performance.now();
  await service.run(job.id);
  const ms = performance.now() - t0;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const [row] = await ds.query(`SELECT status, error, rows_read, rows_good, rows_bad, inserted, updated FROM registry_import_job WHERE id = $1`, [job.id]);
  if (row.status !== 'done') throw new Error(`import failed: ${row.error}`);
  return { ms, before, peak, row };
}

/** A database of its own, made afresh and dropped at the end. */
const DB = 'yingbao_bench_registry';

async function dropDatabase(url: string): Promise<void> {
  const admin = new Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.end();
}

export async function runRegistryImportBench(): Promise<void> {
  const base = loadConfig();
  await dropDatabase(base.DATABASE_URL);
  const config = loadConfig({ ...process.env, DATABASE_URL: withDatabase(base.DATABASE_URL, DB) });
  await prepareDatabase(config);
  const ds = await new DataSource(typeormOptions(config.DATABASE_URL)).initialize();
  try {
    // A city with 1 000 villages (codes V0000..V0999).
    await ds.query(`UPDATE org_unit SET code = 'BCITY', name = '基准市' WHERE parent_id IS NULL`); // the placeholder root made at start-up becomes the city (one root)
    await ds.query(
      `INSERT INTO org_unit (code, name, level, parent_id, path, depth)
       SELECT 'V' || lpad(g::text, 4, '0'), '村' || g, 'village', c.id, c.path, 1 FROM org_unit c, generate_series(0, ${VILLAGES - 1}) g WHERE c.code = 'BCITY'`,
    );
    await ds.query(`UPDATE org_unit SET path = path || id || '/' WHERE code LIKE 'V%' AND level = 'village' AND depth = 1`);
    const [campaign] = await ds.query(
      `INSERT INTO campaign (org_unit_id, name, starts_on, ends_on, status) SELECT id, 'bench', '2026-01-01', '2026-12-31', 'active' FROM org_unit WHERE code = 'BCITY' RETURNING id`,
    );
    const dir = tmpdir();
    const peoplePath = join(dir, 'yingbao-bench-people.csv');
    const employerPath = join(dir, 'yingbao-bench-employers.csv');
    console.log('registry import: generating files ...');
    await writeLines(peoplePath, peopleCsv);
    await writeLines(employerPath, employersCsv);
    const clock = new Clock();
    // the bench never retries, so the job lookup's queue (reached through a ModuleRef) is never asked for
    const jobs = new JobLookup(undefined as unknown as ModuleRef, new JobIdentity(ds, config));
    const store = new UploadStore(ds, new UploadFileRepository());
    const service = new ImportService(
      ds,
      new ImportJobRepository(ds),
      new EntryLoadRepository(),
      new ReferenceRepository(),
      new CampaignReader(),
      new OrgReader(),
      new OutboxService(),
      clock,
      new AuditService(clock),
      config,
      jobs,
      new ImportLoadHooks(),
      new ImportUploads(store),
    );

    for (const [kind, path, cols] of [
      ['employer', employerPath, 10],
      ['person', peoplePath, 9],
    ] as const) {
      const loadBefore = loadavg();
      // the median of three plain COPYs: one run alone swings by half on a shared machine
      const copies = [await plainCopy(ds, path, cols), await plainCopy(ds, path, cols), await plainCopy(ds, path, cols)];
      const ceiling = copies.sort((a, b) => a - b)[1];
      const { ms, before, peak, row } = await timedImport(ds, store, service, campaign.id, kind, path);
      // the same file again: every key exists, nothing differs (the general update-and-insert path)
      const again = await timedImport(ds, store, service, campaign.id, kind, path);
      const loadAfter = loadavg();
      const rows = row.rows_read;
      console.log(
        [
          `registry import ${kind === 'person' ? 'people   ' : 'employers'}: ${rows} rows (${mb(statSync(path).size)} file) in ${(ms / 1000).toFixed(2)} s = ${Math.round(rows / (ms / 1000))} rows/s`,
          `  good ${row.rows_good}, bad ${row.rows_bad}, inserted ${row.inserted}, updated ${row.updated}`,
          `  peak RSS of the process during the import ${mb(peak)} (target < 300 MB), ${mb(before)} when it began`,
          `  plain COPY of the same file into an unindexed table (median of 3): ${(ceiling / 1000).toFixed(2)} s = ${Math.round(rows / (ceiling / 1000))} rows/s`,
          `  import / plain COPY = ${(ms / ceiling).toFixed(2)}x (target <= 3x)`,
          `  re-import of the same file: ${(again.ms / 1000).toFixed(1)} s = ${(again.ms / ceiling).toFixed(2)}x, inserted ${again.row.inserted}, updated ${again.row.updated}, peak RSS ${mb(again.peak)} (${mb(again.before)} when it began)`,
          `  load average (1, 5, 15 min) before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(2)).join(' ')} (2 cores)`,
        ].join('\n'),
      );
    }
  } finally {
    await ds.destroy();
    await dropDatabase(base.DATABASE_URL);
  }
}
