import { orderBySql, queryAffected, queryOne, queryRows, SortParams } from '#core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PoolClient } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import type { ImportErrorSort, ImportSort } from '../dto/import-request.dto';
import type { BadRow } from '../import/errors-csv';
import { EntryKind } from '../registry.types';
import type { ImportPurpose, MatchDataKind } from '../import/match-columns';
import { PageWindow } from './entry.repository';

export interface ImportJobView {
  id: string;
  campaignId: number;
  kind: EntryKind;
  orgUnitId: number;
  fileName: string;
  fileFormat: 'csv' | 'xlsx';
  status: string;
  attempts: number;
  rowsRead: number;
  rowsGood: number;
  rowsBad: number;
  /** Of the bad rows, those whose key belongs to an entry outside the importer's subtree. */
  rowsOutOfScope: number;
  inserted: number;
  updated: number;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Who uploaded it (display name), null for an account gone. */
  createdByName: string | null;
  /** 'registry' (the entry import), 'roster' (the insured roster) or 'department' (a department's list matched against it). */
  purpose: ImportPurpose;
  /** A roster or department upload's list: person, employer or death; null for a registry import. */
  dataKind: MatchDataKind | null;
  /** The duty a department's upload delivers, null for none. */
  dutyCode: string | null;
  /** Rows found in the insured roster (counted as 已参保, no entry). */
  rowsInsured: number;
  /** Entries the upload closed: a roster's enrolled, civil affairs' deceased. */
  entriesClosed: number;
}

/** An import as its run sees it once claimed. */
export interface ClaimedImport {
  id: string;
  campaignId: number;
  kind: EntryKind;
  orgUnitPath: string;
  seesAll: boolean;
  /** The upload in the database; filePath for an import filed before uploads moved there. */
  uploadId: string | null;
  filePath: string | null;
  fileFormat: 'csv' | 'xlsx';
  fileName: string;
  createdBy: number | null;
  orgUnitId: number;
  purpose: ImportPurpose;
  dataKind: MatchDataKind | null;
  dutyCode: string | null;
}

export interface NewImportJob {
  campaignId: number;
  kind: EntryKind;
  orgUnitId: number;
  orgUnitPath: string;
  seesAll: boolean;
  fileName: string;
  uploadId: string;
  fileFormat: 'csv' | 'xlsx';
  createdBy: number;
  purpose?: ImportPurpose;
  dataKind?: MatchDataKind | null;
  dutyCode?: string | null;
}

/** The counts a finished load writes on its import. */
export interface ImportOutcome {
  rowsRead: number;
  rowsGood: number;
  rowsBad: number;
  rowsOutOfScope: number;
  inserted: number;
  updated: number;
  rowsInsured?: number;
  entriesClosed?: number;
}

const JOB_COLUMNS = `id, campaign_id AS "campaignId", kind, org_unit_id AS "orgUnitId", file_name AS "fileName", file_format AS "fileFormat", status, attempts,
  rows_read AS "rowsRead", rows_good AS "rowsGood", rows_bad AS "rowsBad", rows_out_of_scope AS "rowsOutOfScope", inserted, updated, error, created_at AS "createdAt",
  started_at AS "startedAt", finished_at AS "finishedAt", (SELECT u.display_name FROM org_user_v u WHERE u.id = created_by) AS "createdByName",
  purpose, data_kind AS "dataKind", duty_code AS "dutyCode", rows_insured AS "rowsInsured", entries_closed AS "entriesClosed"`;

/** The column behind each sort key of the import list; ties fall back to the id. */
const IMPORT_ORDER: Record<ImportSort, string> = {
  createdAt: 'created_at',
  fileName: 'file_name',
  status: 'status',
  rowsRead: 'rows_read',
  rowsBad: 'rows_bad',
  finishedAt: 'finished_at',
};

/** The column behind each sort key of an import's bad rows. */
const IMPORT_ERROR_ORDER: Record<ImportErrorSort, string> = { rowNumber: 'row_number', column: 'column_name', reason: 'reason' };

/**
 * The tables registry_import_job and registry_import_error (the bad rows a load COPYs in are the
 * loader's: entry-load.repository.ts), and the advisory lock that one run of an import holds.
 */
@Injectable()
export class ImportJobRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts an import, queued; answers its id. */
  async insert(m: EntityManager, j: NewImportJob): Promise<string> {
    const row = await queryOne<{ id: string }>(
      m,
      `INSERT INTO registry_import_job (campaign_id, kind, org_unit_id, org_unit_path, sees_all, file_name, upload_id, file_format, created_by, purpose, data_kind, duty_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        j.campaignId,
        j.kind,
        j.orgUnitId,
        j.orgUnitPath,
        j.seesAll,
        j.fileName,
        j.uploadId,
        j.fileFormat,
        j.createdBy,
        j.purpose ?? 'registry',
        j.dataKind ?? null,
        j.dutyCode ?? null,
      ],
    );
    return String(row!.id);
  }

  /** An import as the API shows it; undefined if none. */
  async view(m: EntityManager | DataSource, id: string): Promise<ImportJobView | undefined> {
    return queryOne<ImportJobView>(m, `SELECT ${JOB_COLUMNS} FROM registry_import_job WHERE id = $1`, [id]);
  }

  /**
   * A page of imports, newest first, with the total: those filed under a unit path prefix (null for all), of a
   * campaign, in a status, uploaded by a user and of a kind (null for any).
   */
  async page(
    f: {
      pathPrefix: string | null;
      createdBy?: number | null;
      campaignId?: number;
      status?: string;
      kind?: string;
      purpose?: ImportPurpose;
      orgUnitId?: number | null;
      dataKind?: string;
    },
    page: PageWindow & SortParams<ImportSort>,
  ): Promise<[ImportJobView[], number]> {
    const filter = [
      f.pathPrefix === null ? null : `${f.pathPrefix}%`,
      f.campaignId ?? null,
      f.status ?? null,
      f.createdBy ?? null,
      f.kind ?? null,
      f.purpose ?? 'registry',
      f.orgUnitId ?? null,
      f.dataKind ?? null,
    ];
    // the imports matching the filter ($1 path prefix, $2 campaign, $3 status, $4 uploader, $5 kind, $6 purpose, $7 uploading unit, $8 data kind; null for any)
    const from = `FROM registry_import_job WHERE ($1::text IS NULL OR org_unit_path LIKE $1::text) AND ($2::int IS NULL OR campaign_id = $2::int)
      AND ($3::text IS NULL OR status = $3::text) AND ($4::int IS NULL OR created_by = $4::int) AND ($5::text IS NULL OR kind = $5::text)
      AND purpose = $6::text AND ($7::int IS NULL OR org_unit_id = $7::int) AND ($8::text IS NULL OR data_kind = $8::text)`;
    const items = await queryRows<ImportJobView>(
      this.dataSource,
      `SELECT ${JOB_COLUMNS} ${from} ${orderBySql(page, IMPORT_ORDER, 'id DESC')} LIMIT $9 OFFSET $10`,
      [...filter, page.pageSize, page.offset],
    );
    const row = await queryOne<{ n: number }>(this.dataSource, `SELECT count(*)::int AS n ${from}`, filter);
    return [items, row!.n];
  }

  /** An import as the API shows it, with the importer's unit path (for the scope check); undefined if none. */
  async viewWithPath(id: string): Promise<(ImportJobView & { org_unit_path?: string }) | undefined> {
    return queryOne(this.dataSource, `SELECT ${JOB_COLUMNS}, org_unit_path FROM registry_import_job WHERE id = $1`, [id]);
  }

  /** One page of an import's bad rows, sorted (by row number when no sort is asked). */
  async errorPage(id: string, page: PageWindow & SortParams<ImportErrorSort>): Promise<{ rowNumber: number; column: string; reason: string }[]> {
    return queryRows(
      this.dataSource,
      `SELECT row_number AS "rowNumber", column_name AS "column", reason FROM registry_import_error WHERE import_job_id = $1
        ${orderBySql(page, IMPORT_ERROR_ORDER, 'row_number, id')} LIMIT $2 OFFSET $3`,
      [id, page.pageSize, page.offset],
    );
  }

  /** How many bad rows an import has. */
  async errorCount(id: string): Promise<number> {
    const row = await queryOne<{ n: number }>(this.dataSource, `SELECT count(*)::int AS n FROM registry_import_error WHERE import_job_id = $1`, [id]);
    return row!.n;
  }

  /** Every bad row of an import, by row number: its error lines' columns and reasons in order, and the cells its first line holds. */
  async badRows(id: string): Promise<BadRow[]> {
    return queryRows(
      this.dataSource,
      `SELECT row_number AS "rowNumber", array_agg(column_name ORDER BY id) AS columns, array_agg(reason ORDER BY id) AS reasons,
              max(cells) AS cells -- only one error line of a row holds them
         FROM registry_import_error WHERE import_job_id = $1 GROUP BY row_number ORDER BY row_number`,
      [id],
    );
  }

  /** An import's status, attempts and file removal, locked FOR UPDATE (the import exists). */
  async lockForRetry(m: EntityManager, id: string): Promise<{ status: string; attempts: number; file_removed_at: Date | null }> {
    return (await queryOne(m, `SELECT status, attempts, file_removed_at FROM registry_import_job WHERE id = $1 FOR UPDATE`, [id]))!;
  }

  /** Sets an import queued again with its re-run count; answers nothing. */
  async markQueued(m: EntityManager, id: string, reruns: number): Promise<void> {
    await m.query(`UPDATE registry_import_job SET status = 'queued', error = NULL, reruns = $2 WHERE id = $1`, [id, reruns]);
  }

  /** Claims an import not done for a run (running, one attempt more, counts reset); answers it, or undefined if it is done. */
  async claim(id: string, now: Date): Promise<ClaimedImport | undefined> {
    return queryOne<ClaimedImport>(
      this.dataSource,
      `UPDATE registry_import_job SET status = 'running', attempts = attempts + 1, started_at = $2, error = NULL, rows_read = 0, rows_good = 0, rows_bad = 0
        WHERE id = $1 AND status <> 'done'
        RETURNING id::text, campaign_id AS "campaignId", kind, org_unit_path AS "orgUnitPath", sees_all AS "seesAll", upload_id::text AS "uploadId",
                  file_path AS "filePath", file_format AS "fileFormat", file_name AS "fileName", created_by AS "createdBy", org_unit_id AS "orgUnitId", purpose,
                  data_kind AS "dataKind", duty_code AS "dutyCode"`,
      [id, now],
    );
  }

  /** Takes the run lock of an import on the load's connection, waiting for a run that holds it; held to the commit. */
  async lockRun(client: PoolClient, id: string): Promise<void> {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('registry_import'), $1::int)`, [id]);
  }

  /** Takes the run lock of an import if it is free (held to the commit); answers whether it was. */
  async tryLockRun(m: EntityManager, id: string): Promise<boolean> {
    const row = await queryOne<{ free: boolean }>(m, `SELECT pg_try_advisory_xact_lock(hashtext('registry_import'), $1::int) AS free`, [id]);
    return row!.free;
  }

  /** Takes the campaign's import lock on the load's connection (one import at a time per campaign); held to the commit. */
  async lockCampaignImports(client: PoolClient, campaignId: number): Promise<void> {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('registry_import_campaign'), $1::int)`, [campaignId]);
  }

  /** An import's status, read on the load's connection (the import exists). */
  async statusOn(client: PoolClient, id: string): Promise<string> {
    const { rows } = await client.query(`SELECT status FROM registry_import_job WHERE id = $1`, [id]);
    return rows[0].status;
  }

  /** Writes a running load's counts, outside its transaction; answers nothing. */
  async reportProgress(id: string, c: { rowsRead: number; rowsGood: number; rowsBad: number }): Promise<void> {
    await this.dataSource.query(`UPDATE registry_import_job SET rows_read = $2, rows_good = $3, rows_bad = $4 WHERE id = $1`, [
      id,
      c.rowsRead,
      c.rowsGood,
      c.rowsBad,
    ]);
  }

  /** Marks an import done with its counts, in the load's transaction (file_removed_at = now if `removed`); answers nothing. */
  async markDone(client: PoolClient, id: string, r: ImportOutcome, now: Date, removed: boolean): Promise<void> {
    await client.query(
      `UPDATE registry_import_job SET status = 'done', rows_read = $2, rows_good = $3, rows_bad = $4, rows_out_of_scope = $5, inserted = $6, updated = $7,
              finished_at = $8, file_removed_at = CASE WHEN $9::boolean THEN $8::timestamptz END, rows_insured = $10, entries_closed = $11 WHERE id = $1`,
      [id, r.rowsRead, r.rowsGood, r.rowsBad, r.rowsOutOfScope, r.inserted, r.updated, now, removed, r.rowsInsured ?? 0, r.entriesClosed ?? 0],
    );
  }

  /**
   * Marks an import failed with its reason (file_removed_at = now if `removed` and not set yet), never over a
   * done one (a COMMIT that succeeded without its answer reaching us); answers nothing.
   */
  async markFailed(id: string, error: string, now: Date, removed: boolean): Promise<void> {
    await this.dataSource.query(
      `UPDATE registry_import_job SET status = 'failed', error = $2, finished_at = $3,
              file_removed_at = COALESCE(file_removed_at, CASE WHEN $4::boolean THEN $3::timestamptz END) WHERE id = $1 AND status <> 'done'`,
      [id, error, now, removed],
    );
  }

  /** Imports whose upload is still kept: done ones, and failed ones finished by `cutoff`; at most 1000, by id. */
  async uploadsToSweep(cutoff: Date): Promise<{ id: string; uploadId: string | null; filePath: string | null }[]> {
    return queryRows(
      this.dataSource,
      `SELECT id::text, upload_id::text AS "uploadId", file_path AS "filePath" FROM registry_import_job WHERE file_removed_at IS NULL AND (status = 'done' OR (status = 'failed' AND finished_at <= $1))
        ORDER BY id LIMIT 1000`,
      [cutoff],
    );
  }

  /** Notes an ended (done or failed) import's upload removed, once; answers whether this call noted it. */
  async noteUploadRemoved(id: string, now: Date): Promise<boolean> {
    const n = await queryAffected(
      this.dataSource,
      `UPDATE registry_import_job SET file_removed_at = $2 WHERE id = $1 AND file_removed_at IS NULL AND status IN ('done', 'failed')`,
      [id, now],
    );
    return n > 0;
  }

  /** Imports queued or running, by id (at most 200). */
  async openIds(): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `SELECT id::text FROM registry_import_job WHERE status IN ('queued', 'running') ORDER BY id LIMIT 200`,
    );
    return rows.map((r) => r.id);
  }

  /** An import's status, attempts and re-runs, locked FOR UPDATE; undefined if none. */
  async lockForRerun(m: EntityManager, id: string): Promise<{ status: string; attempts: number; reruns: number } | undefined> {
    return queryOne(m, `SELECT status, attempts, reruns FROM registry_import_job WHERE id = $1 FOR UPDATE`, [id]);
  }

  /** Fails an import whose job died, with the reason; answers nothing. */
  async failDied(m: EntityManager, id: string, reason: string): Promise<void> {
    await m.query(`UPDATE registry_import_job SET status = 'failed', error = $2, finished_at = now() WHERE id = $1`, [id, reason]);
  }
}
