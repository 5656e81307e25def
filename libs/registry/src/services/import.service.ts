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
import { CampaignReader, DutiesService, DutyCode } from '#campaigns';
import { OrgReader } from '#org';
import { DataSource, EntityManager } from 'typeorm';
import { ImportErrorListQuery, ImportListQuery } from '../dto/import-request.dto';
import { EntryKind } from '../registry.types';
import { ImportLoadHooks } from '../import/import-load-hooks';
import { loadFile, LoadCounts, LoadResult } from '../import/import-loader';
import { ImportFile, ImportUploads } from '../import/upload-storage';
import { errorsCsv } from '../import/errors-csv';
import { columnsOf, ColumnDef } from '../import/column-sets';
import { ImportPurpose, matchColumns, MatchDataKind } from '../import/match-columns';
import { matchFile, MatchResult } from '../import/match-loader';
import { MatchRepository } from '../repositories/match.repository';
import { TABLE } from '../repositories/entry.repository';
import { EntryLoadRepository } from '../repositories/entry-load.repository';
import { ClaimedImport, ImportJobRepository, ImportJobView } from '../repositories/import-job.repository';
import { ReferenceRepository } from '../repositories/reference.repository';
import { REGISTRY_AUDIT } from './registry-audit';
import { registryError } from '../registry.errors';

export type { ImportJobView } from '../repositories/import-job.repository';

/** What the audit row of an import records. */
function auditCounts(job: { campaignId: number; kind: EntryKind; fileName: string; purpose: ImportPurpose; dataKind: MatchDataKind | null }, r: LoadResult) {
  const m = r as Partial<MatchResult>;
  return {
    campaignId: job.campaignId,
    kind: job.kind,
    fileName: job.fileName,
    ...(job.purpose === 'registry' ? {} : { purpose: job.purpose, dataKind: job.dataKind, insured: m.rowsInsured, closed: m.closed?.length }),
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

/** The documented columns of an import's file (errors.csv's header). */
export function importColumns(job: { purpose: ImportPurpose; kind: EntryKind; dataKind: MatchDataKind | null }): ColumnDef[] {
  return job.purpose === 'registry' ? columnsOf(job.kind) : [...matchColumns(job.purpose, job.dataKind!)!];
}

/** The group a department's new people are filed under: the duty's list where the seed names one (seed 001's groups). */
function sourceGroupOf(dutyCode: string | null): string {
  if (dutyCode === 'land_farmers') return 'land_expropriated_farmer';
  if (dutyCode === 'low_income' || dutyCode === 'destitute') return 'hardship';
  return 'other';
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
    private readonly matches: MatchRepository,
    private readonly duties: DutiesService,
    private readonly uploads: ImportUploads,
  ) {}

  /**
   * Files an upload and queues its run. `purpose` (default 'registry'): 'roster' for the office's insured roster,
   * 'department' for a department's list (its duty checked now: `dutyCode` must be one of its duties of that list).
   */
  async create(
    user: AuthUser,
    input: {
      campaignId: number;
      kind: EntryKind;
      fileName: string;
      uploadId: string;
      purpose?: ImportPurpose;
      dataKind?: MatchDataKind;
      dutyCode?: string;
    },
  ): Promise<ImportJobView> {
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
      if (input.purpose === 'roster' || input.purpose === 'department') {
        if (c.status === 'closed') throw DomainError.conflict('扩面任务已结束，不能再上传名单（the campaign is closed）');
        // the roster closes and credits entries campaign-wide: only an office at or above the campaign's unit files it
        if (input.purpose === 'roster' && !user.seesAll && !campaign.path.startsWith(user.orgUnitPath))
          throw DomainError.outOfScope('只有扩面任务所在单位及以上的办公室可以导入参保库（only an office at or above the campaign’s unit imports its roster）');
      }
      const dutyCode =
        input.purpose === 'department' ? await this.duties.dutyForUpload(m, input.campaignId, user.orgUnitId, input.dataKind!, input.dutyCode) : null;
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
        purpose: input.purpose ?? 'registry',
        dataKind: input.dataKind ?? null,
        dutyCode,
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
    return errorsCsv(importColumns(job), await this.importJobs.badRows(id));
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
      // a department's rows are filed in the campaign's tree, within the unit the department belongs to (an agency sits
      // beside the villages, under its city or district: its parent's subtree is what it covers)
      const treePath = job.purpose === 'department' ? await this.campaignPath(client, job.campaignId) : job.orgUnitPath;
      const kept = await this.org.keptUnitsUnder(onPoolClient(client), treePath, levels);
      const units = new Map(kept.map((u) => [u.code, { id: u.id, path: u.path, level: u.level }]));
      const within = job.purpose === 'department' ? await this.departmentCover(client, job.orgUnitPath, treePath) : undefined;
      // Progress goes through the pool (outside the load transaction) so the API sees it while the load runs.
      const report = (c: LoadCounts) => {
        progress = progress.then(() => this.importJobs.reportProgress(importJobId, c).catch(() => undefined));
      };
      const scopePath: string | null = job.seesAll ? null : job.orgUnitPath;
      const result: LoadResult | MatchResult =
        job.purpose === 'registry'
          ? await loadFile(client, this.loads, { ...job, scopePath, source: this.uploads.source(job) }, units, this.clock.today(), report, {
              afterStage: () => this.hooks.afterStage(importJobId),
              spoolDir: this.hooks.spoolDir(),
            })
          : await matchFile(
              client,
              this.matches,
              this.loads,
              { ...job, source: this.uploads.source(job), purpose: job.purpose, dataKind: job.dataKind!, sourceGroup: sourceGroupOf(job.dutyCode), within },
              units,
              this.clock.today(),
              this.clock.now(),
              report,
              this.hooks.spoolDir(),
            );
      await progress;
      const match = job.purpose === 'registry' ? null : (result as MatchResult);
      this.logger.log(
        `registry import ${importJobId} (${job.purpose}): ${result.rowsRead} rows (${result.rowsBad} bad, ${result.rowsOutOfScope} out of scope), ${result.inserted} inserted, ${result.updated} updated` +
          (match ? `, ${match.rowsInsured} insured, ${match.closed.length} entries closed` : ''),
      );
      // The file is read in full by now: an upload in the database is deleted in this transaction, so 'done' and the
      // delete commit together (one on an old api's disk is deleted before 'done' is visible; should the commit then
      // fail, the import fails and asks for a new upload).
      const removed = await this.unlinkQuietly(importJobId, job, onPoolClient(client));
      const actor = await this.org.actor(this.dataSource, job.createdBy);
      const closed = match?.closed ?? [];
      await this.importJobs.markDone(
        client,
        importJobId,
        { ...result, rowsInsured: match?.rowsInsured ?? 0, entriesClosed: closed.length },
        this.clock.now(),
        removed,
      );
      if (match) await this.afterMatch(qr.manager, actor, job, match);
      // qr.manager runs on this same connection, so the audit row commits with the entries
      await this.audit.record(qr.manager, actor, {
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

  /** The unit path of a campaign, read on the import's connection. */
  private async campaignPath(client: PoolClient, campaignId: number): Promise<string> {
    const db = onPoolClient(client);
    const c = (await this.campaigns.campaign(db, campaignId))!;
    return (await this.org.unit(db, c.orgUnitId))!.path;
  }

  /**
   * The subtree a department's rows may name: its parent unit's (a district's bureau its district, a city department
   * the city), no wider than the campaign's tree; null when that is the campaign's whole tree.
   */
  private async departmentCover(client: PoolClient, departmentPath: string, campaignPath: string): Promise<{ path: string; name: string } | null> {
    const parentPath = departmentPath.replace(/[^/]+\/$/, '');
    if (!parentPath.startsWith(campaignPath) || parentPath === campaignPath) return null;
    const db = onPoolClient(client);
    const at = await this.org.unitAt(db, parentPath);
    const parent = at && (await this.org.unit(db, at.id));
    return { path: parentPath, name: parent?.name ?? parentPath };
  }

  /**
   * A roster or department upload done, in its transaction: every entry it closed is audited (status before and
   * after, why); the roster's enrolments queue their progress credit (once per entry: the job id, and progress_credit's
   * UNIQUE (source, source_ref, indicator)); a department's upload delivers its duty.
   */
  private async afterMatch(m: EntityManager, actor: AuthUser | null, job: ClaimedImport, r: MatchResult): Promise<void> {
    const kind = job.kind;
    const status = job.purpose === 'roster' ? 'enrolled' : 'deceased';
    await this.audit.recordMany(
      m,
      actor,
      r.closed.map((e) => ({
        action: REGISTRY_AUDIT.entryClosed,
        entity: TABLE[kind],
        entityId: e.id,
        orgUnitPath: e.org_unit_path,
        before: { status: e.before },
        after: { status, source: job.purpose === 'roster' ? 'roster' : 'death_record', importId: job.id },
      })),
    );
    if (job.purpose === 'roster') {
      const today = this.clock.today();
      const credits = r.closed
        .filter((e) => e.moved > 0)
        .map((e) => ({
          name: 'progress.credit' as const,
          payload: {
            campaignId: job.campaignId,
            orgUnitId: e.org_unit_id,
            amount: e.moved,
            source: 'roster' as const,
            sourceRef: `${kind}-${e.id}`,
            on: today,
          },
          opts: { jobId: JOB_IDS.rosterCredit(kind, e.id) },
        }));
      for (let i = 0; i < credits.length; i += 1000) await this.outbox.enqueueMany(m, credits.slice(i, i + 1000));
    }
    // an upload that stored no good row (header only, or every row bad) delivers nothing
    if (job.purpose === 'department' && job.dutyCode && r.rowsGood > 0)
      await this.duties.deliverUpload(m, {
        campaignId: job.campaignId,
        orgUnitId: job.orgUnitId,
        code: job.dutyCode as DutyCode,
        importId: Number(job.id),
        by: job.createdBy,
        on: this.clock.today(),
      });
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
