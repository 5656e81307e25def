import { AuditService, AuthUser, JobHandlers, workbookBuffer, XlsxFile } from '#core';
import { ScopeService } from '#org';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { BulletinsService, unitLabel } from './bulletins/bulletins.service';
import { DashboardService } from './dashboard/dashboard.service';
import { addProgressSheet, addRankingSheet } from './exports/progress-xlsx';
import { SettlementsService } from './settlements/settlements.service';

/** The schedule's reconcile job and the progress/ranking exports (settings: the campaigns library's CampaignSettingsService). */
@Injectable()
export class ProgressService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly dashboards: DashboardService,
    private readonly bulletins: BulletinsService,
    private readonly settlements: SettlementsService,
    private readonly handlers: JobHandlers,
    private readonly audit: AuditService,
    private readonly scope: ScopeService,
  ) {}

  onModuleInit(): void {
    this.handlers.register('progress.reconcile', async () => {
      await this.bulletins.enqueueDue();
      await this.settlements.enqueueDue();
    });
  }

  /** Seed 002 annex 3 (progress) or annex 5 (ranking), one sheet per indicator. */
  async exportXlsx(user: AuthUser, kind: 'progress' | 'ranking', campaignId: number, unitId: number, date?: string): Promise<XlsxFile> {
    const d = await this.dashboards.forUser(user, campaignId, unitId, date);
    const wb = new ExcelJS.Workbook();
    for (const ind of d.indicators) {
      const spec = {
        title: `${ind.name}${kind === 'progress' ? '完成进度统计表' : '完成情况排名'}（截至${d.date}）`,
        unitLabel: unitLabel(ind.unit),
        total: ind.total,
        rows: ind.rows,
      };
      if (kind === 'progress') addProgressSheet(wb, spec, ind.kind === 'ratio');
      else addRankingSheet(wb, spec, ind.kind === 'ratio');
    }
    return { fileName: `${kind}-${campaignId}-${unitId}-${d.date}.xlsx`, buffer: await workbookBuffer(wb) };
  }
}
