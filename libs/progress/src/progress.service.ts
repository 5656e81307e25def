import { AuditService, AuthUser, DomainError, JobHandlers, workbookBuffer, XlsxFile } from '#core';
import { ScopeService } from '#org';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { BulletinsService, unitLabel } from './bulletins/bulletins.service';
import { progressSettings, ProgressSettings } from './campaign-context';
import { DashboardService } from './dashboard/dashboard.service';
import { ProgressSettingsDto } from './dto/progress.dto';
import { addProgressSheet, addRankingSheet } from './exports/progress-xlsx';
import { Exact } from './rules/exact';
import { invalidIncentiveField } from './rules/incentives';
import { SettlementsService } from './settlements/settlements.service';

/** Progress settings of a campaign, the schedule's reconcile job and the progress/ranking exports. */
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

  /** Merges the progress keys into campaign.settings (jsonb ||), leaving the campaigns library's keys alone. */
  async updateSettings(user: AuthUser, campaignId: number, dto: ProgressSettingsDto): Promise<ProgressSettings> {
    return this.ds.transaction(async (m) => {
      const [c]: { org_unit_id: number; settings: Record<string, unknown> }[] = await m.query(
        `SELECT org_unit_id, settings FROM campaign WHERE id = $1 FOR UPDATE`,
        [campaignId],
      );
      if (!c) throw DomainError.notFound('campaign', campaignId);
      const path = await this.scope.unitPathInScope(user, c.org_unit_id, m);
      const patch: Record<string, unknown> = {};
      if (dto.incentives) {
        const i = dto.incentives;
        const bad = invalidIncentiveField({ A: i.a, B: i.b, X: i.x, Y: i.y, Z: i.z });
        if (bad) throw DomainError.validation(`incentives.${bad.field.toLowerCase()}`, bad.message);
        patch.incentives = { a: Number(i.a), b: Number(i.b), x: Number(i.x), y: Number(i.y), z: Number(i.z) };
      }
      if (dto.bulletinCadence) patch.bulletinCadence = dto.bulletinCadence;
      if (dto.milestoneMode) patch.milestoneMode = dto.milestoneMode;
      if (dto.statusBandPct !== undefined) {
        const pct = Exact.of(dto.statusBandPct);
        if (pct.cmp(0) < 0 || pct.cmp(100) > 0) throw DomainError.validation('statusBandPct', 'must lie between 0 and 100 (percentage points)');
        patch.statusBand = pct.div(100).toDecimalString();
      }
      if (dto.inspectionIndicatorIds !== undefined) {
        const ids = [...new Set(dto.inspectionIndicatorIds)];
        const ok: { id: number }[] = await m.query(`SELECT id FROM indicator WHERE campaign_id = $1 AND kind = 'count' AND id = ANY($2::int[])`, [
          campaignId,
          ids,
        ]);
        const bad = ids.find((id) => !ok.some((x) => x.id === id));
        if (bad !== undefined)
          throw DomainError.validation(
            'inspectionIndicatorIds',
            `indicator ${bad} is not a count indicator of this campaign: enrolments are credited as people`,
          );
        patch.inspectionIndicatorIds = ids.sort((a, b) => a - b);
      }
      // The driver answers an UPDATE ... RETURNING with [rows, count].
      const [[row]]: [{ settings: Record<string, unknown> }[], number] = await m.query(
        `UPDATE campaign SET settings = settings || $2::jsonb, updated_at = now() WHERE id = $1 RETURNING settings`,
        [campaignId, JSON.stringify(patch)],
      );
      await this.audit.record(m, user, {
        action: 'campaign.progress-settings',
        entity: 'campaign',
        entityId: campaignId,
        orgUnitPath: path,
        before: progressSettings(c.settings),
        after: progressSettings(row.settings),
      });
      return progressSettings(row.settings);
    });
  }

  async getSettings(user: AuthUser, campaignId: number): Promise<ProgressSettings> {
    const [c]: { org_unit_id: number; settings: Record<string, unknown> }[] = await this.ds.query(`SELECT org_unit_id, settings FROM campaign WHERE id = $1`, [
      campaignId,
    ]);
    if (!c) throw DomainError.notFound('campaign', campaignId);
    await this.scope.unitPathInScope(user, c.org_unit_id);
    return progressSettings(c.settings);
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
