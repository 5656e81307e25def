import { AuthUser, Clock, DomainError, JobHandlers, OutboxService, PageQuery, pageOf } from '#core';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PoolClient } from 'pg';
import { tmpdir } from 'node:os';
import { extname } from 'node:path';
import { DataSource } from 'typeorm';
import { EntryKind } from '../entities/registry-types';
import { KnownUnit } from './column-sets';
import { loadFile, LoadCounts, LoadResult } from './import-loader';

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
  inserted: number;
  updated: number;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const JOB_COLUMNS = `id, campaign_id AS "campaignId", kind, org_unit_id AS "orgUnitId", file_name AS "fileName", file_format AS "fileFormat", status, attempts,
  rows_read AS "rowsRead", rows_good AS "rowsGood", rows_bad AS "rowsBad", inserted, updated, error, created_at AS "createdAt",
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
  ) {}

  onModuleInit(): void {
    this.handlers.register('registry.import', ({ importJobId }) => this.run(importJobId));
  }

  async create(user: AuthUser, input: { campaignId: number; kind: EntryKind; fileName: string; filePath: string }): Promise<ImportJobView> {
    const ext = extname(input.fileName).toLowerCase();
    const format = ext === '.csv' ? 'csv' : ext === '.xlsx' ? 'xlsx' : null;
    if (!format) throw DomainError.validation('file', 'upload a .csv or .xlsx file');
    return this.dataSource.transaction(async (m) => {
      const campaign = await m.query(`SELECT id FROM campaign WHERE id = $1`, [input.campaignId]);
      if (!campaign.length) throw DomainError.notFound('campaign', input.campaignId);
      const [row] = await m.query(
        `INSERT INTO registry_import_job (campaign_id, kind, org_unit_id, org_unit_path, file_name, file_path, file_format, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [input.campaignId, input.kind, user.orgUnitId, user.orgUnitPath, input.fileName, input.filePath, format, user.id],
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

  /** Queues a failed (or interrupted) import again; a done import is not re-run. */
  async retry(user: AuthUser, id: string): Promise<ImportJobView> {
    await this.get(user, id);
    await this.dataSource.transaction(async (m) => {
      const [row] = await m.query(`SELECT status, attempts FROM registry_import_job WHERE id = $1 FOR UPDATE`, [id]);
      if (row.status === 'done') throw DomainError.invalidState(`import ${id} is done; upload the file again to re-import it`);
      if (row.status === 'queued') throw DomainError.invalidState(`import ${id} is already queued`);
      await m.query(`UPDATE registry_import_job SET status = 'queued', error = NULL WHERE id = $1`, [id]);
      await this.outbox.enqueue(m, 'registry.import', { importJobId: id }, { jobId: `registry-import-${id}-${row.attempts}` });
    });
    return this.get(user, id);
  }

  /** The queue job. Idempotent: a done import returns at once; two runs of one import serialise on an advisory lock. */
  async run(importJobId: string): Promise<void> {
    // TypeORM answers an UPDATE ... RETURNING with [rows, rowCount].
    const [[job]] = await this.dataSource.query(
      `UPDATE registry_import_job SET status = 'running', attempts = attempts + 1, started_at = $2, error = NULL, rows_read = 0, rows_good = 0, rows_bad = 0
        WHERE id = $1 AND status <> 'done'
        RETURNING id::text, campaign_id AS "campaignId", kind, org_unit_path AS "orgUnitPath", file_path AS "filePath", file_format AS "fileFormat"`,
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
      const result = await loadFile(client, job, units, this.clock.today(), report, {
        afterStage: this.afterStageHook ? () => this.afterStageHook!(importJobId) : undefined,
        spoolDir: this.spoolDir,
      });
      await progress;
      this.logger.log(
        `registry import ${importJobId}: ${result.rowsRead} rows (${result.rowsBad} bad), ${result.inserted} inserted, ${result.updated} updated; ` +
          `staged in ${(result.stagedMs / 1000).toFixed(1)} s, written in ${(result.writtenMs / 1000).toFixed(1)} s`,
      );
      await client.query(
        `UPDATE registry_import_job SET status = 'done', rows_read = $2, rows_good = $3, rows_bad = $4, inserted = $5, updated = $6, finished_at = $7 WHERE id = $1`,
        [importJobId, result.rowsRead, result.rowsGood, result.rowsBad, result.inserted, result.updated, this.clock.now()],
      );
      await this.auditImport(client, importJobId, result);
      await client.query('COMMIT');
    } catch (e) {
      await qr.query('ROLLBACK').catch(() => undefined);
      await progress;
      const message = (e as Error).message;
      this.logger.warn(`registry import ${importJobId} failed: ${message}`);
      await this.dataSource
        .query(`UPDATE registry_import_job SET status = 'failed', error = $2, finished_at = $3 WHERE id = $1`, [
          importJobId,
          message.slice(0, 1000),
          this.clock.now(),
        ])
        .catch(() => undefined);
    } finally {
      await qr.release().catch(() => undefined);
    }
  }

  /** One audit row per finished import, in its transaction: who ran it (the uploader) and what it counted. */
  private async auditImport(client: PoolClient, importJobId: string, r: LoadResult): Promise<void> {
    const after = { rowsRead: r.rowsRead, rowsGood: r.rowsGood, rowsBad: r.rowsBad, inserted: r.inserted, updated: r.updated };
    await client.query(
      `INSERT INTO audit_log (at, actor_id, actor_username, action, entity, entity_id, org_unit_path, changes)
       SELECT $2, j.created_by, coalesce(u.username, 'system'), 'import', 'registry_' || j.kind, j.id::text, j.org_unit_path,
              jsonb_build_object('file', jsonb_build_object('before', NULL, 'after', j.file_name), 'counts', jsonb_build_object('before', NULL, 'after', $3::jsonb))
         FROM registry_import_job j LEFT JOIN app_user u ON u.id = j.created_by WHERE j.id = $1`,
      [importJobId, this.clock.now(), JSON.stringify(after)],
    );
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
