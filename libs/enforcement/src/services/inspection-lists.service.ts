import { addDays, AuditService, AuthUser, businessDate, Clock, DomainError, hasRole, Page, pageOf, pathInScope, Role, tableWorkbook, XlsxFile } from '#core';
import { NoticesService } from '#notices';
import { OrgReader, ScopeService } from '#org';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InspectionListQuery, ListEntryQuery } from '../dto/inspection-list.dto';
import { CutoffRunRepository } from '../repositories/cutoff-run.repository';
import { InspectionCaseRepository } from '../repositories/inspection-case.repository';
import { InspectionListRepository, InspectionListRow, ListEntryRow } from '../repositories/inspection-list.repository';
import { campaignCutoffOn } from '../rules/campaign-cutoffs';
import { canReviewList, listActions } from '../rules/list-review';
import { CampaignEscalations } from './campaign-escalation';
import { enforcementError } from '../enforcement.errors';

/** A list as the routes answer it: without the campaign's path, with what the caller may do. */
export type InspectionListView = Omit<InspectionListRow, 'campaignUnitPath'> & { can: { review: boolean } };

const viewOf = (user: AuthUser, { campaignUnitPath, ...l }: InspectionListRow): InspectionListView => ({
  ...l,
  can: listActions(user, { status: l.status, campaignUnitPath }),
});

/** The key-inspection list (重点检查用人单位名单): compiled by the office from a cutoff's submissions, reviewed, dispatched. */
@Injectable()
export class InspectionListsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly scope: ScopeService,
    private readonly notices: NoticesService,
    private readonly audit: AuditService,
    private readonly lists: InspectionListRepository,
    private readonly runs: CutoffRunRepository,
    private readonly cases: InspectionCaseRepository,
    private readonly org: OrgReader,
    private readonly escalations: CampaignEscalations,
  ) {}

  /** Compiles the districts' submissions of one cutoff; idempotent (a second call answers the same list). */
  async compile(user: AuthUser, campaignId: number, cutoffDate: string): Promise<InspectionListView & { created: boolean }> {
    const campaign = await this.escalations.load(this.dataSource.manager, campaignId);
    const campaignPath = await this.scope.unitPathInScope(user, campaign.orgUnitId);
    const cutoff = campaignCutoffOn(campaign, cutoffDate);
    if (!(await this.runs.countAt(this.dataSource.manager, campaign.id, cutoff.at)))
      throw enforcementError(
        'NO_SUBMISSIONS',
        `${cutoffDate} 的报送截止日还没有区县报送，暂不能汇编重点检查名单（no district has submitted for the cutoff of ${cutoffDate} yet）`,
      );
    const { id, created } = await this.dataSource.transaction(async (m) => {
      const listId = await this.lists.insertCompiled(m, campaign.id, cutoff.date, cutoff.at, this.clock.now(), user.id);
      if (!listId) return { id: await this.lists.idAt(m, campaign.id, cutoff.at), created: false };
      // One entry per employer; an employer already in an open case is not listed again;
      // only employers in the compiler's subtree (the campaign's unit is in it, so normally all of them).
      const listed = await this.lists.listSubmissions(m, listId, campaign.id, cutoff.at, this.scope.scopeOf(user));
      await this.audit.record(m, user, {
        action: 'inspection_list.compile',
        entity: 'inspection_list',
        entityId: listId,
        orgUnitPath: campaignPath,
        after: { campaignId: campaign.id, cutoffDate, entries: listed },
      });
      return { id: listId, created: true };
    });
    return { ...(await this.get(user, id)), created };
  }

  private async loadList(id: number): Promise<InspectionListRow> {
    const row = await this.lists.byId(this.dataSource.manager, id);
    if (!row) throw DomainError.notFound('inspection list', id);
    return row;
  }

  /** The office (campaign scope) sees a list; a department sees it once dispatched to it. */
  private async assertCanRead(user: AuthUser, list: InspectionListRow): Promise<void> {
    if (user.seesAll) return;
    if (list.departments.some((d) => d.id === user.orgUnitId)) return;
    const campaign = await this.escalations.load(this.dataSource.manager, list.campaignId);
    if (hasRole(user, Role.Office, Role.Leader) && pathInScope(user, campaign.orgUnitPath)) return;
    throw DomainError.outOfScope(`重点检查名单 ${list.id} 不是发给您所在单位的（inspection list ${list.id} is not addressed to your unit）`);
  }

  private assertOffice(user: AuthUser, list: InspectionListRow): void {
    if (!canReviewList(user, list.campaignUnitPath))
      throw DomainError.outOfScope(`重点检查名单 ${list.id} 由上级办公室审核派发（inspection list ${list.id} is reviewed by the office of its campaign）`);
  }

  async get(user: AuthUser, id: number): Promise<InspectionListView> {
    const list = await this.loadList(id);
    await this.assertCanRead(user, list);
    return viewOf(user, list);
  }

  async list(user: AuthUser, q: InspectionListQuery): Promise<Page<InspectionListView>> {
    const db = this.dataSource.manager;
    const campaignId = q.campaignId ?? null;
    const round = q.round ?? null;
    const n = await this.lists.countVisible(db, user, campaignId, round);
    const rows = await this.lists.pageVisible(db, user, campaignId, round, q, q.pageSize, q.offset);
    return pageOf(
      rows.map((l) => viewOf(user, l)),
      n,
      q,
    );
  }

  async entries(user: AuthUser, id: number, q: ListEntryQuery): Promise<Page<ListEntryRow>> {
    const list = await this.get(user, id);
    const db = this.dataSource.manager;
    const filter = {
      status: q.status ?? null,
      unitPath: q.unitId ? await this.unitPathFor(user, list, q.unitId) : null,
      search: q.q?.trim() || null,
      round: q.round ?? null,
    };
    const n = await this.lists.countEntries(db, list.id, filter);
    return pageOf(await this.lists.entryPage(db, list.id, filter, q, q.pageSize, q.offset), n, q);
  }

  /**
   * The path of a unit to filter a list's entries by: a department the list was sent to sees the whole list, so any
   * unit of the tree will do; the office only a unit in its subtree.
   */
  private async unitPathFor(user: AuthUser, list: Pick<InspectionListRow, 'departments'>, unitId: number): Promise<string> {
    if (user.seesAll || !list.departments.some((d) => d.id === user.orgUnitId)) return this.scope.unitPathInScope(user, unitId);
    const unit = await this.org.unit(this.dataSource.manager, unitId);
    if (!unit) throw DomainError.notFound('org unit', unitId);
    return unit.path;
  }

  /** Review: the office takes an employer off a list that is not yet dispatched, with a reason. */
  async removeEntry(user: AuthUser, listId: number, entryId: number, reason: string): Promise<ListEntryRow> {
    const list = await this.loadList(listId);
    this.assertOffice(user, list);
    await this.dataSource.transaction(async (m) => {
      if ((await this.lists.lockStatus(m, listId)) !== 'compiled')
        throw enforcementError(
          'LIST_DISPATCHED',
          `重点检查名单 ${listId} 已下发，不能再修改（inspection list ${listId} is already dispatched; it can no longer be changed）`,
        );
      const entry = await this.lists.entry(m, listId, entryId);
      if (!entry) throw DomainError.notFound('inspection list entry', entryId);
      if (entry.removed_at) throw enforcementError('ENTRY_REMOVED', `名单条目 ${entryId} 已被移出（entry ${entryId} was already removed）`);
      await this.lists.removeEntry(m, entryId, this.clock.now(), user.id, reason);
      await this.audit.record(m, user, {
        action: 'inspection_list.remove_entry',
        entity: 'inspection_list_entry',
        entityId: entryId,
        before: { removed: false },
        after: { removed: true, reason },
      });
    });
    return (await this.lists.entryRow(this.dataSource.manager, listId, entryId))!;
  }

  /**
   * Dispatch to the receiving departments: one case per (employer, department); no second open case for
   * the same employer and department (the partial unique index; such an employer is skipped).
   */
  async dispatch(
    user: AuthUser,
    listId: number,
    departmentIds: number[],
  ): Promise<InspectionListView & { casesOpened: { departmentId: number; count: number }[] }> {
    const list = await this.loadList(listId);
    this.assertOffice(user, list);
    const campaign = await this.escalations.load(this.dataSource.manager, list.campaignId);
    const found = await this.org.units(this.dataSource.manager, departmentIds, { activeOnly: true });
    // dispatched in the order the office listed them (the ids are unique)
    const depts = departmentIds.map((id) => {
      const d = found.find((x) => x.id === id);
      if (!d) throw DomainError.validation('departmentIds', `成员单位 ${id} 不存在（department ${id} does not exist）`);
      if (d.level !== 'agency')
        throw DomainError.validation('departmentIds', `${d.name}不是成员单位（部门类单位）（${d.name} is not a department (agency unit)）`);
      return d;
    });
    const now = this.clock.now();
    const dueDate = addDays(businessDate(now), campaign.settings.caseDueDays);
    const casesOpened = await this.dataSource.transaction(async (m) => {
      if (!(await this.lists.claimDispatch(m, listId, now, user.id)))
        throw enforcementError('LIST_DISPATCHED', `重点检查名单 ${listId} 已经下发过了（inspection list ${listId} was already dispatched）`);
      const out: { departmentId: number; count: number }[] = [];
      for (const d of depts) {
        await this.lists.addDepartment(m, listId, d.id);
        const opened = await this.cases.openForList(m, listId, list.campaignId, d, now, dueDate);
        if (opened.length) await this.cases.insertOpened(m, opened, now, user.id);
        out.push({ departmentId: d.id, count: opened.length });
        const recipients = await this.notices.recipients(m, [d.id], [Role.Department, Role.UnitManager]);
        await this.notices.notify(
          m,
          recipients.map((uid) => ({
            recipientUserId: uid,
            kind: 'inspection.list_dispatched',
            subject: `重点检查用人单位名单（截至 ${list.cutoffDate}）已移交`,
            body: `办公室已将截至 ${list.cutoffDate} 的重点检查用人单位名单移交${d.name}，新立案件 ${opened.length} 件，请分派检查人员。`,
            link: { entity: 'inspection_list', id: listId },
            dedupeKey: `inspection-list-dispatched-${listId}-${d.id}-${uid}`,
          })),
        );
      }
      await this.audit.record(m, user, {
        action: 'inspection_list.dispatch',
        entity: 'inspection_list',
        entityId: listId,
        orgUnitPath: campaign.orgUnitPath,
        before: { status: 'compiled' },
        after: { status: 'dispatched', departments: out },
      });
      return out;
    });
    return { ...viewOf(user, await this.loadList(listId)), casesOpened };
  }

  /** XLSX with Chinese headers, one row per entry (removed entries marked with their reason). */
  async exportXlsx(user: AuthUser, id: number): Promise<XlsxFile> {
    const list = await this.get(user, id);
    const rows = await this.lists.entries(this.dataSource.manager, id);
    return tableWorkbook(`重点检查用人单位名单（${list.cutoffDate}）.xlsx`, [
      {
        name: '重点检查名单',
        title: `重点检查用人单位名单（截至 ${list.cutoffDate}）`,
        headers: [
          '序号',
          '统一社会信用代码',
          '用人单位名称',
          '地址',
          '所属区县',
          '所属镇街',
          '未参保人数',
          '拒绝参保次数',
          '最近走访时间',
          '责任干部',
          '状态',
          '移出原因',
        ],
        rows: rows.map((r, i) => [
          i + 1,
          r.uscc,
          r.name,
          r.address ?? '',
          r.districtName,
          r.townName ?? '',
          r.uninsuredCount,
          r.refusalCount,
          r.lastVisitAt ? businessDate(new Date(r.lastVisitAt)) : '',
          r.cadreName ?? '',
          r.removedAt ? '已移出' : '在册',
          r.removalReason ?? '',
        ]),
      },
    ]);
  }
}
