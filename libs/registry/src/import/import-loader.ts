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
}

const STAGE = 'registry_import_stage';
const PROGRESS_EVERY = 20000;

/**
 * Loads one file inside the caller's open transaction on `client`:
 *  1. COPY every row into a temporary staging table: good rows with their values, bad rows as one
 *     line per (row, column, reason) with no values;
 *  2. the reasons go to registry_import_error;
 *  3. one INSERT ... SELECT DISTINCT ON (key) ... ON CONFLICT DO UPDATE upserts the good rows (the
 *     last row of a key in the file wins); an unchanged entry is not touched (IS DISTINCT FROM), so a
 *     re-import changes nothing, and a merge keeps the entry's id, status, cadre and visits.
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
  await client.query(`SET LOCAL work_mem = '256MB'`);
  await client.query(
    `CREATE TEMP TABLE ${STAGE} (row_no int NOT NULL, err_col text, err_reason text, ${cols.map((c) => `${c} ${types[c] ?? 'text'}`).join(', ')}) ON COMMIT DROP`,
  );

  const counts: LoadCounts = { rowsRead: 0, rowsGood: 0, rowsBad: 0 };
  const blank = cols.map(() => '\\N').join('\t');
  async function* lines(): AsyncGenerator<string> {
    let index: Map<string, number> | undefined;
    let rowNo = 0;
    let buf = '';
    for await (const rec of readRecords(job.filePath, job.fileFormat)) {
      rowNo++; // row number as a spreadsheet shows it: the header is row 1
      if (!index) {
        index = mapHeader(job.kind, rec);
        continue;
      }
      counts.rowsRead++;
      const r = job.kind === 'person' ? validatePersonRow(rec, index, units, today) : validateEmployerRow(rec, index, units);
      if (r.ok) {
        counts.rowsGood++;
        buf += `${rowNo}\t\\N\t\\N\t${r.values.map(copyValue).join('\t')}\n`;
      } else {
        counts.rowsBad++;
        for (const e of r.errors) buf += `${rowNo}\t${copyValue(e.column)}\t${copyValue(e.reason)}\t${blank}\n`;
      }
      if (counts.rowsRead % PROGRESS_EVERY === 0) onProgress({ ...counts });
      if (buf.length > 256 * 1024) {
        yield buf;
        buf = '';
      }
    }
    if (!index) throw new Error('文件为空：没有表头行');
    if (buf) yield buf;
  }
  await pipeline(Readable.from(lines()), client.query(copyFrom(`COPY ${STAGE} (row_no, err_col, err_reason, ${cols.join(', ')}) FROM STDIN`)));
  onProgress({ ...counts });
  if (hooks.afterStage) await hooks.afterStage();

  await client.query(`DELETE FROM registry_import_error WHERE import_job_id = $1`, [job.id]);
  await client.query(
    `INSERT INTO registry_import_error (import_job_id, row_number, column_name, reason)
     SELECT $1, row_no, err_col, err_reason FROM ${STAGE} WHERE err_reason IS NOT NULL ORDER BY row_no`,
    [job.id],
  );
  const upserted = job.kind === 'person' ? await upsertPeople(client, job) : await upsertEmployers(client, job);
  return { ...counts, ...upserted };
}

async function upsertPeople(client: PoolClient, job: { id: string; campaignId: number }): Promise<{ inserted: number; updated: number }> {
  // Returns how many entries were inserted and how many existing ones changed. A person moved to
  // another village loses the cadre of the old village.
  const { rows } = await client.query(
    `WITH src AS (
       SELECT DISTINCT ON (s.id_number) s.* FROM ${STAGE} s WHERE s.err_reason IS NULL ORDER BY s.id_number, s.row_no DESC
     ), up AS (
       INSERT INTO registry_person AS p (campaign_id, org_unit_id, org_unit_path, id_number, name, sex, birth_date, phone, address,
                                         source_group, current_scheme, insurance_status, employer_uscc, employer_id, import_job_id)
       SELECT $2, src.org_unit_id, src.org_unit_path, src.id_number, src.name, src.sex, src.birth_date, src.phone, src.address,
              src.source_group, src.current_scheme, src.insurance_status, src.employer_uscc, e.id, $1
         FROM src LEFT JOIN registry_employer e ON e.campaign_id = $2 AND e.uscc = src.employer_uscc
       ON CONFLICT (campaign_id, id_number) DO UPDATE SET
         org_unit_id = EXCLUDED.org_unit_id, org_unit_path = EXCLUDED.org_unit_path, name = EXCLUDED.name, phone = EXCLUDED.phone,
         address = EXCLUDED.address, source_group = EXCLUDED.source_group, current_scheme = EXCLUDED.current_scheme,
         insurance_status = EXCLUDED.insurance_status, employer_uscc = EXCLUDED.employer_uscc, employer_id = EXCLUDED.employer_id,
         cadre_id = CASE WHEN p.org_unit_id = EXCLUDED.org_unit_id THEN p.cadre_id END,
         assigned_at = CASE WHEN p.org_unit_id = EXCLUDED.org_unit_id THEN p.assigned_at END,
         import_job_id = EXCLUDED.import_job_id, updated_at = now()
       WHERE (p.org_unit_id, p.name, p.phone, p.address, p.source_group, p.current_scheme, p.insurance_status, p.employer_uscc, p.employer_id)
             IS DISTINCT FROM (EXCLUDED.org_unit_id, EXCLUDED.name, EXCLUDED.phone, EXCLUDED.address, EXCLUDED.source_group,
                               EXCLUDED.current_scheme, EXCLUDED.insurance_status, EXCLUDED.employer_uscc, EXCLUDED.employer_id)
       RETURNING (xmax = 0) AS ins
     )
     SELECT count(*) FILTER (WHERE ins)::int AS inserted, count(*) FILTER (WHERE NOT ins)::int AS updated FROM up`,
    [job.id, job.campaignId],
  );
  return rows[0];
}

async function upsertEmployers(client: PoolClient, job: { id: string; campaignId: number }): Promise<{ inserted: number; updated: number }> {
  const { rows } = await client.query(
    `WITH src AS (
       SELECT DISTINCT ON (s.uscc) s.* FROM ${STAGE} s WHERE s.err_reason IS NULL ORDER BY s.uscc, s.row_no DESC
     ), up AS (
       INSERT INTO registry_employer AS e (campaign_id, org_unit_id, org_unit_path, uscc, name, legal_representative, address, industry,
                                           staff_count, insured_count, uninsured_count, flags, import_job_id)
       SELECT $2, org_unit_id, org_unit_path, uscc, name, legal_representative, address, industry, staff_count, insured_count, uninsured_count, flags, $1
         FROM src
       ON CONFLICT (campaign_id, uscc) DO UPDATE SET
         org_unit_id = EXCLUDED.org_unit_id, org_unit_path = EXCLUDED.org_unit_path, name = EXCLUDED.name,
         legal_representative = EXCLUDED.legal_representative, address = EXCLUDED.address, industry = EXCLUDED.industry,
         staff_count = EXCLUDED.staff_count, insured_count = EXCLUDED.insured_count, uninsured_count = EXCLUDED.uninsured_count,
         flags = EXCLUDED.flags,
         cadre_id = CASE WHEN e.org_unit_id = EXCLUDED.org_unit_id THEN e.cadre_id END,
         assigned_at = CASE WHEN e.org_unit_id = EXCLUDED.org_unit_id THEN e.assigned_at END,
         import_job_id = EXCLUDED.import_job_id, updated_at = now()
       WHERE (e.org_unit_id, e.name, e.legal_representative, e.address, e.industry, e.staff_count, e.insured_count, e.uninsured_count, e.flags)
             IS DISTINCT FROM (EXCLUDED.org_unit_id, EXCLUDED.name, EXCLUDED.legal_representative, EXCLUDED.address, EXCLUDED.industry,
                               EXCLUDED.staff_count, EXCLUDED.insured_count, EXCLUDED.uninsured_count, EXCLUDED.flags)
       RETURNING (xmax = 0) AS ins
     )
     SELECT count(*) FILTER (WHERE ins)::int AS inserted, count(*) FILTER (WHERE NOT ins)::int AS updated FROM up`,
    [job.id, job.campaignId],
  );
  // People imported before their employer get linked now.
  await client.query(
    `UPDATE registry_person p SET employer_id = e.id, updated_at = now()
       FROM registry_employer e
      WHERE p.campaign_id = $1 AND e.campaign_id = $1 AND p.employer_uscc = e.uscc AND p.employer_id IS DISTINCT FROM e.id`,
    [job.campaignId],
  );
  return rows[0];
}
