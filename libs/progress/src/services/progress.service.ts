import { AuthUser, workbookBuffer, XlsxFile } from '#core';
import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { unitLabel } from '../rules/bulletin-content';
import { DashboardService } from './dashboard.service';
import { addProgressSheet, addRankingSheet } from '../exports/progress-xlsx';

/** The progress/ranking exports (settings: the campaigns library's CampaignSettingsService; jobs: jobs/progress.jobs.ts). */
@Injectable()
export class ProgressService {
  constructor(private readonly dashboards: DashboardService) {}

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
    const unitName = d.indicators[0]?.total.name ?? '';
    return { fileName: `${unitName}${kind === 'progress' ? '完成进度统计表' : '完成情况排名表'}（${d.date}）.xlsx`, buffer: await workbookBuffer(wb) };
  }
}
