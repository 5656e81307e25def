import { AuthUser, DomainError, XlsxFile } from '#core';
import { ScopeService } from '#org';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { campaignAccess } from '../access';
import { AllocationsService } from '../allocations/allocations.service';
import { buildAllocationTable, TableColumn } from './allocation-table';

@Injectable()
export class AllocationExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly allocations: AllocationsService,
    private readonly scope: ScopeService,
  ) {}

  /** One allocation version as a table (one indicator). */
  async allocation(user: AuthUser, id: number): Promise<XlsxFile> {
    const a = await this.allocations.get(user, id);
    const [c] = await this.dataSource.query(`SELECT name FROM campaign WHERE id = $1`, [a.campaignId]);
    const col: TableColumn = {
      name: a.indicator.name,
      unit: a.indicator.unit,
      total: a.parentTarget,
      totalDeadline: a.parentDeadline,
      lines: new Map(a.lines.map((l) => [l.id, { target: l.target, deadline: l.deadline ?? a.parentDeadline }])),
    };
    const buffer = await buildAllocationTable(
      `${c.name} 目标任务分解表（第${a.version}版）`,
      `${a.allocatingUnit.name}合计`,
      a.lines.map((l) => ({ id: l.id, name: l.holderName ? `${l.childName} ${l.holderName}` : l.childName })),
      [col],
    );
    return { fileName: `allocation-${id}-v${a.version}.xlsx`, buffer };
  }

  /** Every indicator of a campaign as split by one unit (default the campaign's), from the approved allocations. */
  async campaignTable(user: AuthUser, campaignId: number, unitId?: number): Promise<XlsxFile> {
    const access = await campaignAccess(this.dataSource.manager, user, campaignId);
    const holder = unitId ?? access.orgUnitId;
    if (unitId !== undefined && !(access.leadershipRole || access.officeMember)) await this.scope.unitPathInScope(user, unitId);
    const [c] = await this.dataSource.query(`SELECT c.name, u.name AS unit_name FROM campaign c JOIN org_unit u ON u.id = $2 WHERE c.id = $1`, [
      campaignId,
      holder,
    ]);
    if (!c) throw DomainError.notFound('org unit', holder);
    const tasks: { id: number; name: string; unit: string; target: string; deadline: string }[] = await this.dataSource.query(
      `SELECT t.id, i.name, i.unit, t.target::text AS target, to_char(t.deadline, 'YYYY-MM-DD') AS deadline FROM task t JOIN indicator i ON i.id = t.indicator_id
        WHERE t.campaign_id = $1 AND t.holder_unit_id = $2 AND t.withdrawn_at IS NULL ORDER BY i.id`,
      [campaignId, holder],
    );
    if (!tasks.length) throw DomainError.notFound(`tasks of unit ${holder} in campaign`, campaignId);
    const children = new Map<number, { id: number; name: string; path: string }>();
    const columns: TableColumn[] = [];
    for (const t of tasks) {
      // a row per child unit, or per cadre for a share held by a cadre (keyed by minus the user id, apart from unit ids)
      const lines: { id: number; name: string; path: string; target: string; deadline: string }[] = await this.dataSource.query(
        `SELECT coalesce(-hu.id, u.id) AS id, u.name || coalesce(' ' || hu.display_name, '') AS name, u.path || coalesce(hu.username, '') AS path,
                l.target::text AS target, to_char(coalesce(l.deadline, $2::date), 'YYYY-MM-DD') AS deadline
           FROM allocation a JOIN allocation_line l ON l.allocation_id = a.id JOIN org_unit u ON u.id = l.child_unit_id
           LEFT JOIN app_user hu ON hu.id = l.holder_user_id
          WHERE a.parent_task_id = $1 AND a.status = 'approved'`,
        [t.id, t.deadline],
      );
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
    return { fileName: `campaign-${campaignId}-allocation-table.xlsx`, buffer };
  }
}
