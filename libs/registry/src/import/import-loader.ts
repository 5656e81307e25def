import { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EntryKind } from '../entities/registry-types';
import { copyValue, EMPLOYER_STAGE, KnownUnit, mapHeader, PERSON_STAGE, validateEmployerRow, validatePersonRow } from './column-sets';
import { readRecords } from './record-source';

export interface LoadCounts {
  rowsRead: number;
  rowsGood: number;
  rowsBad: number;
}

export interface LoadResult extends LoadCounts {
  inserted: number;
  updated: number;
  /** Time to stream, validate and COPY the file into staging, and to write the errors and entries after that. */
  stagedMs: number;
  writtenMs: number;
}

const STAGE = 'registry_import_stage';
const PROGRESS_EVERY = 20000;

/**
 * Loads one file inside the caller's open transaction on `client`:
 *  1. stream, validate and COPY every row into a temporary staging table (no index, not WAL-logged):
 *     good rows with their values, bad rows as one line per (row, column, reason) with no values;
 *  2. the reasons go to registry_import_error;
 *  3. one statement takes the last good row of each key in the file (DISTINCT ON, sorted by key so
 *     the unique index is filled in order), updates the existing entries that differ (IS DISTINCT
 *     FROM, so a re-import changes nothing and a merge keeps the entry's id, status, cadre and visits)
 *     and inserts the new ones with a plain INSERT: imports of one campaign and kind are serialised
 *     by the caller's advisory lock, so no ON CONFLICT (speculative insertion) is needed.
 * Nothing is visible to others until the caller commits.
 */
export async function loadFile(
  client: PoolClient,
  job: { id: string; campaignId: number; kind: EntryKind; filePath: string; fileFormat: 'csv' | 'xlsx' },
  units: Map<string, KnownUnit>,
  today: string,
  onProgress: (c: LoadCounts) => void,
  hooks: { afterStage?: () => Promise<void> } = {},
): Promise<LoadResult> {
  const started = performance.now();
  const cols = job.kind === 'person' ? PERSON_STAGE : EMPLOYER_STAGE;
  const types: Record<string, string> = {
    birth_date: 'date',
    org_unit_id: 'int',
    staff_count: 'int',
    insured_count: 'int',
    uninsured_count: 'int',
    flags: 'text[]',
    sex: 'char(1)',
  };
  // The deduplicated rows (about 200 MB for 1.2 M people) are sorted and kept once for the update and
  // the insert; with less they spill to temporary files.
  await client.query(`SET LOCAL work_mem = '512MB'`);
  await client.query(
    `CREATE TEMP TABLE ${STAGE} (row_no int NOT NULL, err_col text, err_reason text, ${cols.map((c) => `${c} ${types[c] ?? 'text'}`).join(', ')}) ON COMMIT DROP`,
  );

  const counts: LoadCounts = { rowsRead: 0, rowsGood: 0, rowsBad: 0 };
  const blank = cols.map(() => '\\N').join('\t');
  const free = cols.map((c) => FREE_TEXT.has(c));
  async function* lines(): AsyncGenerator<string> {
    let index: Map<string, number> | undefined;
    let rowNo = 0;
    for await (const batch of readRecords(job.filePath, job.fileFormat)) {
      // COPY chunks of at most 256 lines, each joined once: building one row by row with += costs more
      // than validating, and a chunk past ~128 KB lands in V8's large-object space, which only a full
      // GC frees (the heap then swells by a hundred MB or more).
      let out: string[] = [];
      for (const rec of batch) {
        rowNo++; // row number as a spreadsheet shows it: the header is row 1
        if (!index) {
          index = mapHeader(job.kind, rec);
          continue;
        }
        counts.rowsRead++;
        const r = job.kind === 'person' ? validatePersonRow(rec, index, units, today) : validateEmployerRow(rec, index, units);
        if (r.ok) {
          counts.rowsGood++;
          out.push(copyLine(rowNo, r.values, free));
        } else {
          counts.rowsBad++;
          for (const e of r.errors) out.push(`${rowNo}\t${copyValue(e.column)}\t${copyValue(e.reason)}\t${blank}\n`);
        }
        if (counts.rowsRead % PROGRESS_EVERY === 0) onProgress({ ...counts });
        if (out.length >= 256) {
          yield out.join('');
          out = [];
        }
      }
      if (out.length) yield out.join('');
    }
    if (!index) throw new Error('文件为空：没有表头行');
  }
  // A short queue: chunks waiting for PostgreSQL outlive young-generation GC and swell the heap.
  await pipeline(
    Readable.from(lines(), { highWaterMark: 2 }),
    client.query(copyFrom(`COPY ${STAGE} (row_no, err_col, err_reason, ${cols.join(', ')}) FROM STDIN`)),
  );
  onProgress({ ...counts });
  const stagedMs = performance.now() - started;
  if (hooks.afterStage) await hooks.afterStage();

  await client.query(`DELETE FROM registry_import_error WHERE import_job_id = $1`, [job.id]);
  await client.query(
    `INSERT INTO registry_import_error (import_job_id, row_number, column_name, reason)
     SELECT $1, row_no, err_col, err_reason FROM ${STAGE} WHERE err_reason IS NOT NULL ORDER BY row_no`,
    [job.id],
  );
  const upserted = job.kind === 'person' ? await upsertPeople(client, job) : await upsertEmployers(client, job);
  return { ...counts, ...upserted, stagedMs, writtenMs: performance.now() - started - stagedMs };
}

/** Stage columns a clerk types freely; the others are validated codes, numbers and dates that need no COPY escaping. */
const FREE_TEXT = new Set(['name', 'address', 'current_scheme', 'insurance_status', 'legal_representative', 'industry']);

/** A good row as a COPY text line: row number, no error, the values (`free[i]`: value i may need escaping). */
function copyLine(rowNo: number, values: (string | number | null)[], free: boolean[]): string {
  let line = `${rowNo}\t\\N\t\\N`;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    line += v === null ? '\t\\N' : `\t${free[i] ? copyValue(v as string) : v}`;
  }
  return line + '\n';
}

/** No entry of this campaign yet (the first load of its lists): every deduplicated row is new, no update or anti-join needed. */
async function isFirstImport(client: PoolClient, table: 'registry_person' | 'registry_employer', campaignId: number): Promise<boolean> {
  const { rows } = await client.query(`SELECT NOT EXISTS (SELECT 1 FROM ${table} WHERE campaign_id = $1) AS first`, [campaignId]);
  return rows[0].first;
}

/** What the import writes into one entry table, for the shared upsert. */
interface EntryTable {
  table: 'registry_person' | 'registry_employer';
  /** The natural key within a campaign. */
  key: 'id_number' | 'uscc';
  /** The good rows of the stage, one per key (the last row wins). */
  src: string;
  /** The columns an import sets (after campaign_id), in insert order. */
  columns: string[];
  /** Columns a re-import never changes: the key and what derives from it. */
  fixed: string[];
}

/**
 * Inserts new entries and updates those whose imported values changed; answers both counts. An entry moved
 * to another unit loses the cadre of the old one. The first load of a campaign only inserts.
 */
async function upsertEntries(client: PoolClient, job: { id: string; campaignId: number }, t: EntryTable): Promise<{ inserted: number; updated: number }> {
  const insert = `INSERT INTO ${t.table} (campaign_id, ${t.columns.join(', ')}, import_job_id)
       SELECT $2, ${t.columns.map((c) => `src.${c}`).join(', ')}, $1`;
  if (await isFirstImport(client, t.table, job.campaignId)) {
    const first = await client.query(`${insert} FROM (${t.src}) src`, [job.id, job.campaignId]);
    return { inserted: first.rowCount ?? 0, updated: 0 };
  }
  const changeable = t.columns.filter((c) => !t.fixed.includes(c));
  const compared = changeable.filter((c) => c !== 'org_unit_path'); // the path follows the unit
  const { rows } = await client.query(
    `WITH src AS MATERIALIZED (${t.src}), upd AS (
       UPDATE ${t.table} x SET ${changeable.map((c) => `${c} = src.${c}`).join(', ')},
         cadre_id = CASE WHEN x.org_unit_id = src.org_unit_id THEN x.cadre_id END,
         assigned_at = CASE WHEN x.org_unit_id = src.org_unit_id THEN x.assigned_at END,
         import_job_id = $1, updated_at = now()
         FROM src
        WHERE x.campaign_id = $2 AND x.${t.key} = src.${t.key}
          AND (${compared.map((c) => `x.${c}`).join(', ')}) IS DISTINCT FROM (${compared.map((c) => `src.${c}`).join(', ')})
       RETURNING 1
     ), ins AS (
       ${insert}
         FROM src WHERE NOT EXISTS (SELECT 1 FROM ${t.table} x WHERE x.campaign_id = $2 AND x.${t.key} = src.${t.key})
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM ins)::int AS inserted, (SELECT count(*) FROM upd)::int AS updated`,
    [job.id, job.campaignId],
  );
  return rows[0];
}

function upsertPeople(client: PoolClient, job: { id: string; campaignId: number }): Promise<{ inserted: number; updated: number }> {
  // Valid ID numbers are 17 digits and their check character, so the bigint of the first 17 sorts (and dedupes) them cheaply in id order.
  return upsertEntries(client, job, {
    table: 'registry_person',
    key: 'id_number',
    src: `SELECT DISTINCT ON (left(s.id_number, 17)::bigint) ${PERSON_STAGE.map((c) => `s.${c}`).join(', ')}, e.id AS employer_id
         FROM ${STAGE} s LEFT JOIN registry_employer e ON e.campaign_id = $2 AND e.uscc = s.employer_uscc
        WHERE s.err_reason IS NULL ORDER BY left(s.id_number, 17)::bigint, s.row_no DESC`,
    columns: [
      'org_unit_id',
      'org_unit_path',
      'id_number',
      'name',
      'sex',
      'birth_date',
      'phone',
      'address',
      'source_group',
      'current_scheme',
      'insurance_status',
      'employer_uscc',
      'employer_id',
    ],
    fixed: ['id_number', 'sex', 'birth_date'],
  });
}

async function upsertEmployers(client: PoolClient, job: { id: string; campaignId: number }): Promise<{ inserted: number; updated: number }> {
  const counts = await upsertEntries(client, job, {
    table: 'registry_employer',
    key: 'uscc',
    src: `SELECT DISTINCT ON (s.uscc COLLATE "C") ${EMPLOYER_STAGE.map((c) => `s.${c}`).join(', ')}
         FROM ${STAGE} s WHERE s.err_reason IS NULL ORDER BY s.uscc COLLATE "C", s.row_no DESC`,
    columns: [
      'org_unit_id',
      'org_unit_path',
      'uscc',
      'name',
      'legal_representative',
      'address',
      'industry',
      'staff_count',
      'insured_count',
      'uninsured_count',
      'flags',
    ],
    fixed: ['uscc'],
  });
  // People imported before their employer get linked now.
  await client.query(
    `UPDATE registry_person p SET employer_id = e.id, updated_at = now()
       FROM registry_employer e
      WHERE p.campaign_id = $1 AND e.campaign_id = $1 AND p.employer_uscc = e.uscc AND p.employer_id IS DISTINCT FROM e.id`,
    [job.campaignId],
  );
  return counts;
}
