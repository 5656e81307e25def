import {
  AppConfig,
  assertInScope,
  AuditService,
  AuthUser,
  Clock,
  DomainError,
  EncodingRefused,
  hasRole,
  JOB_IDS,
  JobLookup,
  METRICS,
  onPoolClient,
  OutboxService,
  pageOf,
  pathInScope,
  Role,
  Queryable,
  sniffEncoding,
} from '#core';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PoolClient } from 'pg';
import { extname } from 'node:path';
import { CampaignReader } from '#campaigns';
import { OrgReader } from '#org';
import { DataSource, EntityManager } from 'typeorm';
import { ImportErrorListQuery, ImportListQuery } from '../dto/import-request.dto';
import { EntryKind } from '../registry.types';
import { ImportLoadHooks } from '../import/import-load-hooks';
import { loadFile, LoadCounts, LoadResult } from '../import/import-loader';
import { ImportFile, ImportUploads } from '../import/upload-storage';
import { errorsCsv } from '../import/errors-csv';
import { EntryLoadRepository } from '../repositories/entry-load.repository';
import { ImportJobRepository, ImportJobView } from '../repositories/import-job.repository';
import { ReferenceRepository } from '../repositories/reference.repository';
import { REGISTRY_AUDIT } from './registry-audit';
import { registryError } from '../registry.errors';

export type { ImportJobView } from '../repositories/import-job.repository';

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

/**
 * Registry imports: the api streams the upload into PostgreSQL and queues a job; the worker streams the file
 * into the entry table (import-loader.ts) in ONE transaction, so a run that dies midway leaves nothing
 * (not even its error list, nor a half-built partition) and can simply be run again.
 */
@Injectable()
export class ImportService {
  private readonly logger = new Logger(ImportService.name);
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly importJobs: ImportJobRepository,
    private readonly loads: EntryLoadRepository,
    private readonly reference: ReferenceRepository,
    private readonly campaigns: CampaignReader,
    private readonly org: OrgReader,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly jobs: JobLookup,
    private readonly hooks: ImportLoadHooks,
    private readonly uploads: ImportUploads,
  ) {}

  async create(user: AuthUser, input: { campaignId: number; kind: EntryKind; fileName: string; uploadId: string }): Promise<ImportJobView> {
    const ext = extname(input.fileName).toLowerCase();
    const format = ext === '.csv' ? 'csv' : ext === '.xlsx' ? 'xlsx' : null;
    if (!format) throw DomainError.validation('file', '请上传 .csv 或 .xlsx 文件（upload a .csv or .xlsx file）');
    // a CSV in an encoding we cannot read is refused now, not after a wait in the queue
    if (format === 'csv')
      await sniffEncoding(this.uploads.source({ uploadId: input.uploadId, filePath: null })).catch((e: Error) => {
        throw e instanceof EncodingRefused ? DomainError.validation('file', e.message) : e;
      });
    return this.dataSource.transaction(async (m) => {
      const c = await this.campaigns.campaign(m, input.campaignId);
      const campaign = c && { id: c.id, path: (await this.org.unit(m, c.orgUnitId))!.path };
      if (!campaign) throw DomainError.notFound('campaign', input.campaignId);
      // as campaigns are visible: the campaign's unit is the importer's or above it (the units below hold its tasks), or in its subtree
      if (!pathInScope(user, campaign.path) && !user.orgUnitPath.startsWith(campaign.path))
        throw DomainError.outOfScope(`活动 ${input.campaignId} 不属于本单位，不能向其导入名册 (campaign outside your organisation unit)`);
      const id = await this.importJobs.insert(m, {
        campaignId: input.campaignId,
        kind: input.kind,
        orgUnitId: user.orgUnitId,
        orgUnitPath: user.orgUnitPath,
        seesAll: user.seesAll,
        fileName: input.fileName,
        uploadId: input.uploadId,
        fileFormat: format,
        createdBy: user.id,
      });
      // the upload is this import's now: the sweep of uploads no import took leaves it
      if (!(await this.uploads.keep(m, input.uploadId))) throw DomainError.validation('file', '上传文件未保存完整，请重新上传 (the upload is incomplete)');
      await this.outbox.enqueue(m, 'registry.import', { importJobId: id }, { jobId: JOB_IDS.registryImport(id) });
      return (await this.importJobs.view(m, id))!;
    });
  }

  /**
   * Imports filed under the caller's subtree (everyone's for those who see all), newest first; `mine` keeps the caller's
   * own uploads, and member-department staff (no office or manager role) see only theirs.
   */
  async list(user: AuthUser, q: ImportListQuery) {
    const ownOnly = !hasRole(user, Role.Office, Role.UnitManager) || q.mine === true;
    const [items, total] = await this.importJobs.page(
      { pathPrefix: user.seesAll ? null : user.orgUnitPath, createdBy: ownOnly ? user.id : null, campaignId: q.campaignId, status: q.status, kind: q.kind },
      q,
    );
    return pageOf(items, total, q);
  }

  async get(user: AuthUser, id: string): Promise<ImportJobView> {
    const row = await this.importJobs.viewWithPath(id);
    if (!row) throw DomainError.notFound('import', id);
    assertInScope(user, String(row.org_unit_path));
    delete row.org_unit_path;
    return row;
  }

  async errors(user: AuthUser, id: string, q: ImportErrorListQuery) {
    await this.get(user, id);
    const items = await this.importJobs.errorPage(id, q);
    const n = await this.importJobs.errorCount(id);
    return pageOf(items, n, q);
  }

  /** Bad rows as CSV (import/errors-csv.ts): row number, the row's values under the Chinese column names, the reasons. */
  async errorsCsv(user: AuthUser, id: string): Promise<string> {
    const job = await this.get(user, id);
    return errorsCsv(job.kind, await this.importJobs.badRows(id));
  }

  /** Queues a failed (or lost) import again; a done import is not re-run, nor is a running one (ImportReconciler sees to one whose job died). */
  async retry(user: AuthUser, id: string): Promise<ImportJobView> {
    await this.get(user, id);
    await this.dataSource.transaction(async (m) => {
      const row = await this.importJobs.lockForRetry(m, id);
      if (row.status === 'done')
        throw registryError('IMPORT_DONE', `导入 ${id} 已完成，如需重新导入请再次上传文件（import ${id} is done; upload the file again to re-import it）`);
      if (row.status === 'running')
        throw registryError(
          'IMPORT_RUNNING',
          `导入 ${id} 正在进行，请稍候；若处理中断，系统会自动重新执行或标记为失败 (import ${id} is running; one whose job died is re-run or failed by itself)`,
        );
      // queued but lost (a Redis that lost its data, a restored database): written again; still waiting: refused
      if (row.status === 'queued' && (await this.jobs.isPending(m, 'registry.import', JOB_IDS.registryImportPrefix(id))))
        throw registryError('IMPORT_QUEUED', `导入 ${id} 已在排队，请稍候 (import ${id} is already queued)`);
      if (row.file_removed_at)
        throw registryError(
          'IMPORT_FILE_DELETED',
          `导入 ${id} 的上传文件已按保留规定删除，请重新上传文件 (the uploaded file of import ${id} was deleted; upload it again)`,
        );
      await this.queueAgain(m, id, row.attempts, 0);
    });
    return this.get(user, id);
  }

  /** Queues import `id` again (a retry, or the reconciler's re-run: `reruns` is what it counts; a retry starts it at 0). */
  async queueAgain(m: EntityManager, id: string, attempts: number, reruns: number): Promise<void> {
    await this.importJobs.markQueued(m, id, reruns);
    const jobId = JOB_IDS.registryImportRerun(id, attempts, this.clock.now(), reruns);
    await this.outbox.enqueue(m, 'registry.import', { importJobId: id }, { jobId });
  }

  /** The queue job. Idempotent: a done import returns at once; two runs of one import serialise on an advisory lock. */
  async run(importJobId: string): Promise<void> {
    const job = await this.importJobs.claim(importJobId, this.clock.now());
    if (!job) return;
    const qr = this.dataSource.createQueryRunner();
    let progress: Promise<unknown> = Promise.resolve();
    try {
      const client = (await qr.connect()) as PoolClient;
      await client.query('BEGIN');
      await this.importJobs.lockRun(client, importJobId);
      if ((await this.importJobs.statusOn(client, importJobId)) === 'done') {
        await client.query('ROLLBACK');
        return;
      }
      // One import at a time per campaign, people and employers alike: the load inserts new keys without
      // ON CONFLICT, and a people file links to the employers committed before it (an employer file links
      // the people committed before it), so neither may run beside the other.
      await this.importJobs.lockCampaignImports(client, job.campaignId);
      // Entries no longer carry per-row foreign keys (migration 1764000300002): lock what they will
      // reference, as a key check would, so that the campaign and the units stay until this commits.
      if (!(await this.reference.keepCampaign(client, job.campaignId))) throw new Error(`campaign ${job.campaignId} no longer exists`);
      const levels = job.kind === 'person' ? ['village'] : ['village', 'town'];
      const kept = await this.org.keptUnitsUnder(onPoolClient(client), job.orgUnitPath, levels);
      const units = new Map(kept.map((u) => [u.code, { id: u.id, path: u.path, level: u.level }]));
      // Progress goes through the pool (outside the load transaction) so the API sees it while the load runs.
      const report = (c: LoadCounts) => {
        progress = progress.then(() => this.importJobs.reportProgress(importJobId, c).catch(() => undefined));
      };
      const scopePath: string | null = job.seesAll ? null : job.orgUnitPath;
      const result = await loadFile(client, this.loads, { ...job, scopePath, source: this.uploads.source(job) }, units, this.clock.today(), report, {
        afterStage: () => this.hooks.afterStage(importJobId),
        spoolDir: this.hooks.spoolDir(),
      });
      await progress;
      this.logger.log(
        `registry import ${importJobId}: ${result.rowsRead} rows (${result.rowsBad} bad, ${result.rowsOutOfScope} out of scope), ${result.inserted} inserted, ${result.updated} updated; ` +
          `staged in ${(result.stagedMs / 1000).toFixed(1)} s, written in ${(result.writtenMs / 1000).toFixed(1)} s`,
      );
      // The file is read in full by now: an upload in the database is deleted in this transaction, so 'done' and the
      // delete commit together (one on an old api's disk is deleted before 'done' is visible; should the commit then
      // fail, the import fails and asks for a new upload).
      const removed = await this.unlinkQuietly(importJobId, job, onPoolClient(client));
      await this.importJobs.markDone(client, importJobId, result, this.clock.now(), removed);
      // qr.manager runs on this same connection, so the audit row commits with the entries
      await this.audit.record(qr.manager, await this.org.actor(this.dataSource, job.createdBy), {
        action: REGISTRY_AUDIT.imported,
        entity: 'registry_import_job',
        entityId: importJobId,
        orgUnitPath: job.orgUnitPath,
        after: auditCounts(job, result),
      });
      await client.query('COMMIT');
      METRICS.importRows.inc({ kind: job.kind, result: 'good' }, result.rowsGood);
      METRICS.importRows.inc({ kind: job.kind, result: 'bad' }, result.rowsBad);
      const seconds = (result.stagedMs + result.writtenMs) / 1000;
      if (seconds > 0) METRICS.importRate.set({ kind: job.kind }, Math.round(result.rowsRead / seconds));
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
        (this.config.UPLOAD_RETAIN_FAILED_HOURS === 0 && !connectionLost(e as Error) && (await this.unlinkQuietly(importJobId, job))) ||
        !(await this.uploads.exists(job).catch(() => true));
      await this.importJobs.markFailed(importJobId, message.slice(0, 1000), this.clock.now(), removed).catch(() => undefined);
      await this.dataSource
        .transaction(async (m) =>
          this.audit.record(m, await this.org.actor(this.dataSource, job.createdBy), {
            action: REGISTRY_AUDIT.importFailed,
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
   * Deletes the uploads left behind: of failed imports older than UPLOAD_RETAIN_FAILED_HOURS, of done ones
   * whose delete failed, and those no import took (the worker's sweep,
   * upload-sweeper.ts); answers how many. Idempotent: a file already gone counts as removed.
   */
  async sweepFailedUploads(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.UPLOAD_RETAIN_FAILED_HOURS * 3_600_000);
    const rows = await this.importJobs.uploadsToSweep(cutoff);
    let removed = 0;
    for (const r of rows) if (await this.removeFile(r.id, r)) removed++;
    return removed + (await this.uploads.sweepUnkept(this.clock.now()));
  }

  /** Deletes an import's upload and notes when; false if it could not be deleted (it stays for the next sweep). */
  private async removeFile(importJobId: string, file: ImportFile): Promise<boolean> {
    try {
      // noted first: a retry (which needs the file) is refused from here on, and a failed unlink is retried by the sweep
      if (!(await this.importJobs.noteUploadRemoved(importJobId, this.clock.now()))) return false;
      await this.uploads.remove(file);
      return true;
    } catch (e) {
      this.logger.warn(`could not delete the upload of registry import ${importJobId}: ${(e as Error).message}`);
      return false;
    }
  }

  /** Deletes an import's upload (on `db` when given); false (logged) if it could not be, so the sweep tries again. */
  private async unlinkQuietly(importJobId: string, file: ImportFile, db?: Queryable): Promise<boolean> {
    try {
      await this.uploads.remove(file, db);
      return true;
    } catch (e) {
      this.logger.warn(`could not delete the upload of registry import ${importJobId}: ${(e as Error).message}`);
      return false;
    }
  }
}
