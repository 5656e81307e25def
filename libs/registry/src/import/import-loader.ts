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

async function upsertPeople(client: PoolClient, job: { id: string; campaignId: number }): Promise<{ inserted: number; updated: number }> {
  // Returns how many entries were inserted and how many existing ones changed. A person moved to
  // another village loses the cadre of the old village. Valid ID numbers are 17 digits and their
  // check character, so the bigint of the first 17 sorts (and dedupes) them cheaply in id order.
  const src = `SELECT DISTINCT ON (left(s.id_number, 17)::bigint) ${PERSON_STAGE.map((c) => `s.${c}`).join(', ')}, e.id AS employer_id
         FROM ${STAGE} s LEFT JOIN registry_employer e ON e.campaign_id = $2 AND e.uscc = s.employer_uscc
        WHERE s.err_reason IS NULL ORDER BY left(s.id_number, 17)::bigint, s.row_no DESC`;
  const insert = `INSERT INTO registry_person (campaign_id, org_unit_id, org_unit_path, id_number, name, sex, birth_date, phone, address,
                                    source_group, current_scheme, insurance_status, employer_uscc, employer_id, import_job_id)
       SELECT $2, src.org_unit_id, src.org_unit_path, src.id_number, src.name, src.sex, src.birth_date, src.phone, src.address,
              src.source_group, src.current_scheme, src.insurance_status, src.employer_uscc, src.employer_id, $1`;
  if (await isFirstImport(client, 'registry_person', job.campaignId)) {
    const first = await client.query(`${insert} FROM (${src}) src`, [job.id, job.campaignId]);
    return { inserted: first.rowCount ?? 0, updated: 0 };
  }
  const { rows } = await client.query(
    `WITH src AS MATERIALIZED (${src}), upd AS (
       UPDATE registry_person p SET
         org_unit_id = src.org_unit_id, org_unit_path = src.org_unit_path, name = src.name, phone = src.phone,
         address = src.address, source_group = src.source_group, current_scheme = src.current_scheme,
         insurance_status = src.insurance_status, employer_uscc = src.employer_uscc, employer_id = src.employer_id,
         cadre_id = CASE WHEN p.org_unit_id = src.org_unit_id THEN p.cadre_id END,
         assigned_at = CASE WHEN p.org_unit_id = src.org_unit_id THEN p.assigned_at END,
         import_job_id = $1, updated_at = now()
         FROM src
        WHERE p.campaign_id = $2 AND p.id_number = src.id_number
          AND (p.org_unit_id, p.name, p.phone, p.address, p.source_group, p.current_scheme, p.insurance_status, p.employer_uscc, p.employer_id)
              IS DISTINCT FROM (src.org_unit_id, src.name, src.phone, src.address, src.source_group,
                                src.current_scheme, src.insurance_status, src.employer_uscc, src.employer_id)
       RETURNING 1
     ), ins AS (
       ${insert}
         FROM src WHERE NOT EXISTS (SELECT 1 FROM registry_person p WHERE p.campaign_id = $2 AND p.id_number = src.id_number)
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM ins)::int AS inserted, (SELECT count(*) FROM upd)::int AS updated`,
    [job.id, job.campaignId],
  );
  return rows[0];
}

async function upsertEmployers(client: PoolClient, job: { id: string; campaignId: number }): Promise<{ inserted: number; updated: number }> {
  const src = `SELECT DISTINCT ON (s.uscc COLLATE "C") ${EMPLOYER_STAGE.map((c) => `s.${c}`).join(', ')}
         FROM ${STAGE} s WHERE s.err_reason IS NULL ORDER BY s.uscc COLLATE "C", s.row_no DESC`;
  const insert = `INSERT INTO registry_employer (campaign_id, org_unit_id, org_unit_path, uscc, name, legal_representative, address, industry,
                                      staff_count, insured_count, uninsured_count, flags, import_job_id)
       SELECT $2, org_unit_id, org_unit_path, uscc, name, legal_representative, address, industry, staff_count, insured_count, uninsured_count, flags, $1`;
  let counts: { inserted: number; updated: number };
  if (await isFirstImport(client, 'registry_employer', job.campaignId)) {
    const first = await client.query(`${insert} FROM (${src}) src`, [job.id, job.campaignId]);
    counts = { inserted: first.rowCount ?? 0, updated: 0 };
  } else {
    const { rows } = await client.query(
      `WITH src AS MATERIALIZED (${src}), upd AS (
       UPDATE registry_employer e SET
         org_unit_id = src.org_unit_id, org_unit_path = src.org_unit_path, name = src.name,
         legal_representative = src.legal_representative, address = src.address, industry = src.industry,
         staff_count = src.staff_count, insured_count = src.insured_count, uninsured_count = src.uninsured_count,
         flags = src.flags,
         cadre_id = CASE WHEN e.org_unit_id = src.org_unit_id THEN e.cadre_id END,
         assigned_at = CASE WHEN e.org_unit_id = src.org_unit_id THEN e.assigned_at END,
         import_job_id = $1, updated_at = now()
         FROM src
        WHERE e.campaign_id = $2 AND e.uscc = src.uscc
          AND (e.org_unit_id, e.name, e.legal_representative, e.address, e.industry, e.staff_count, e.insured_count, e.uninsured_count, e.flags)
              IS DISTINCT FROM (src.org_unit_id, src.name, src.legal_representative, src.address, src.industry,
                                src.staff_count, src.insured_count, src.uninsured_count, src.flags)
       RETURNING 1
     ), ins AS (
       ${insert}
         FROM src WHERE NOT EXISTS (SELECT 1 FROM registry_employer e WHERE e.campaign_id = $2 AND e.uscc = src.uscc)
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM ins)::int AS inserted, (SELECT count(*) FROM upd)::int AS updated`,
      [job.id, job.campaignId],
    );
    counts = rows[0];
  }
  // People imported before their employer get linked now.
  await client.query(
    `UPDATE registry_person p SET employer_id = e.id, updated_at = now()
       FROM registry_employer e
      WHERE p.campaign_id = $1 AND e.campaign_id = $1 AND p.employer_uscc = e.uscc AND p.employer_id IS DISTINCT FROM e.id`,
    [job.campaignId],
  );
  return counts;
}
