import { AuditService, AuthUser, Clock, DomainError, hasRole, Page, pageOf, Role } from '#core';
import { NoticesService } from '#notices';
import { OrgReader, ScopeService } from '#org';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AssignEvenlyDto, CaseQuery } from '../dto/inspection-case.dto';
import { CaseEventRow, CaseRow, CaseViewer, InspectionCaseRepository } from '../repositories/inspection-case.repository';
import { InspectionListRepository } from '../repositories/inspection-list.repository';
import { caseOverdue } from '../rules/case-overdue';
import { leastLoadedPlan } from '../rules/least-loaded';
import { RectificationOrder, rectificationOrderOf } from '../rules/rectification-order';
import { CaseLookup } from './case-lookup';
import { ChecklistItem, InspectionChecklistService } from './inspection-checklist.service';
import { enforcementError } from '../enforcement.errors';

/** The department's manager (unit_manager at that department) or an admin. */
export function assertCaseManager(user: AuthUser, departmentId: number): void {
  if (user.roles.includes(Role.Admin)) return;
  if (!hasRole(user, Role.UnitManager)) throw DomainError.forbidden('只有本部门负责人可以分派案件（only the department manager assigns cases）');
  if (user.orgUnitId !== departmentId) throw DomainError.outOfScope('该案件属于其他部门（this case belongs to another department）');
}

/** The user as the case queries' visibility sees them. */
function viewer(user: AuthUser): CaseViewer {
  return { seesAll: user.seesAll, orgUnitPath: user.orgUnitPath, userId: user.id };
}

/**
 * Inspection cases: who sees them, one case with its history, and assignment to inspectors (one by one or
 * spread evenly). Outcomes are CaseOutcomesService's, the checklist InspectionChecklistService's and the
 * rectification deadlines RectificationsService's.
 */
@Injectable()
export class InspectionCasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly notices: NoticesService,
    private readonly audit: AuditService,
    private readonly cases: InspectionCaseRepository,
    private readonly lists: InspectionListRepository,
    private readonly lookup: CaseLookup,
    private readonly org: OrgReader,
    private readonly scope: ScopeService,
    private readonly checklist: InspectionChecklistService,
  ) {}

  /** The cases the user may see, filtered; each marked overdue as of today. */
  async list(user: AuthUser, q: CaseQuery): Promise<Page<CaseRow & { overdue: boolean }>> {
    const today = this.clock.today();
    const filter = {
      ...viewer(user),
      departmentId: q.departmentId ?? null,
      status: q.status ?? null,
      assigneeId: q.assigneeId ?? null,
      unitPath: q.unitId === undefined ? null : await this.scope.unitPathInScope(user, q.unitId),
      campaignId: q.campaignId ?? null,
      listId: q.listId ?? null,
      unassigned: q.unassigned === true,
      overdue: q.overdue === true,
      dueBefore: q.dueBefore ?? null,
      search: q.q?.trim() || null,
      today,
    };
    const db = this.dataSource.manager;
    const n = await this.cases.countVisible(db, filter);
    const rows = await this.cases.pageVisible(db, filter, q, q.pageSize, q.offset);
    return pageOf(
      rows.map((c) => ({ ...c, overdue: caseOverdue(c, today) })),
      n,
      q,
    );
  }

  /** One case with the employer's visit history, earlier cases, the case's own history and its latest rectification order. */
  async get(user: AuthUser, id: number): Promise<ChecklistItem & { overdue: boolean; events: CaseEventRow[]; rectificationOrder: RectificationOrder | null }> {
    const found = await this.cases.viewed(this.dataSource.manager, id, viewer(user));
    if (!found) throw DomainError.notFound('inspection case', id);
    const { visible, ...c } = found;
    if (!visible) throw DomainError.outOfScope(`检查案件 ${id} 不在您所在单位的范围内（inspection case ${id} is outside your unit）`);
    const [item] = await this.checklist.withHistory([c]);
    const events = await this.cases.events(this.dataSource.manager, id);
    return { ...item, overdue: caseOverdue(c, this.clock.today()), events, rectificationOrder: rectificationOrderOf(id, events) };
  }

  async assign(user: AuthUser, id: number, inspectorId: number): Promise<CaseRow> {
    const c = await this.lookup.scoped(this.dataSource.manager, id);
    assertCaseManager(user, c.departmentId);
    await this.dataSource.transaction(async (m) => {
      const locked = await this.cases.lock(m, id);
      if (locked.status !== 'open') throw enforcementError('CASE_CLOSED', `检查案件 ${id} 已结案，不能再修改（inspection case ${id} is closed）`);
      const inspectors = await this.org.activeWithRoles(m, [c.departmentId], [Role.Inspector]);
      if (!inspectors.some((i) => i.id === inspectorId))
        throw DomainError.validation(
          'inspectorId',
          `用户 ${inspectorId} 不是${c.departmentName}在岗的检查人员（user ${inspectorId} is not an active inspector of ${c.departmentName}）`,
        );
      if (locked.assignee_id === inspectorId) return;
      await this.assignMany(m, user, [{ caseId: id, inspectorId, before: locked.assignee_id }]);
    });
    return this.lookup.load(this.dataSource.manager, id);
  }

  /**
   * Spreads the department's unassigned open cases (of one dispatched list, if given) over its inspectors so that
   * their open loads end as even as possible.
   */
  async assignEvenly(user: AuthUser, dto: AssignEvenlyDto): Promise<{ assigned: number; loads: { inspectorId: number; name: string; openCases: number }[] }> {
    const dep = await this.org.unit(this.dataSource.manager, dto.departmentId);
    if (!dep) throw DomainError.notFound('department', dto.departmentId);
    assertCaseManager(user, dto.departmentId);
    if (dto.listId !== undefined) {
      const list = await this.lists.byId(this.dataSource.manager, dto.listId);
      if (!list) throw DomainError.notFound('inspection list', dto.listId);
      if (!list.departments.some((d) => d.id === dto.departmentId))
        throw DomainError.validation(
          'listId',
          `重点检查名单 ${dto.listId} 没有派发给本部门（inspection list ${dto.listId} was not dispatched to this department）`,
        );
    }
    return this.dataSource.transaction(async (m) => {
      const inspectors = await this.org.activeWithRoles(m, [dto.departmentId], [Role.Inspector]);
      if (!inspectors.length)
        throw enforcementError('NO_ACTIVE_INSPECTOR', '该部门没有在岗的检查人员，请先设置检查人员（the department has no active inspector）');
      const caseIds = await this.cases.lockUnassigned(m, dto.departmentId, dto.listId ?? null);
      const loadRows = await this.cases.openLoads(m, dto.departmentId);
      const { plan, loads } = leastLoadedPlan(caseIds, new Map(inspectors.map((i) => [i.id, loadRows.find((r) => r.assignee_id === i.id)?.n ?? 0])));
      await this.assignMany(
        m,
        user,
        plan.map((p) => ({ ...p, before: null })),
      );
      return {
        assigned: plan.length,
        loads: inspectors.map((i) => ({ inspectorId: i.id, name: i.display_name, openCases: loads.get(i.id)! })),
      };
    });
  }

  private async assignMany(m: EntityManager, user: AuthUser, plan: { caseId: number; inspectorId: number; before: number | null }[]): Promise<void> {
    if (!plan.length) return;
    const events = await this.cases.assign(m, plan, this.clock.now(), user.id);
    await this.audit.recordMany(
      m,
      user,
      plan.map((p) => ({
        action: 'inspection_case.assign',
        entity: 'inspection_case',
        entityId: p.caseId,
        before: { assigneeId: p.before },
        after: { assigneeId: p.inspectorId },
      })),
    );
    const names = await this.cases.employerNames(
      m,
      plan.map((p) => p.caseId),
    );
    await this.notices.notify(
      m,
      events.map((ev) => {
        const name = names.find((n) => n.id === ev.case_id)?.name ?? '';
        return {
          recipientUserId: ev.assignee_id,
          kind: 'inspection.case_assigned',
          subject: `新分派检查案件：${name}`,
          body: `案件 ${ev.case_id}（${name}）已分派给您，请列入检查清单。`,
          link: { entity: 'inspection_case', id: ev.case_id },
          dedupeKey: `inspection-case-assigned-${ev.id}`,
        };
      }),
    );
  }
}
