import { AuditService, Clock, JobIdentity, JobLookup, loadConfig, OutboxService, typeormOptions, UploadStore, withDatabase } from '#core';
import { ModuleRef } from '@nestjs/core';
import { CampaignReader, DutiesService } from '#campaigns';
import { OrgReader } from '#org';
import { prepareDatabase } from '#platform';
import { idNumberCheckChar, ImportLoadHooks, ImportService, ImportUploads, usccCheckChar } from '#registry';
import { spawn } from 'node:child_process';
import { copyFileSync, createReadStream, createWriteStream, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client, PoolClient } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { record } from './record';
import { campaignPartition, EntryLoadRepository } from '../libs/registry/src/repositories/entry-load.repository';
import { EMPLOYER_LOAD, PERSON_LOAD } from '../libs/registry/src/import/import-loader';
import { ImportJobRepository } from '../libs/registry/src/repositories/import-job.repository';
import { ReferenceRepository } from '../libs/registry/src/repositories/reference.repository';
import { MatchRepository } from '../libs/registry/src/repositories/match.repository';
import { UploadFileRepository } from '../libs/core/src/uploads/upload-file.repository';

/**
 * Registry import benchmark: 1 200 000 people (1 % bad rows, 5 % duplicates) and 110 000 employers
 * (BENCH_IMPORT_PEOPLE, BENCH_IMPORT_EMPLOYERS to develop with less) through the real import job
 * (ImportService.run, one transaction: stream, validate and COPY into the campaign's new partition, then
 * index and attach it; the re-import skips the rows the campaign already holds unchanged, COPYs the others
 * to staging and upserts them), each import in a child process that runs only that import (its peak RSS is
 * the process's). Measured in the same run beside it:
 *  - PostgreSQL's floor: a COPY of the rows the import wrote (validated, deduplicated) into a fresh table
 *    like the entry table, then the keys and indexes the product needs (EntryLoadRepository.buildIndexes);
 *  - a plain COPY of the file into an unindexed text table.
 * Each reference is the median of three (one run alone swings by half on a shared machine); the load
 * average is printed because other work on the machine shifts every figure.
 */
const PEOPLE = Number(process.env.BENCH_IMPORT_PEOPLE ?? 1_200_000);
const EMPLOYERS = Number(process.env.BENCH_IMPORT_EMPLOYERS ?? 110_000);
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

function median3(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[1];
}

/**
 * PostgreSQL's floor for the import's writes: the rows the import left in the campaign's partition
 * (validated, deduplicated, as the import COPYs them) are exported to a file, then timed: a COPY of
 * that file into a fresh table like the entry table and the build of its keys and indexes.
 */
async function floorCopy(ds: DataSource, kind: 'person' | 'employer', campaignId: number, file: string): Promise<number> {
  const t = kind === 'person' ? PERSON_LOAD : EMPLOYER_LOAD;
  const columns = `campaign_id, import_job_id, ${t.columns.join(', ')}, row_hash`;
  const qr = ds.createQueryRunner();
  try {
    const client = (await qr.connect()) as PoolClient;
    await pipeline(
      client.query(copyTo(`COPY (SELECT ${columns} FROM ${campaignPartition(t.table, campaignId)} ORDER BY id) TO STDOUT`)),
      createWriteStream(file),
    );
    await client.query(`DROP TABLE IF EXISTS bench_floor`);
    await client.query('BEGIN');
    await client.query(`CREATE TABLE bench_floor (LIKE ${t.table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
    const t0 = performance.now();
    await pipeline(createReadStream(file), client.query(copyFrom(`COPY bench_floor (${columns}) FROM STDIN`)));
    await new EntryLoadRepository().buildIndexes(client, t.table, 'bench_floor');
    const ms = performance.now() - t0;
    await client.query('ROLLBACK');
    return ms;
  } finally {
    await qr.release();
  }
}

interface ImportFigures {
  ms: number;
  maxRss: number;
  row: { status: string; error: string | null; rows_read: number; rows_good: number; rows_bad: number; inserted: number; updated: number };
}

/** One import in a child process that runs only it (bench/registry-import.ts import-child): its time, the child's peak RSS and the job's counts. */
function timedImport(url: string, campaignId: number, kind: 'person' | 'employer', source: string): Promise<ImportFigures> {
  // an import deletes its upload when it ends: it gets a copy, as if uploaded again
  const path = `${source}.upload`;
  copyFileSync(source, path);
  const child = spawn(process.execPath, ['--expose-gc', __filename, 'import-child', String(campaignId), kind, path], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let got: ImportFigures | undefined;
    child.on('message', (m) => (got = m as ImportFigures));
    child.on('exit', (code) => (got && code === 0 ? resolve(got) : reject(new Error(`import child exited with ${code}`))));
  });
}

/** The child: the import job row, ImportService.run, then its figures to the parent. */
async function importChild(campaignId: number, kind: 'person' | 'employer', path: string): Promise<void> {
  const config = loadConfig();
  const ds = await new DataSource(typeormOptions(config.DATABASE_URL)).initialize();
  try {
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
      new MatchRepository(),
      // registry imports deliver no duty: only a department's upload reaches the duties
      undefined as unknown as DutiesService,
      new ImportUploads(store),
    );
    // uploaded into the database first, as the api does (not timed)
    const upload = await store.write(path, createReadStream(path));
    const [job] = await ds.query(
      `INSERT INTO registry_import_job (campaign_id, kind, org_unit_id, org_unit_path, file_name, upload_id, file_format)
       SELECT $1, $2, id, path, $3, $4, 'csv' FROM org_unit WHERE code = 'BCITY' RETURNING id::text`,
      [campaignId, kind, path, upload.id],
    );
    global.gc?.();
    const t0 = performance.now();
    await service.run(job.id);
    const ms = performance.now() - t0;
    const [row] = await ds.query(`SELECT status, error, rows_read, rows_good, rows_bad, inserted, updated FROM registry_import_job WHERE id = $1`, [job.id]);
    const figures: ImportFigures = { ms, maxRss: process.resourceUsage().maxRSS * 1024, row };
    await new Promise<void>((resolve) => process.send!(figures, () => resolve()));
  } finally {
    await ds.destroy();
  }
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
  const url = withDatabase(base.DATABASE_URL, DB);
  const config = loadConfig({ ...process.env, DATABASE_URL: url });
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
    const floorPath = join(dir, 'yingbao-bench-floor.tsv');
    console.log(`registry import: generating files (${PEOPLE} people, ${EMPLOYERS} employers) ...`);
    await writeLines(peoplePath, peopleCsv);
    await writeLines(employerPath, employersCsv);

    for (const [kind, path, cols] of [
      ['employer', employerPath, 10],
      ['person', peoplePath, 9],
    ] as const) {
      const loadBefore = loadavg();
      const plain = median3([await plainCopy(ds, path, cols), await plainCopy(ds, path, cols), await plainCopy(ds, path, cols)]);
      const first = await timedImport(url, campaign.id, kind, path);
      if (first.row.status !== 'done') throw new Error(`import failed: ${first.row.error}`);
      const floor = median3([
        await floorCopy(ds, kind, campaign.id, floorPath),
        await floorCopy(ds, kind, campaign.id, floorPath),
        await floorCopy(ds, kind, campaign.id, floorPath),
      ]);
      // the same file again: every key exists, nothing differs
      const again = await timedImport(url, campaign.id, kind, path);
      if (again.row.status !== 'done') throw new Error(`re-import failed: ${again.row.error}`);
      const loadAfter = loadavg();
      const { row } = first;
      const rows = row.rows_read;
      const name = kind === 'person' ? 'people' : 'employers';
      console.log(
        [
          `registry import ${name.padEnd(9)}: ${rows} rows (${mb(statSync(path).size)} file) in ${(first.ms / 1000).toFixed(2)} s = ${Math.round(rows / (first.ms / 1000))} rows/s`,
          `  good ${row.rows_good}, bad ${row.rows_bad}, inserted ${row.inserted}, updated ${row.updated}; peak RSS of the import's process ${mb(first.maxRss)} (target < 250 MB)`,
          `  PostgreSQL's floor (COPY of the ${row.inserted} written rows into a fresh table, then its keys and indexes; median of 3): ${(floor / 1000).toFixed(2)} s`,
          `  plain COPY of the file into an unindexed text table (median of 3): ${(plain / 1000).toFixed(2)} s`,
          `  import / floor = ${(first.ms / floor).toFixed(2)}x (target <= 1.4x); import / plain COPY = ${(first.ms / plain).toFixed(2)}x`,
          `  re-import of the same file: ${(again.ms / 1000).toFixed(2)} s = ${(again.ms / plain).toFixed(2)}x the plain COPY (target <= 2x), inserted ${again.row.inserted}, updated ${again.row.updated}, peak RSS ${mb(again.maxRss)}`,
          `  load average (1, 5, 15 min) before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(2)).join(' ')} (2 cores)`,
        ].join('\n'),
      );
      record(`registry import ${name}`, {
        rows,
        good: row.rows_good,
        bad: row.rows_bad,
        inserted: row.inserted,
        importMs: first.ms,
        importPeakRssMB: first.maxRss / 1024 / 1024,
        floorMs: floor,
        plainCopyMs: plain,
        importOverFloor: first.ms / floor,
        importOverFloorTarget: 1.4,
        importOverPlainCopy: first.ms / plain,
        reimportMs: again.ms,
        reimportOverPlainCopy: again.ms / plain,
        reimportOverPlainCopyTarget: 2,
        reimportInserted: again.row.inserted,
        reimportUpdated: again.row.updated,
        reimportPeakRssMB: again.maxRss / 1024 / 1024,
        peakRssTargetMB: 250,
        loadAverageBefore: loadBefore[0],
        loadAverageAfter: loadAfter[0],
      });
    }
  } finally {
    await ds.destroy();
    await dropDatabase(base.DATABASE_URL);
  }
}

if (require.main === module && process.argv[2] === 'import-child') {
  importChild(Number(process.argv[3]), process.argv[4] as 'person' | 'employer', process.argv[5]).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
