import { ByteSource } from '#core';
import { PoolClient } from 'pg';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EntryKind } from '../registry.types';
import { campaignPartition, EntryLoadRepository, LoadTarget } from '../repositories/entry-load.repository';
import {
  ColumnIndex,
  columnsOf,
  copyArray,
  copyValue,
  EMPLOYER_STAGE,
  KnownUnit,
  mapHeader,
  PERSON_STAGE,
  RowResult,
  validateEmployerRow,
  validatePersonRow,
} from './column-sets';
import { KeySet } from './key-set';
import { hashText, rowHash } from './row-hash';
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
  /** The uploaded file's bytes (import/upload-storage.ts). */
  source: ByteSource;
  fileFormat: 'csv' | 'xlsx';
  /** The importer's subtree (path prefix); null when the importer sees the whole tree (admins, the root office). */
  scopePath: string | null;
}

/** What the import writes into one entry table, and how it validates a row of it. */
interface EntryTable extends LoadTarget {
  validate: (rec: string[], index: ColumnIndex, units: Map<string, KnownUnit>, today: string) => RowResult;
}

export const PERSON_LOAD: EntryTable = {
  table: 'registry_person',
  key: 'id_number',
  // employer_id is not in the file: the loader finds it from employer_uscc.
  columns: [...PERSON_STAGE, 'employer_id'],
  fixed: ['id_number', 'sex', 'birth_date'],
  validate: validatePersonRow,
  keyColumn: 'idNumber',
  foreignKeyReason: '该证件号码已登记在其他单位名下，本次导入未作修改，请联系扩面办处理',
  // the stage holds the values as validated (the group as its code): as near the file's cells as it has them
  cellsSql: `ARRAY[s.id_number, s.name, s.phone, s.address, o.code, s.source_group, s.current_scheme, s.insurance_status, s.employer_uscc]`,
};

export const EMPLOYER_LOAD: EntryTable = {
  table: 'registry_employer',
  key: 'uscc',
  columns: EMPLOYER_STAGE,
  fixed: ['uscc'],
  validate: (rec, index, units) => validateEmployerRow(rec, index, units),
  keyColumn: 'uscc',
  foreignKeyReason: '该统一社会信用代码已登记在其他单位名下，本次导入未作修改，请联系扩面办处理',
  cellsSql: `ARRAY[s.uscc, s.name, s.legal_representative, s.address, o.code, s.industry, s.staff_count::text, s.insured_count::text,
    s.uninsured_count::text, array_to_string(s.flags::text[], ';')]`,
};

const EMPLOYER_USCC = PERSON_STAGE.indexOf('employer_uscc');
const PROGRESS_EVERY = 20000;

/**
 * Loads one file inside the caller's open transaction on `client`; nothing is visible to others
 * until the caller commits, and a run that dies leaves nothing. Rows are streamed, validated in Node
 * and sent with one COPY:
 *  - the campaign's first load into the table (no entry yet) COPYs the good rows straight into a new
 *    table, deletes the earlier rows of keys the file repeats (the last row wins), builds the indexes
 *    and attaches the table as the campaign's partition (repositories/entry-load.repository.ts);
 *  - a later load first reads the row hashes of the campaign's entries (row-hash.ts, migration
 *    1764001390000) and sends no row whose hash is among them: that row equals its entry, so an unchanged
 *    file stages almost nothing. (Such a row still counts as the last of its key: when its key came
 *    earlier in the file it is staged as a marker, key and row number only, which wins and writes
 *    nothing.) The other rows are COPYed into a temporary staging table, then one statement takes the
 *    last row of each key, updates the entries whose values differ (IS DISTINCT FROM: a merge keeps the
 *    entry's id, status, cadre and visits) and inserts the new keys. Imports of one campaign are
 *    serialised by the caller's advisory lock, so no ON CONFLICT is needed.
 * Every row written carries its hash.
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
  loads: EntryLoadRepository,
  job: LoadJob,
  units: Map<string, KnownUnit>,
  today: string,
  onProgress: (c: LoadCounts) => void,
  hooks: { afterStage?: () => Promise<void>; spoolDir?: string } = {},
): Promise<LoadResult> {
  const started = performance.now();
  const t = job.kind === 'person' ? PERSON_LOAD : EMPLOYER_LOAD;
  const records = readRecords(job.source, job.fileFormat)[Symbol.asyncIterator]();
  const first = await records.next();
  if (first.done) throw new Error('文件为空：没有表头行');
  const index = mapHeader(job.kind, first.value.records[0]);
  const cellAt = columnsOf(job.kind).map((c) => index[c.key]);
  // First, before this transaction reads any entry table: a first load takes its turn (repositories/entry-load.repository.ts).
  const fresh = await loads.isFirstLoad(client, t.table, job.campaignId);
  const employerIds = t === PERSON_LOAD && index.employerUscc >= 0 ? await loads.campaignEmployers(client, job.campaignId) : undefined;
  let copyInto: (chunks: AsyncIterable<string>) => Promise<void>;
  let prefix: (rowNo: number) => string;
  const hashed = [...t.columns, 'row_hash'];
  const unchanged = fresh ? undefined : await loads.campaignHashes(client, t.table, job.campaignId);
  if (fresh) {
    const part = await loads.createLoadTable(client, t.table, job.campaignId);
    copyInto = (chunks) => loads.copyIntoPartition(client, part, hashed, chunks);
    const lead = `${Number(job.campaignId)}\t${Number(job.id)}`;
    prefix = () => lead;
  } else {
    // The staged rows (about 200 MB for 1.2 M changed people) are sorted once for the update and the insert.
    await loads.createStage(client, hashed);
    copyInto = (chunks) => loads.copyIntoStage(client, hashed, chunks);
    prefix = String;
  }
  // a marker's columns after its key: none known (the row equals its entry), no hash
  const markerTail = '\t\\N'.repeat(t.columns.length) + '\n';

  const counts: LoadCounts = { rowsRead: 0, rowsGood: 0, rowsBad: 0 };
  const seen = new KeySet();
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
          else if (t === PERSON_LOAD) values.push(null);
          const body = copyBody(values, free);
          const hash = rowHash(body);
          const again = !seen.add(values[0] as string);
          if (!unchanged) {
            if (again) repeated.add(values[0] as string);
            out.push(`${prefix(rowNo)}${body}\t${hashText(hash)}\n`);
          } else if (!unchanged.has(hash)) out.push(`${rowNo}${body}\t${hashText(hash)}\n`);
          else if (again) out.push(`${rowNo}\t${values[0]}${markerTail}`);
        } else {
          counts.rowsBad++;
          // the row's cells (documented columns, template order) go with its first error, for errors.csv
          const cells = copyArray(cellAt.map((i) => (i < 0 ? '' : (rec[i] ?? ''))));
          r.errors.forEach((e, k) => bad.push(`${job.id}\t${rowNo}\t${copyValue(e.column)}\t${copyValue(e.reason)}\t${k === 0 ? cells : '\\N'}\n`));
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
    await copyInto(lines());
    if (!errorsFailed) await new Promise<void>((resolve) => errors.end(() => resolve()));
    if (errorsFailed)
      throw new Error(`错误行清单写入失败，本次导入未保存，请点击重试（could not write the list of bad rows: ${errorsFailed.message}）`, {
        cause: errorsFailed,
      });
    onProgress({ ...counts });
    const stagedMs = performance.now() - started;
    if (hooks.afterStage) await hooks.afterStage();

    await loads.replaceErrors(client, job.id, errorFile);
    let written: { inserted: number; updated: number };
    let rowsOutOfScope = 0;
    if (fresh) {
      const part = campaignPartition(t.table, job.campaignId);
      const dropped = repeated.size ? await loads.dropEarlierRepeats(client, part, t.key, [...repeated]) : 0;
      // before ATTACH, whose lock on the default partition lasts until the commit
      if (t === EMPLOYER_LOAD) await loads.linkPeople(client, job.campaignId, part);
      await loads.attachLoaded(client, t.table, part, job.campaignId);
      written = { inserted: counts.rowsGood - dropped, updated: 0 };
    } else {
      if (job.scopePath !== null) {
        rowsOutOfScope = await loads.refuseForeignKeys(client, job, t, job.scopePath);
        counts.rowsGood -= rowsOutOfScope;
        counts.rowsBad += rowsOutOfScope;
      }
      written = await loads.upsertEntries(client, job, t);
      if (t === EMPLOYER_LOAD) await loads.linkPeople(client, job.campaignId, t.table);
    }
    return { ...counts, ...written, rowsOutOfScope, stagedMs, writtenMs: performance.now() - started - stagedMs };
  } finally {
    errors.destroy();
    await unlink(errorFile).catch(() => undefined);
  }
}

/** Stage columns a clerk types freely; the others are validated codes, numbers and dates that need no COPY escaping. */
const FREE_TEXT = new Set(['name', 'address', 'current_scheme', 'insurance_status', 'legal_representative', 'industry']);

/** A good row's values as COPY text, each after a tab (`free[i]`: value i may need escaping); its row hash is taken of this text. */
function copyBody(values: (string | number | null)[], free: boolean[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    line += v === null ? '\t\\N' : `\t${free[i] ? copyValue(v as string) : v}`;
  }
  return line;
}
