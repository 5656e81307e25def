import { addDays, AuthUser, businessDate, businessInstant, Clock, Page, pageOf, tableWorkbook, XlsxFile } from '#core';
import { RegistryReader, VISIT_OUTCOME_LABELS, VisitOutcome } from '#registry';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ChecklistQuery } from '../dto/inspection-case.dto';
import { CaseRow, InspectionCaseRepository } from '../repositories/inspection-case.repository';
import { CaseVisit, EarlierCase, withHistory } from '../rules/case-history';

export interface ChecklistItem extends CaseRow {
  visits: CaseVisit[];
  previousCases: EarlierCase[];
}

/** The inspector's checklist: open cases assigned to them, each with the employer's visits and earlier cases; its XLSX for a day in the field. */
@Injectable()
export class InspectionChecklistService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly cases: InspectionCaseRepository,
    private readonly registry: RegistryReader,
  ) {}

  /** The cases with their employers' visit history and earlier cases. */
  async withHistory<C extends CaseRow>(cases: C[]): Promise<(C & ChecklistItem)[]> {
    if (!cases.length) return [];
    const employerIds = [...new Set(cases.map((c) => c.employerId))];
    const db = this.dataSource.manager;
    return withHistory(cases, await this.registry.employerVisits(db, employerIds), await this.cases.ofEmployers(db, employerIds));
  }

  /** The inspector's checklist: open cases assigned to them, by due date, each with employer, visit history and earlier cases. */
  async checklist(user: AuthUser, q: Pick<ChecklistQuery, 'page' | 'pageSize' | 'offset' | 'sort' | 'order'>, openedBy?: Date): Promise<Page<ChecklistItem>> {
    const db = this.dataSource.manager;
    const n = await this.cases.countChecklist(db, user.id, openedBy ?? null);
    const rows = await this.cases.pageChecklist(db, user.id, openedBy ?? null, q, q.pageSize, q.offset);
    return pageOf(await this.withHistory(rows), n, q);
  }

  /** The checklist for a day in the field, as XLSX with Chinese headers. */
  async checklistXlsx(user: AuthUser, date?: string): Promise<XlsxFile> {
    const day = date ?? this.clock.today();
    const endOfDay = businessInstant(addDays(day, 1));
    const { items } = await this.checklist(user, { page: 1, pageSize: 10000, offset: 0 }, endOfDay);
    return tableWorkbook(`劳动保障检查清单（${day}）.xlsx`, [
      {
        name: '检查清单',
        title: `劳动保障检查清单（${day}，检查人员：${user.displayName ?? user.username}）`,
        headers: [
          '序号',
          '案件编号',
          '用人单位名称',
          '统一社会信用代码',
          '地址',
          '所属区县',
          '所属镇街',
          '未参保人数',
          '拒绝参保次数',
          '办理期限',
          '限期改正截止日',
          '走访记录',
          '既往案件',
        ],
        rows: items.map((c, i) => [
          i + 1,
          c.id,
          c.employerName,
          c.uscc,
          c.address ?? '',
          c.districtName ?? '',
          c.townName ?? '',
          c.uninsuredCount,
          c.refusalCount,
          c.dueDate,
          c.rectificationDeadline ?? '',
          c.visits.map((v) => `${businessDate(new Date(v.visitedAt))} ${VISIT_OUTCOME_LABELS[v.outcome as VisitOutcome] ?? v.outcome}`).join('；'),
          c.previousCases
            .map(
              (p) => `${p.departmentName} ${businessDate(new Date(p.openedAt))} ${p.resolution === 'rectified' ? '已整改' : p.closedAt ? '已结案' : '办理中'}`,
            )
            .join('；'),
        ]),
      },
    ]);
  }
}
