import { AppConfig, AuditService, AuthUser, Clock, DomainError, JobHandlers, JobLookup, OutboxService, PageQuery, pageOf, pathInScope, Role } from '#core';
import { existsSync } from 'node:fs';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PoolClient } from 'pg';
import { tmpdir } from 'node:os';
import { extname } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { EntryKind } from '../entities/registry-types';
import { KnownUnit } from './column-sets';
import { loadFile, LoadCounts, LoadResult } from './import-loader';
import { removeUpload } from './upload-storage';

/** What the audit row of an import records. */
function auditCounts(job: { campaignId: number; kind: EntryKind; fileName: string }, r: LoadResult) {
  return {
    campaignId: job.campaignId,
    kind: job.kind,
    fileName: job.fileName,
    rows: r.rowsRead,
    inserted: r.inserted,
    updated: r.updated,
    bad: r.rowsBad,
    outOfScope: r.rowsOutOfScope,
  };
}

/** A run cut off by its database connection (a PostgreSQL restart, a killed session): worth running again as it is. */
function connectionLost(e: Error & { code?: string }): boolean {
  return /^(57P0[1-3]|08)/.test(e.code ?? '') || /Connection terminated|ECONNRESET|ECONNREFUSED|terminating connection/i.test(e.message);
}

/** Why an import failed, for the clerk: a lost database connection says so in Chinese. */
function failureReason(e: Error): string {
  return connectionLost(e) ? `导入中断：数据库连接断开或重启，请点击重试 (${e.message})` : e.message;
}

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
}

const JOB_COLUMNS = `id, campaign_id AS "campaignId", kind, org_unit_id AS "orgUnitId", file_name AS "fileName", file_format AS "fileFormat", status, attempts,
  rows_read AS "rowsRead", rows_good AS "rowsGood", rows_bad AS "rowsBad", rows_out_of_scope AS "rowsOutOfScope", inserted, updated, error, created_at AS "createdAt",
  started_at AS "startedAt", finished_at AS "finishedAt"`;

/**
 * Registry imports: the api stores the upload on disk and queues a job; the worker streams the file
 * into the entry table (import-loader.ts) in ONE transaction, so a run that dies midway leaves nothing
 * (not even its error list, nor a half-built partition) and can simply be run again.
 */
@Injectable()
export class ImportService implements OnModuleInit {
  private readonly logger = new Logger(ImportService.name);
  /** Test hook: runs after the file is staged, before anything is written (used to prove an aborted run leaves nothing). */
  afterStageHook?: (importJobId: string) => Promise<void>;
  /** Folder for the bad-rows file of a running load (a test points it at a missing folder). */
  spoolDir = tmpdir();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly handlers: JobHandlers,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly jobs: JobLookup,
  ) {}

  onModuleInit(): void {
    this.handlers.register('registry.import', ({ importJobId }) => this.run(importJobId));
  }

  async create(user: AuthUser, input: { campaignId: number; kind: EntryKind; fileName: string; filePath: string }): Promise<ImportJobView> {
    const ext = extname(input.fileName).toLowerCase();
    const format = ext === '.csv' ? 'csv' : ext === '.xlsx' ? 'xlsx' : null;
    if (!format) throw DomainError.validation('file', 'upload a .csv or .xlsx file');
    return this.dataSource.transaction(async (m) => {
      const [campaign] = await m.query(`SELECT c.id, u.path FROM campaign c JOIN org_unit u ON u.id = c.org_unit_id WHERE c.id = $1`, [input.campaignId]);
      if (!campaign) throw DomainError.notFound('campaign', input.campaignId);
      // as campaigns are visible: the campaign's unit is the importer's or above it (the units below hold its tasks), or in its subtree
      if (!pathInScope(user, campaign.path) && !user.orgUnitPath.startsWith(campaign.path))
        throw DomainError.outOfScope(`活动 ${input.campaignId} 不属于本单位，不能向其导入名册 (campaign outside your organisation unit)`);
      const [row] = await m.query(
        `INSERT INTO registry_import_job (campaign_id, kind, org_unit_id, org_unit_path, sees_all, file_name, file_path, file_format, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [input.campaignId, input.kind, user.orgUnitId, user.orgUnitPath, user.seesAll, input.fileName, input.filePath, format, user.id],
      );
      await this.outbox.enqueue(m, 'registry.import', { importJobId: String(row.id) }, { jobId: `registry-import-${row.id}-0` });
      const [view] = await m.query(`SELECT ${JOB_COLUMNS} FROM registry_import_job WHERE id = $1`, [row.id]);
      return view;
    });
  }

  async get(user: AuthUser, id: string): Promise<ImportJobView> {
    const [row] = await this.dataSource.query(`SELECT ${JOB_COLUMNS}, org_unit_path FROM registry_import_job WHERE id = $1`, [id]);
    if (!row) throw DomainError.notFound('import', id);
    if (!user.seesAll && !String(row.org_unit_path).startsWith(user.orgUnitPath)) throw DomainError.outOfScope();
    delete row.org_unit_path;
    return row;
  }

  async errors(user: AuthUser, id: string, q: PageQuery) {
    await this.get(user, id);
    const items = await this.dataSource.query(
      `SELECT row_number AS "rowNumber", column_name AS "column", reason FROM registry_import_error WHERE import_job_id = $1 ORDER BY row_number, id LIMIT $2 OFFSET $3`,
      [id, q.pageSize, q.offset],
    );
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM registry_import_error WHERE import_job_id = $1`, [id]);
    return pageOf(items, n, q);
  }

  /** Bad rows as CSV (行号,列,原因), with a BOM so Excel opens it as UTF-8. */
  async errorsCsv(user: AuthUser, id: string): Promise<string> {
    await this.get(user, id);
    const rows: { row_number: number; column_name: string; reason: string }[] = await this.dataSource.query(
      `SELECT row_number, column_name, reason FROM registry_import_error WHERE import_job_id = $1 ORDER BY row_number, id`,
      [id],
    );
    const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    return '\uFEFF行号,列,原因\n' + rows.map((r) => `${r.row_number},${q(r.column_name)},${q(r.reason)}`).join('\n') + (rows.length ? '\n' : '');
  }

  /** Queues a failed (or lost) import again; a done import is not re-run, nor is a running one (ImportReconciler sees to one whose job died). */
  async retry(user: AuthUser, id: string): Promise<ImportJobView> {
    await this.get(user, id);
    await this.dataSource.transaction(async (m) => {
      const [row] = await m.query(`SELECT status, attempts, file_removed_at FROM registry_import_job WHERE id = $1 FOR UPDATE`, [id]);
      if (row.status === 'done') throw DomainError.invalidState(`import ${id} is done; upload the file again to re-import it`);
      if (row.status === 'running')
        throw DomainError.invalidState(
          `导入 ${id} 正在进行，请稍候；若处理中断，系统会自动重新执行或标记为失败 (import ${id} is running; one whose job died is re-run or failed by itself)`,
        );
      // queued but lost (a Redis that lost its data, a restored database): written again; still waiting: refused
      if (row.status === 'queued' && (await this.jobs.isPending(m, 'registry.import', `registry-import-${id}-`)))
        throw DomainError.invalidState(`导入 ${id} 已在排队，请稍候 (import ${id} is already queued)`);
      if (row.file_removed_at)
        throw DomainError.invalidState(
          `导入 ${id} 的上传文件已按保留规定删除，请重新上传文件 (the uploaded file of import ${id} was deleted; upload it again)`,
        );
      await this.queueAgain(m, id, row.attempts, 0);
    });
    return this.get(user, id);
  }

  /** Queues import `id` again (a retry, or the reconciler's re-run: `reruns` is what it counts; a retry starts it at 0). */
  async queueAgain(m: EntityManager, id: string, attempts: number, reruns: number): Promise<void> {
    await m.query(`UPDATE registry_import_job SET status = 'queued', error = NULL, reruns = $2 WHERE id = $1`, [id, reruns]);
    // a fresh id each time: BullMQ may still hold the lost job as completed or failed, and would drop a repeat
    const jobId = `registry-import-${id}-${attempts}-r${this.clock.now().getTime()}${reruns ? `-a${reruns}` : ''}`;
    await this.outbox.enqueue(m, 'registry.import', { importJobId: id }, { jobId });
  }

  /** The queue job. Idempotent: a done import returns at once; two runs of one import serialise on an advisory lock. */
  async run(importJobId: string): Promise<void> {
    // TypeORM answers an UPDATE ... RETURNING with [rows, rowCount].
    const [[job]] = await this.dataSource.query(
      `UPDATE registry_import_job SET status = 'running', attempts = attempts + 1, started_at = $2, error = NULL, rows_read = 0, rows_good = 0, rows_bad = 0
        WHERE id = $1 AND status <> 'done'
        RETURNING id::text, campaign_id AS "campaignId", kind, org_unit_path AS "orgUnitPath", sees_all AS "seesAll", file_path AS "filePath",
                  file_format AS "fileFormat", file_name AS "fileName", created_by AS "createdBy"`,
      [importJobId, this.clock.now()],
    );
    if (!job) return;
    const qr = this.dataSource.createQueryRunner();
    let progress: Promise<unknown> = Promise.resolve();
    try {
      const client = (await qr.connect()) as PoolClient;
      await client.query('BEGIN');
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('registry_import'), $1::int)`, [importJobId]);
      const [again] = (await client.query(`SELECT status FROM registry_import_job WHERE id = $1`, [importJobId])).rows;
      if (again.status === 'done') {
        await client.query('ROLLBACK');
        return;
      }
      // One import at a time per campaign, people and employers alike: the load inserts new keys without
      // ON CONFLICT, and a people file links to the employers committed before it (an employer file links
      // the people committed before it), so neither may run beside the other.
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('registry_import_campaign'), $1::int)`, [job.campaignId]);
      // Entries no longer carry per-row foreign keys (migration 1764000300002): lock what they will
      // reference, as a key check would, so that the campaign and the units stay until this commits.
      const campaign = await client.query(`SELECT 1 FROM campaign WHERE id = $1 FOR KEY SHARE`, [job.campaignId]);
      if (!campaign.rowCount) throw new Error(`campaign ${job.campaignId} no longer exists`);
      const units = await this.knownUnits(client, job.orgUnitPath, job.kind);
      // Progress goes through the pool (outside the load transaction) so the API sees it while the load runs.
      const report = (c: LoadCounts) => {
        progress = progress.then(() =>
          this.dataSource
            .query(`UPDATE registry_import_job SET rows_read = $2, rows_good = $3, rows_bad = $4 WHERE id = $1`, [
              importJobId,
              c.rowsRead,
              c.rowsGood,
              c.rowsBad,
            ])
            .catch(() => undefined),
        );
      };
      const scopePath: string | null = job.seesAll ? null : job.orgUnitPath;
      const result = await loadFile(client, { ...job, scopePath }, units, this.clock.today(), report, {
        afterStage: this.afterStageHook ? () => this.afterStageHook!(importJobId) : undefined,
        spoolDir: this.spoolDir,
      });
      await progress;
      this.logger.log(
        `registry import ${importJobId}: ${result.rowsRead} rows (${result.rowsBad} bad, ${result.rowsOutOfScope} out of scope), ${result.inserted} inserted, ${result.updated} updated; ` +
          `staged in ${(result.stagedMs / 1000).toFixed(1)} s, written in ${(result.writtenMs / 1000).toFixed(1)} s`,
      );
      // The file is read in full by now: delete it before 'done' is visible, so no one sees a done import whose
      // upload is still on disk. Should the commit then fail, the import fails and asks for a new upload.
      const removed = await this.unlinkQuietly(importJobId, job.filePath);
      await client.query(
        `UPDATE registry_import_job SET status = 'done', rows_read = $2, rows_good = $3, rows_bad = $4, rows_out_of_scope = $5, inserted = $6, updated = $7,
                finished_at = $8, file_removed_at = CASE WHEN $9::boolean THEN $8::timestamptz END WHERE id = $1`,
        [importJobId, result.rowsRead, result.rowsGood, result.rowsBad, result.rowsOutOfScope, result.inserted, result.updated, this.clock.now(), removed],
      );
      // qr.manager runs on this same connection, so the audit row commits with the entries
      await this.audit.record(qr.manager, await this.actorOf(job.createdBy), {
        action: 'registry.import',
        entity: 'registry_import_job',
        entityId: importJobId,
        orgUnitPath: job.orgUnitPath,
        after: auditCounts(job, result),
      });
      await client.query('COMMIT');
    } catch (e) {
      await qr.query('ROLLBACK').catch(() => undefined);
      await progress;
      const message = failureReason(e as Error);
      this.logger.warn(`registry import ${importJobId} failed: ${message}`);
      // A failed import keeps its file only as long as UPLOAD_RETAIN_FAILED_HOURS says (for a retry; the sweep
      // removes it later); with no retention it is deleted before 'failed' is visible.
      // (a run cut off by the database keeps it: the database may not even have heard of this failure, and the run is re-run)
      // (or gone already: deleted just before a COMMIT that then failed) so that a retry asks for a new upload
      const removed =
        (this.config.UPLOAD_RETAIN_FAILED_HOURS === 0 && !connectionLost(e as Error) && (await this.unlinkQuietly(importJobId, job.filePath))) ||
        !existsSync(job.filePath);
      // never over a done import (a COMMIT that succeeded without its answer reaching us)
      await this.dataSource
        .query(
          `UPDATE registry_import_job SET status = 'failed', error = $2, finished_at = $3,
                  file_removed_at = COALESCE(file_removed_at, CASE WHEN $4::boolean THEN $3::timestamptz END) WHERE id = $1 AND status <> 'done'`,
          [importJobId, message.slice(0, 1000), this.clock.now(), removed],
        )
        .catch(() => undefined);
      await this.dataSource
        .transaction(async (m) =>
          this.audit.record(m, await this.actorOf(job.createdBy), {
            action: 'registry.import.failed',
            entity: 'registry_import_job',
            entityId: importJobId,
            orgUnitPath: job.orgUnitPath,
            after: { campaignId: job.campaignId, kind: job.kind, fileName: job.fileName, error: message.slice(0, 200) },
          }),
        )
        .catch((err: Error) => this.logger.warn(`could not audit the failure of registry import ${importJobId}: ${err.message}`));
    } finally {
      await qr.release().catch(() => undefined);
    }
  }

  /**
   * Deletes the uploads left behind: of failed imports older than UPLOAD_RETAIN_FAILED_HOURS, and of done ones
   * whose delete failed (the worker's sweep,
   * upload-sweeper.ts); answers how many. Idempotent: a file already gone counts as removed.
   */
  async sweepFailedUploads(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.UPLOAD_RETAIN_FAILED_HOURS * 3_600_000);
    const rows: { id: string; file_path: string }[] = await this.dataSource.query(
      `SELECT id::text, file_path FROM registry_import_job WHERE file_removed_at IS NULL AND (status = 'done' OR (status = 'failed' AND finished_at <= $1))
        ORDER BY id LIMIT 1000`,
      [cutoff],
    );
    let removed = 0;
    for (const r of rows) if (await this.removeFile(r.id, r.file_path, `status IN ('done', 'failed')`)) removed++;
    return removed;
  }

  /** Deletes an import's upload and notes when; false if it could not be deleted (it stays for the next sweep). */
  private async removeFile(importJobId: string, filePath: string, onlyIf = 'true'): Promise<boolean> {
    try {
      // noted first: a retry (which needs the file) is refused from here on, and a failed unlink is retried by the sweep
      const [, n] = await this.dataSource.query(`UPDATE registry_import_job SET file_removed_at = $2 WHERE id = $1 AND file_removed_at IS NULL AND ${onlyIf}`, [
        importJobId,
        this.clock.now(),
      ]);
      if (!n) return false;
      await removeUpload(filePath);
      return true;
    } catch (e) {
      this.logger.warn(`could not delete the upload of registry import ${importJobId}: ${(e as Error).message}`);
      return false;
    }
  }

  /** Deletes an import's upload; false (logged) if it could not be, so the sweep tries again. */
  private async unlinkQuietly(importJobId: string, filePath: string): Promise<boolean> {
    try {
      await removeUpload(filePath);
      return true;
    } catch (e) {
      this.logger.warn(`could not delete the upload of registry import ${importJobId}: ${(e as Error).message}`);
      return false;
    }
  }

  /** The user who uploaded the file, as the audit's actor (the import runs in the worker, on their behalf); null: a job written without one. */
  private async actorOf(userId: number | null): Promise<AuthUser | null> {
    if (userId === null || userId === undefined) return null;
    const [u] = await this.dataSource.query(
      `SELECT u.id, u.username, u.roles, u.org_unit_id AS "orgUnitId", o.path FROM app_user u JOIN org_unit o ON o.id = u.org_unit_id WHERE u.id = $1`,
      [userId],
    );
    if (!u) return null;
    return { id: u.id, username: u.username, roles: u.roles as Role[], orgUnitId: u.orgUnitId, orgUnitPath: u.path, seesAll: false };
  }

  /** Units in the importer's subtree that an entry may be filed under, by code. */
  private async knownUnits(client: PoolClient, path: string, kind: EntryKind): Promise<Map<string, KnownUnit>> {
    const levels = kind === 'person' ? ['village'] : ['village', 'town'];
    const { rows } = await client.query(`SELECT id, code, path, level FROM org_unit WHERE path LIKE $1 || '%' AND level = ANY($2) AND active FOR KEY SHARE`, [
      path,
      levels,
    ]);
    return new Map(rows.map((r: { id: number; code: string; path: string; level: string }) => [r.code, { id: r.id, path: r.path, level: r.level }]));
  }
}
