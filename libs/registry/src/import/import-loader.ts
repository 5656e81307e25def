import { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EntryKind } from '../entities/registry-types';
import { ColumnIndex, copyValue, EMPLOYER_STAGE, KnownUnit, mapHeader, PERSON_STAGE, RowResult, validateEmployerRow, validatePersonRow } from './column-sets';
import { attachLoaded, campaignPartition, createLoadTable, EntryTableName, isFirstLoad } from './entry-partition';
import { KeySet } from './key-set';
import { readRecords } from './record-source';

export interface LoadCounts {
  rowsRead: number;
  rowsGood: number;
  rowsBad: number;
}

export interface LoadResult extends LoadCounts {
  inserted: number;
  updated: number;
  /** Rows refused because their key belongs to an entry outside the importer's subtree (counted in rowsBad too). */
  rowsOutOfScope: number;
  /** Time to stream, validate and COPY the file, and to write the entries and errors after that. */
  stagedMs: number;
  writtenMs: number;
}

interface LoadJob {
  id: string;
  campaignId: number;
  kind: EntryKind;
  filePath: string;
  fileFormat: 'csv' | 'xlsx';
  /** The importer's subtree (path prefix); null when the importer sees the whole tree (admins, the root office). */
  scopePath: string | null;
}

/** What the import writes into one entry table. */
interface EntryTable {
  table: EntryTableName;
  /** The natural key within a campaign; the first of the columns. */
  key: 'id_number' | 'uscc';
  /** The columns an import sets (besides campaign_id and import_job_id), in COPY order. */
  columns: readonly string[];
  /** Columns a re-import never changes: the key and what derives from it. */
  fixed: string[];
  validate: (rec: string[], index: ColumnIndex, units: Map<string, KnownUnit>, today: string) => RowResult;
  /** The file's column of the key, and why a row is refused when its key belongs to an entry outside the importer's subtree (names no unit). */
  keyColumn: string;
  foreignKeyReason: string;
}

const PEOPLE: EntryTable = {
  table: 'registry_person',
  key: 'id_number',
  // employer_id is not in the file: the loader finds it from employer_uscc.
  columns: [...PERSON_STAGE, 'employer_id'],
  fixed: ['id_number', 'sex', 'birth_date'],
  validate: validatePersonRow,
  keyColumn: 'idNumber',
  foreignKeyReason: '该证件号码已登记在其他单位名下，本次导入未作修改，请联系扩面办处理',
};

const EMPLOYERS: EntryTable = {
  table: 'registry_employer',
  key: 'uscc',
  columns: EMPLOYER_STAGE,
  fixed: ['uscc'],
  validate: (rec, index, units) => validateEmployerRow(rec, index, units),
  keyColumn: 'uscc',
  foreignKeyReason: '该统一社会信用代码已登记在其他单位名下，本次导入未作修改，请联系扩面办处理',
};

const STAGE = 'registry_import_stage';
const EMPLOYER_USCC = PERSON_STAGE.indexOf('employer_uscc');
const PROGRESS_EVERY = 20000;
const COLUMN_TYPES: Record<string, string> = {
  // as in the entry tables (migration 1764000700000), so that keys compare without a collation conflict
  id_number: 'text COLLATE "C"',
  uscc: 'text COLLATE "C"',
  employer_uscc: 'text COLLATE "C"',
  birth_date: 'date',
  org_unit_id: 'int',
  employer_id: 'bigint',
  staff_count: 'int',
  insured_count: 'int',
  uninsured_count: 'int',
  flags: 'text[]',
  sex: 'char(1)',
};

/**
 * Loads one file inside the caller's open transaction on `client`; nothing is visible to others
 * until the caller commits, and a run that dies leaves nothing. Rows are streamed, validated in Node
 * and sent with one COPY:
 *  - the campaign's first load into the table (no entry yet) COPYs the good rows straight into a new
 *    table, deletes the earlier rows of keys the file repeats (the last row wins), builds the indexes
 *    and attaches the table as the campaign's partition (entry-partition.ts);
 *  - a later load COPYs them into a temporary staging table, then one statement takes the last row of
 *    each key, updates the entries whose values differ (IS DISTINCT FROM: a re-import changes nothing,
 *    a merge keeps the entry's id, status, cadre and visits) and inserts the new keys. Imports of one
 *    campaign are serialised by the caller's advisory lock, so no ON CONFLICT is needed.
 * Scope: every unit code of the file must be a unit of the importer's subtree (the caller's `units`),
 * so no row files an entry, or moves one, outside it. A row whose key already belongs to an entry
 * outside the subtree is a bad row and changes nothing (refuseForeignKeys). A first load has no such
 * row: it runs only while the campaign has no entry at all in the table (isFirstLoad, under the
 * campaign's import lock), so every key it writes is new.
 * Bad rows go, one line per (row, column, reason), to a temporary file that is then COPYed into
 * registry_import_error: a file of bad rows does not sit in memory.
 */
export async function loadFile(
  client: PoolClient,
  job: LoadJob,
  units: Map<string, KnownUnit>,
  today: string,
  onProgress: (c: LoadCounts) => void,
  hooks: { afterStage?: () => Promise<void>; spoolDir?: string } = {},
): Promise<LoadResult> {
  const started = performance.now();
  const t = job.kind === 'person' ? PEOPLE : EMPLOYERS;
  const records = readRecords(job.filePath, job.fileFormat)[Symbol.asyncIterator]();
  const first = await records.next();
  if (first.done) throw new Error('文件为空：没有表头行');
  const index = mapHeader(job.kind, first.value.records[0]);
  // First, before this transaction reads any entry table: a first load takes its turn (entry-partition.ts).
  const fresh = await isFirstLoad(client, t.table, job.campaignId);
  const employerIds = t === PEOPLE && index.employerUscc >= 0 ? await campaignEmployers(client, job.campaignId) : undefined;
  let target: string;
  let prefix: (rowNo: number) => string;
  if (fresh) {
    const part = await createLoadTable(client, t.table, job.campaignId);
    target = `${part} (campaign_id, import_job_id, ${t.columns.join(', ')})`;
    const lead = `${Number(job.campaignId)}\t${Number(job.id)}`;
    prefix = () => lead;
  } else {
    // The deduplicated rows (about 200 MB for 1.2 M people) are sorted once for the update and the insert.
    await client.query(`SET LOCAL work_mem = '512MB'`);
    await client.query(
      `CREATE TEMP TABLE ${STAGE} (row_no int NOT NULL, ${t.columns.map((c) => `${c} ${COLUMN_TYPES[c] ?? 'text'}`).join(', ')}) ON COMMIT DROP`,
    );
    target = `${STAGE} (row_no, ${t.columns.join(', ')})`;
    prefix = String;
  }

  const counts: LoadCounts = { rowsRead: 0, rowsGood: 0, rowsBad: 0 };
  const seen = fresh ? new KeySet() : undefined;
  const repeated = new Set<string>();
  // One file per import (a re-run after a crash overwrites what the crashed run left); an error of the
  // stream (disk full) fails the import instead of going unhandled.
  // 0600: the bad rows' reasons quote ID numbers. A file a crashed run left keeps its mode: remove it first.
  const errorFile = join(hooks.spoolDir ?? tmpdir(), `yingbao-import-${job.id}-errors.tsv`);
  await unlink(errorFile).catch(() => undefined);
  const errors = createWriteStream(errorFile, { mode: 0o600 });
  let errorsFailed: Error | undefined;
  errors.on('error', (e) => (errorsFailed = e));
  /** A failed stream is destroyed and emits no 'drain': check it before every write, or the load would wait forever. */
  async function writeErrors(text: string): Promise<void> {
    if (errorsFailed) throw errorsFailed;
    if (!errors.write(text)) await once(errors, 'drain'); // rejects if the stream fails meanwhile
  }
  const free = t.columns.map((c) => FREE_TEXT.has(c));
  async function* lines(): AsyncGenerator<string> {
    let batch = first.value!;
    let from = 1; // the first batch begins with the header
    for (;;) {
      // COPY chunks of at most 256 lines, each joined once: building one row by row with += costs more
      // than validating, and a chunk past ~128 KB lands in V8's large-object space, which only a full
      // GC frees (the heap then swells by a hundred MB or more).
      let out: string[] = [];
      let bad: string[] = [];
      const { records: recs, rows } = batch;
      for (let k = from; k < recs.length; k++) {
        const rec = recs[k];
        const rowNo = rows[k]; // the row as a spreadsheet shows the file: the header is row 1
        counts.rowsRead++;
        const r = t.validate(rec, index, units, today);
        if (r.ok) {
          counts.rowsGood++;
          const values = r.values;
          if (employerIds) values.push(values[EMPLOYER_USCC] === null ? null : (employerIds.get(values[EMPLOYER_USCC] as string) ?? null));
          else if (t === PEOPLE) values.push(null);
          if (seen && !seen.add(values[0] as string)) repeated.add(values[0] as string);
          out.push(copyLine(prefix(rowNo), values, free));
        } else {
          counts.rowsBad++;
          for (const e of r.errors) bad.push(`${job.id}\t${rowNo}\t${copyValue(e.column)}\t${copyValue(e.reason)}\n`);
        }
        if (counts.rowsRead % PROGRESS_EVERY === 0) onProgress({ ...counts });
        if (out.length >= 256) {
          yield out.join('');
          out = [];
        }
        if (bad.length >= 256) {
          await writeErrors(bad.join(''));
          bad = [];
        }
      }
      if (out.length) yield out.join('');
      if (bad.length) await writeErrors(bad.join(''));
      const next = await records.next();
      if (next.done) return;
      batch = next.value;
      from = 0;
    }
  }
  try {
    // A short queue: chunks waiting for PostgreSQL outlive young-generation GC and swell the heap.
    await pipeline(Readable.from(lines(), { highWaterMark: 2 }), client.query(copyFrom(`COPY ${target} FROM STDIN`)));
    if (!errorsFailed) await new Promise<void>((resolve) => errors.end(() => resolve()));
    if (errorsFailed) throw new Error(`could not write the list of bad rows: ${errorsFailed.message}`, { cause: errorsFailed });
    onProgress({ ...counts });
    const stagedMs = performance.now() - started;
    if (hooks.afterStage) await hooks.afterStage();

    await client.query(`DELETE FROM registry_import_error WHERE import_job_id = $1`, [job.id]);
    await pipeline(
      createReadStream(errorFile),
      client.query(copyFrom(`COPY registry_import_error (import_job_id, row_number, column_name, reason) FROM STDIN`)),
    );
    let written: { inserted: number; updated: number };
    let rowsOutOfScope = 0;
    if (fresh) {
      const part = campaignPartition(t.table, job.campaignId);
      const dropped = repeated.size ? await dropEarlierRepeats(client, part, t.key, [...repeated]) : 0;
      // before ATTACH, whose lock on the default partition lasts until the commit
      if (t === EMPLOYERS) await linkPeople(client, job.campaignId, part);
      await attachLoaded(client, t.table, part, job.campaignId);
      written = { inserted: counts.rowsGood - dropped, updated: 0 };
    } else {
      if (job.scopePath !== null) {
        rowsOutOfScope = await refuseForeignKeys(client, job, t, job.scopePath);
        counts.rowsGood -= rowsOutOfScope;
        counts.rowsBad += rowsOutOfScope;
      }
      written = await upsertEntries(client, job, t);
      if (t === EMPLOYERS) await linkPeople(client, job.campaignId, t.table);
    }
    return { ...counts, ...written, rowsOutOfScope, stagedMs, writtenMs: performance.now() - started - stagedMs };
  } finally {
    errors.destroy();
    await unlink(errorFile).catch(() => undefined);
  }
}

/** Stage columns a clerk types freely; the others are validated codes, numbers and dates that need no COPY escaping. */
const FREE_TEXT = new Set(['name', 'address', 'current_scheme', 'insurance_status', 'legal_representative', 'industry']);

/** A good row as a COPY text line after its leading columns (`free[i]`: value i may need escaping). */
function copyLine(lead: string, values: (string | number | null)[], free: boolean[]): string {
  let line = lead;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    line += v === null ? '\t\\N' : `\t${free[i] ? copyValue(v as string) : v}`;
  }
  return line + '\n';
}

/** The campaign's employers by USCC, to link people to them as they are read. */
async function campaignEmployers(client: PoolClient, campaignId: number): Promise<Map<string, string>> {
  const { rows } = await client.query(`SELECT uscc, id::text FROM registry_employer WHERE campaign_id = $1`, [campaignId]);
  return new Map(rows.map((r: { uscc: string; id: string }) => [r.uscc, r.id]));
}

/**
 * In a first load, keeps only the last row (the highest id: ids follow the file's order) of each key
 * the file repeats: one scan picks the rows of those keys (a hashed ANY), and they are deleted by
 * their row address.
 */
async function dropEarlierRepeats(client: PoolClient, part: string, key: string, keys: string[]): Promise<number> {
  await client.query(`SET LOCAL work_mem = '64MB'`); // the rows of repeated keys sort in memory
  const { rowCount } = await client.query(
    `DELETE FROM ${part} WHERE ctid = ANY (ARRAY(
       SELECT ctid FROM (SELECT ctid, id, max(id) OVER (PARTITION BY ${key}) AS keep FROM ${part} WHERE ${key} = ANY ($1::text[])) r WHERE id < keep))`,
    [keys],
  );
  return rowCount ?? 0;
}

/**
 * A later load, before the upsert: the staged rows whose key already belongs to an entry of the campaign
 * filed outside `scopePath` leave the stage (so they change nothing) and become bad rows with the clerk's
 * reason, in one statement (a join on the campaign's key index); answers how many rows. An entry of
 * another district cannot be overwritten, moved into the importer's villages or opened to them so.
 */
async function refuseForeignKeys(client: PoolClient, job: { id: string; campaignId: number }, t: EntryTable, scopePath: string): Promise<number> {
  const { rowCount } = await client.query(
    `WITH foreign_rows AS (
       DELETE FROM ${STAGE} s USING ${t.table} x
        WHERE x.campaign_id = $2 AND x.${t.key} = s.${t.key} AND NOT starts_with(x.org_unit_path, $3)
       RETURNING s.row_no)
     INSERT INTO registry_import_error (import_job_id, row_number, column_name, reason)
     SELECT $1, row_no, $4, $5 FROM foreign_rows`,
    [job.id, job.campaignId, scopePath, t.keyColumn, t.foreignKeyReason],
  );
  return rowCount ?? 0;
}

/**
 * A later load: inserts new entries and updates those whose imported values changed; answers both
 * counts. An entry moved to another unit loses the cadre of the old one.
 */
async function upsertEntries(client: PoolClient, job: { id: string; campaignId: number }, t: EntryTable): Promise<{ inserted: number; updated: number }> {
  // Valid ID numbers are 17 digits and their check character, so the bigint of the first 17 sorts (and dedupes) them cheaply.
  const order = t.key === 'id_number' ? `left(s.id_number, 17)::bigint` : `s.uscc`;
  const src = `SELECT DISTINCT ON (${order}) ${t.columns.map((c) => `s.${c}`).join(', ')} FROM ${STAGE} s ORDER BY ${order}, s.row_no DESC`;
  const changeable = t.columns.filter((c) => !t.fixed.includes(c));
  const compared = changeable.filter((c) => c !== 'org_unit_path'); // the path follows the unit
  const { rows } = await client.query(
    `WITH src AS MATERIALIZED (${src}), upd AS (
       UPDATE ${t.table} x SET ${changeable.map((c) => `${c} = src.${c}`).join(', ')},
         cadre_id = CASE WHEN x.org_unit_id = src.org_unit_id THEN x.cadre_id END,
         assigned_at = CASE WHEN x.org_unit_id = src.org_unit_id THEN x.assigned_at END,
         import_job_id = $1, updated_at = now()
         FROM src
        WHERE x.campaign_id = $2 AND x.${t.key} = src.${t.key}
          AND (${compared.map((c) => `x.${c}`).join(', ')}) IS DISTINCT FROM (${compared.map((c) => `src.${c}`).join(', ')})
       RETURNING 1
     ), ins AS (
       INSERT INTO ${t.table} (campaign_id, ${t.columns.join(', ')}, import_job_id)
       SELECT $2, ${t.columns.map((c) => `src.${c}`).join(', ')}, $1
         FROM src WHERE NOT EXISTS (SELECT 1 FROM ${t.table} x WHERE x.campaign_id = $2 AND x.${t.key} = src.${t.key})
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM ins)::int AS inserted, (SELECT count(*) FROM upd)::int AS updated`,
    [job.id, job.campaignId],
  );
  return rows[0];
}

/** People imported before their employer get linked once it arrives (`employers`: the entry table, or a first load's new table). */
async function linkPeople(client: PoolClient, campaignId: number, employers: string): Promise<void> {
  await client.query(
    `UPDATE registry_person p SET employer_id = e.id, updated_at = now()
       FROM ${employers} e
      WHERE p.campaign_id = $1 AND e.campaign_id = $1 AND p.employer_uscc = e.uscc AND p.employer_id IS DISTINCT FROM e.id`,
    [campaignId],
  );
}
