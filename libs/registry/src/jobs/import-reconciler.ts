import { JOB_IDS, JobHandlers, JobLookup } from '#core';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ImportJobRepository } from '../repositories/import-job.repository';
import { ImportService } from '../services/import.service';

/** Re-runs of one import after its job died, before the reconciler fails it (a clerk's retry starts again at 0). */
export const MAX_IMPORT_RERUNS = 2;

export const DIED_REASON = '导入多次中断未能完成（处理进程或数据库重启），请点击重试 (the import job died and was re-run too often)';

/**
 * Imports end in a state a clerk can act on: done, failed with a reason, or queued/running with a live job.
 * An import queued or running that no run holds (its advisory lock is free) and whose latest job PostgreSQL
 * counts as done or dead (outbox.done_at/dead_at; a job relayed and not done is the OutboxReconciler's) has
 * lost its run: a worker killed, PostgreSQL restarted mid-import, a re-run killed too. It is queued again up
 * to MAX_IMPORT_RERUNS times, then failed with DIED_REASON. The handler of the registry.import-reconcile job
 * (registry.schedule.ts enqueues it); should two runs meet, the lock and the row lock make each decision once.
 */
@Injectable()
export class ImportReconciler implements OnModuleInit {
  private readonly logger = new Logger(ImportReconciler.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly importJobs: ImportJobRepository,
    private readonly imports: ImportService,
    private readonly jobs: JobLookup,
    private readonly handlers: JobHandlers,
  ) {}

  onModuleInit(): void {
    this.handlers.register('registry.import-reconcile', () => this.reconcileOnce());
  }

  /** Answers the ids re-run and failed. */
  async reconcileOnce(): Promise<{ rerun: string[]; failed: string[] }> {
    const out = { rerun: [] as string[], failed: [] as string[] };
    for (const id of await this.importJobs.openIds()) {
      const verdict = await this.dataSource.transaction(async (m) => {
        if (!(await this.importJobs.tryLockRun(m, id))) return null; // a run holds it
        const row = await this.importJobs.lockForRerun(m, id);
        if (!row || (row.status !== 'queued' && row.status !== 'running')) return null;
        const { state } = await this.jobs.latest(m, 'registry.import', JOB_IDS.registryImportPrefix(id));
        if (state === 'waiting' || state === 'relayed') return null; // its job will still run
        if (state !== 'dead' && row.reruns < MAX_IMPORT_RERUNS) {
          await this.imports.queueAgain(m, id, row.attempts, row.reruns + 1);
          return 'rerun' as const;
        }
        await this.importJobs.failDied(m, id, DIED_REASON);
        return 'failed' as const;
      });
      if (verdict) out[verdict].push(id);
    }
    if (out.rerun.length) this.logger.warn(`re-ran registry import(s) whose job died: ${out.rerun.join(', ')}`);
    if (out.failed.length) this.logger.error(`failed registry import(s) whose job died too often: ${out.failed.join(', ')}`);
    return out;
  }
}
