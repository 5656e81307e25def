import { AuthUser, DomainError, ErrorCode, XlsxFile } from '#core';
import { ScopeService } from '#org';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { buildAllocationTable, TableColumn } from '../exports/allocation-table';
import { AllocationRepository } from '../repositories/allocation.repository';
import { CampaignRepository } from '../repositories/campaign.repository';
import { TaskRepository } from '../repositories/task.repository';
import { AllocationReads } from './allocation-reads.service';
import { CampaignAccessService } from './campaign-access.service';

/** The 任务分解表 downloads: one allocation version, or a unit's approved split of every indicator. */
@Injectable()
export class AllocationExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: AllocationReads,
    private readonly scope: ScopeService,
    private readonly access: CampaignAccessService,
    private readonly campaigns: CampaignRepository,
    private readonly allocations: AllocationRepository,
    private readonly tasks: TaskRepository,
  ) {}

  /** One allocation version as a table (one indicator). */
  async allocation(user: AuthUser, id: number): Promise<XlsxFile> {
    const a = await this.reads.get(user, id);
    const c = (await this.campaigns.name(this.dataSource, a.campaignId))!;
    const col: TableColumn = {
      name: a.indicator.name,
      unit: a.indicator.unit,
      total: a.parentTarget ?? a.total, // a parent left without a plan since: the lines' sum
      totalDeadline: a.parentDeadline,
      // a line without a plan (target null) is left out of the column: its row prints blank, not 0
      lines: new Map(a.lines.flatMap((l) => (l.target === null ? [] : [[l.id, { target: l.target, deadline: l.deadline ?? a.parentDeadline }] as const]))),
    };
    const buffer = await buildAllocationTable(
      `${c.name} 目标任务分解表（第${a.version}版）`,
      `${a.allocatingUnit.name}合计`,
      a.lines.map((l) => ({ id: l.id, name: l.holderName ? `${l.childName} ${l.holderName}` : l.childName })),
      [col],
    );
    return { fileName: `${c.name}${a.allocatingUnit.name}${a.indicator.name}目标任务分解表（第${a.version}版）.xlsx`, buffer };
  }

  /** Every indicator of a campaign as split by one unit (default the campaign's), from the approved allocations. */
  async campaignTable(user: AuthUser, campaignId: number, unitId?: number): Promise<XlsxFile> {
    const access = await this.access.load(this.dataSource.manager, user, campaignId);
    const holder = unitId ?? access.orgUnitId;
    if (unitId !== undefined && !(access.leadershipRole || access.officeMember)) await this.scope.unitPathInScope(user, unitId);
    const c = await this.campaigns.nameWithUnit(this.dataSource, campaignId, holder);
    if (!c) throw DomainError.notFound('org unit', holder);
    const tasks = await this.tasks.heldBy(this.dataSource, campaignId, holder);
    if (!tasks.length)
      throw new DomainError(ErrorCode.NotFound, `单位 ${holder} 在扩面任务 ${campaignId} 中没有任务（unit ${holder} holds no task in campaign ${campaignId}）`);
    const children = new Map<number, { id: number; name: string; path: string }>();
    const columns: TableColumn[] = [];
    for (const t of tasks) {
      const lines = await this.allocations.tableLines(this.dataSource, t.id, t.deadline);
      for (const l of lines) children.set(l.id, { id: l.id, name: l.name, path: l.path });
      columns.push({
        name: t.name,
        unit: t.unit,
        total: t.target,
        totalDeadline: t.deadline,
        lines: new Map(lines.map((l) => [l.id, { target: l.target, deadline: l.deadline }])),
      });
    }
    const rows = [...children.values()].sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
    const buffer = await buildAllocationTable(`${c.name} 目标任务分解表`, `${c.unit_name}合计`, rows, columns);
    return { fileName: `${c.name}${c.unit_name}目标任务分解表.xlsx`, buffer };
  }
}
