import { ByteSource } from '#core';
import { PoolClient } from 'pg';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EntryLoadRepository } from '../repositories/entry-load.repository';
import { ClosedEntry, MatchRepository } from '../repositories/match.repository';
import { copyArray, copyValue, KnownUnit } from './column-sets';
import { LoadCounts } from './import-loader';
import { entryKindOf, mapMatchHeader, matchColumns, MatchDataKind, validateMatchRow } from './match-columns';
import { readRecords } from './record-source';

export interface MatchJob {
  id: string;
  campaignId: number;
  orgUnitId: number;
  purpose: 'roster' | 'department';
  dataKind: MatchDataKind;
  source: ByteSource;
  fileFormat: 'csv' | 'xlsx';
  /** The group a department's new people are filed under (registry source_group). */
  sourceGroup: string;
  /** A department's rows: the subtree (and its unit's name) their units must be in, null or absent for the campaign's whole tree. */
  within?: { path: string; name: string } | null;
}

export interface MatchResult extends LoadCounts {
  rowsOutOfScope: number;
  /** Roster: rows new to the roster; department: entries filed. */
  inserted: number;
  /** Roster: roster rows changed; department: entries reported again. */
  updated: number;
  /** Department rows found in the roster (已参保: no entry). */
  rowsInsured: number;
  /** Entries closed: enrolled (roster) or deceased (death records). */
  closed: ClosedEntry[];
  stagedMs: number;
  writtenMs: number;
}

const PROGRESS_EVERY = 20000;

/**
 * A roster or department upload, inside the caller's open transaction on `client` (ImportService.run: the same
 * claim, locks, progress, bad rows, file removal and audit as a registry import). The file is streamed
 * (readRecords), each row validated in Node and COPYed into a stage; bad rows go to a spool file COPYed into
 * registry_import_error (errors.csv). Then, by set:
 *  - roster: its rows upserted into the campaign's roster, then every open entry whose key is in the roster closed
 *    as enrolled (the caller audits them and queues their progress credits);
 *  - department people or employers: rows in the roster are counted insured and dropped; the others update the
 *    entry of their key or file a new one in their village; the upload is recorded as a source of each entry;
 *  - death records: the open entries they name are closed as deceased, and the upload recorded as their source.
 */
export async function matchFile(
  client: PoolClient,
  repo: MatchRepository,
  loads: EntryLoadRepository,
  job: MatchJob,
  units: Map<string, KnownUnit>,
  today: string,
  now: Date,
  onProgress: (c: LoadCounts) => void,
  spoolDir: string = tmpdir(),
): Promise<MatchResult> {
  const started = performance.now();
  const kind = entryKindOf(job.dataKind);
  const cols = matchColumns(job.purpose, job.dataKind)!;
  const records = readRecords(job.source, job.fileFormat)[Symbol.asyncIterator]();
  const first = await records.next();
  if (first.done) throw new Error('文件为空：没有表头行');
  const index = mapMatchHeader(job.purpose, job.dataKind, first.value.records[0]);
  const cellAt = cols.map((c) => index[c.key]);
  await repo.createStage(client);

  const counts: LoadCounts = { rowsRead: 0, rowsGood: 0, rowsBad: 0 };
  const errorFile = join(spoolDir, `yingbao-import-${job.id}-errors.tsv`);
  await unlink(errorFile).catch(() => undefined);
  const errors = createWriteStream(errorFile, { mode: 0o600 });
  let errorsFailed: Error | undefined;
  errors.on('error', (e) => (errorsFailed = e));
  async function writeErrors(text: string): Promise<void> {
    if (errorsFailed) throw errorsFailed;
    if (!errors.write(text)) await once(errors, 'drain');
  }
  async function* lines(): AsyncGenerator<string> {
    let batch = first.value!;
    let from = 1;
    for (;;) {
      const out: string[] = [];
      const bad: string[] = [];
      for (let k = from; k < batch.records.length; k++) {
        const rec = batch.records[k];
        const rowNo = batch.rows[k];
        counts.rowsRead++;
        const r = validateMatchRow(job.purpose, job.dataKind, rec, index, units, today, job.within);
        if (r.ok) {
          counts.rowsGood++;
          out.push(`${rowNo}\t${r.values.map((v) => copyValue(v)).join('\t')}\n`);
        } else {
          counts.rowsBad++;
          const cells = copyArray(cellAt.map((i) => (i < 0 ? '' : (rec[i] ?? ''))));
          r.errors.forEach((e, n) => bad.push(`${job.id}\t${rowNo}\t${copyValue(e.column)}\t${copyValue(e.reason)}\t${n === 0 ? cells : '\\N'}\n`));
        }
        if (counts.rowsRead % PROGRESS_EVERY === 0) onProgress({ ...counts });
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
    await repo.copyIntoStage(client, lines());
    if (!errorsFailed) await new Promise<void>((resolve) => errors.end(() => resolve()));
    if (errorsFailed) throw new Error(`错误行清单写入失败，本次导入未保存，请点击重试（could not write the list of bad rows: ${errorsFailed.message}）`);
    onProgress({ ...counts });
    const stagedMs = performance.now() - started;
    await loads.replaceErrors(client, job.id, errorFile);
    await repo.keepLastRows(client);
    const result: MatchResult = { ...counts, rowsOutOfScope: 0, inserted: 0, updated: 0, rowsInsured: 0, closed: [], stagedMs, writtenMs: 0 };
    if (job.purpose === 'roster') {
      Object.assign(result, await repo.upsertRoster(client, kind, job.campaignId, job.id, now));
      result.closed = await repo.closeEnrolled(client, kind, job.campaignId, now);
    } else if (job.dataKind === 'death') {
      result.closed = await repo.closeDeceased(client, job.campaignId, now);
      await repo.recordSources(client, kind, job, now);
    } else {
      result.rowsInsured = await repo.dropInsured(client, kind, job.campaignId);
      Object.assign(result, await repo.upsertEntries(client, kind, job, job.sourceGroup, now));
      await repo.recordSources(client, kind, job, now);
    }
    result.writtenMs = performance.now() - started - stagedMs;
    return result;
  } finally {
    errors.destroy();
    await unlink(errorFile).catch(() => undefined);
  }
}
