import { JobHandlers } from '#core';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BulletinsService } from '../services/bulletins.service';
import { CreditsService } from '../services/credits.service';
import { SettlementsService } from '../services/settlements.service';
import { ReportingCompletenessService } from '../services/reporting-completeness.service';

/** Progress's job handlers: reconcile (enqueues due bulletins and settlements, sends due reminders to report), bulletin, settle, credit. */
@Injectable()
export class ProgressJobs implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly handlers: JobHandlers,
    private readonly bulletins: BulletinsService,
    private readonly settlements: SettlementsService,
    private readonly credits: CreditsService,
    private readonly completeness: ReportingCompletenessService,
  ) {}

  onModuleInit(): void {
    this.handlers.register('progress.reconcile', async () => {
      await this.bulletins.enqueueDue();
      await this.settlements.enqueueDue();
      await this.completeness.remindDue();
    });
    this.handlers.register('progress.bulletin', (p, job) => this.bulletins.generate(p, job));
    this.handlers.register('progress.settle', async (p) => {
      await this.ds.transaction((m) => this.settlements.settle(m, p.taskId, p.period, p.asOf, null));
    });
    this.handlers.register('progress.credit', (p, job) => this.credits.record(p, job));
  }
}
