import { AuthUser, Clock, DomainError, NUM_FMT, Page, pageOf, percentCell, tableWorkbook, XlsxFile } from '#core';
import { ScopeService } from '#org';
import { Injectable } from '@nestjs/common';
import { InvestigationListQuery, OnsiteListQuery } from '../dto/investigation.dto';
import { ONSITE_VISIT_THRESHOLD } from '../registry.types';
import { InvestigationCounts, InvestigationRepository, OnsiteEmployerRow } from '../repositories/investigation.repository';
import { ratePercent } from '../rules/investigation-rate';

export interface InvestigationRow {
  unitId: number;
  unitName: string;
  employersIssued: number;
  employersInvestigated: number;
  employerRate: number | null;
  peopleIssued: number;
  peopleInvestigated: number;
  peopleRate: number | null;
}

/**
 * Investigation progress (seed 002 annex 4, 扩面资源排查工作进度统计表): per child unit, employers
 * (户数) and people (人数) issued vs investigated (at least one visit) and the two rates; plus the
 * employers with 50+ uninsured staff that need an on-site visit (annex 1) and whether it happened.
 */
export type OnsiteEmployer = OnsiteEmployerRow;

/** The most rows each table of the export holds (as the on-site list always had). */
const EXPORT_ROWS = 5000;

@Injectable()
export class InvestigationService {
  constructor(
    private readonly investigation: InvestigationRepository,
    private readonly scope: ScopeService,
    private readonly clock: Clock,
  ) {}

  /** One page of the child units' progress, sorted on the server, with the number of children and the total over all of them. */
  async progress(user: AuthUser, q: InvestigationListQuery): Promise<Page<InvestigationRow> & { sum: InvestigationRow }> {
    const root = q.unitId ?? user.orgUnitId;
    await this.scope.unitPathInScope(user, root);
    // One row per child of the unit (or the unit itself if it has none): counts of its subtree.
    const { rows, total, sum } = await this.investigation.countsByChild(root, q.campaignId, q);
    return {
      ...pageOf(
        rows.map((r) => this.withRates(r)),
        total,
        q,
      ),
      sum: this.withRates({ unitId: root, unitName: '合计', ...sum }),
    };
  }

  private withRates(row: InvestigationCounts): InvestigationRow {
    return {
      ...row,
      employerRate: ratePercent(row.employersInvestigated, row.employersIssued),
      peopleRate: ratePercent(row.peopleInvestigated, row.peopleIssued),
    };
  }

  /** One page of the employers with 50+ uninsured staff in scope: "on-site visit required", and whether a door-to-door visit happened. */
  async onsiteEmployers(user: AuthUser, q: OnsiteListQuery): Promise<Page<OnsiteEmployer>> {
    const { rows, total } = await this.investigation.onsiteEmployers(q.campaignId, ONSITE_VISIT_THRESHOLD, await this.scope.listScope(user, q.unitId), q);
    return pageOf(rows, total, q);
  }

  /**
   * Both tables whole (at most EXPORT_ROWS rows each) as XLSX, printed like seed 002 annex 4 (户数 and 人数 under 下发资源总量,
   * 已排查资源 and 完成任务比例; 合计 first; rates as percent cells with one decimal) and annex 1.
   */
  async exportXlsx(user: AuthUser, campaignId: number, unitId?: number): Promise<XlsxFile> {
    const all = { campaignId, unitId, page: 1, pageSize: EXPORT_ROWS, offset: 0 };
    const { items: rows, sum: total } = await this.progress(user, all as InvestigationListQuery);
    const { items: onsite } = await this.onsiteEmployers(user, all as OnsiteListQuery);
    const unitName = (await this.investigation.unitName(unitId ?? user.orgUnitId)) ?? '';
    const today = this.clock.today();
    const count = (group: string, header: string) => ({ group, header, numFmt: NUM_FMT.integer });
    const rate = (header: string) => ({ group: '完成任务比例', header, numFmt: NUM_FMT.percent1 });
    const pct = (v: number | null) => percentCell(v === null ? null : String(v));
    return tableWorkbook(`${unitName}扩面资源排查工作进度统计表（${today}）.xlsx`, [
      {
        name: '排查进度',
        title: `${unitName}扩面资源排查工作进度统计表（截至${today}）`,
        unit: '户、人、%',
        headers: [
          '单位',
          count('下发资源总量', '户数'),
          count('下发资源总量', '人数'),
          count('已排查资源', '户数'),
          count('已排查资源', '人数'),
          rate('户数'),
          rate('人数'),
        ],
        rows: [total, ...rows].map((r) => [
          r.unitName,
          r.employersIssued,
          r.peopleIssued,
          r.employersInvestigated,
          r.peopleInvestigated,
          pct(r.employerRate),
          pct(r.peopleRate),
        ]),
        totalRows: [0],
      },
      {
        name: '需现场排查单位',
        title: `${unitName}未参保${ONSITE_VISIT_THRESHOLD}人以上用人单位现场排查情况（截至${today}）`,
        unit: '人',
        headers: ['统一社会信用代码', '单位名称', '所在单位', { header: '未参保人数', numFmt: NUM_FMT.integer }, '是否已现场排查'],
        rows: onsite.map((e) => [e.uscc, e.name, e.unitName, e.uninsuredCount, e.onsiteVisited ? '是' : '否']),
      },
    ]);
  }

  static assertCampaign(id: number | undefined): number {
    if (!id) throw DomainError.validation('campaignId', '请选择扩面任务（required）');
    return id;
  }
}
