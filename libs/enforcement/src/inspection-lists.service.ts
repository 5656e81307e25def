import { addDays, AuditService, AuthUser, businessDate, Clock, DomainError, hasRole, Page, pageOf, pathInScope, Role, tableWorkbook, XlsxFile } from '#core';
import { NoticesService } from '#notices';
import { ScopeService } from '#org';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { InspectionListQuery } from './dto/inspection-list.dto';
import { campaignCutoffOn, loadCampaignEscalation } from './escalation.service';

export interface InspectionListRow {
  id: number;
  campaignId: number;
  cutoffDate: string;
  cutoffAt: Date;
  status: 'compiled' | 'dispatched';
  compiledAt: Date;
  dispatchedAt: Date | null;
  entryCount: number;
  removedCount: number;
  departments: { id: number; name: string }[];
}

export interface ListEntryRow {
  id: number;
  employerId: number;
  uscc: string;
  name: string;
  address: string | null;
  districtName: string;
  townName: string | null;
  uninsuredCount: number;
  refusalCount: number;
  lastVisitAt: Date | null;
  cadreName: string | null;
  removedAt: Date | null;
  removalReason: string | null;
}

const LIST_SELECT = `
  SELECT l.id, l.campaign_id AS "campaignId", to_char(l.cutoff_date, 'YYYY-MM-DD') AS "cutoffDate", l.cutoff_at AS "cutoffAt", l.status,
         l.compiled_at AS "compiledAt", l.dispatched_at AS "dispatchedAt",
         (SELECT count(*)::int FROM inspection_list_entry e WHERE e.list_id = l.id AND e.removed_at IS NULL) AS "entryCount",
         (SELECT count(*)::int FROM inspection_list_entry e WHERE e.list_id = l.id AND e.removed_at IS NOT NULL) AS "removedCount",
         coalesce((SELECT json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY u.id)
                     FROM inspection_list_department ld JOIN org_unit u ON u.id = ld.department_id WHERE ld.list_id = l.id), '[]') AS departments
    FROM inspection_list l`;

/** The key-inspection list (重点检查用人单位名单): compiled by the office from a cutoff's submissions, reviewed, dispatched. */
@Injectable()
export class InspectionListsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly scope: ScopeService,
    private readonly notices: NoticesService,
    private readonly audit: AuditService,
  ) {}

  /** Compiles the districts' submissions of one cutoff; idempotent (a second call answers the same list). */
  async compile(user: AuthUser, campaignId: number, cutoffDate: string): Promise<InspectionListRow & { created: boolean }> {
    const campaign = await loadCampaignEscalation(this.dataSource.manager, campaignId);
    const campaignPath = await this.scope.unitPathInScope(user, campaign.orgUnitId);
    const cutoff = campaignCutoffOn(campaign, cutoffDate);
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM cutoff_run WHERE campaign_id = $1 AND cutoff_at = $2`, [
      campaign.id,
      cutoff.at,
    ]);
    if (!n) throw DomainError.invalidState(`no district has submitted for the cutoff of ${cutoffDate} yet`);
    const { id, created } = await this.dataSource.transaction(async (m) => {
      const [row]: { id: number }[] = await m.query(
        `INSERT INTO inspection_list (campaign_id, cutoff_date, cutoff_at, status, compiled_at, compiled_by)
         VALUES ($1, $2, $3, 'compiled', $4, $5) ON CONFLICT (campaign_id, cutoff_at) DO NOTHING RETURNING id`,
        [campaign.id, cutoff.date, cutoff.at, this.clock.now(), user.id],
      );
      if (!row) {
        const [existing] = await m.query(`SELECT id FROM inspection_list WHERE campaign_id = $1 AND cutoff_at = $2`, [campaign.id, cutoff.at]);
        return { id: existing.id as number, created: false };
      }
      // One entry per employer; an employer already in an open case is not listed again.
      const listed: unknown[] = await m.query(
        `INSERT INTO inspection_list_entry (list_id, employer_id, cutoff_run_id, district_id, town_id, uninsured_count, refusal_count, last_visit_at, cadre_id)
         SELECT DISTINCT ON (s.employer_id) $1, s.employer_id, r.id, r.district_id, s.town_id, s.uninsured_count, s.refusal_count, s.last_visit_at, s.cadre_id
           FROM cutoff_submission_entry s JOIN cutoff_run r ON r.id = s.cutoff_run_id
           JOIN registry_employer e ON e.id = s.employer_id
          WHERE r.campaign_id = $2 AND r.cutoff_at = $3
            AND starts_with(e.org_unit_path, $4)
            AND NOT EXISTS (SELECT 1 FROM inspection_case c WHERE c.employer_id = s.employer_id AND c.status = 'open')
          ORDER BY s.employer_id, r.id
         RETURNING 1`,
        // only employers in the compiler's subtree (the campaign's unit is in it, so normally all of them)
        [row.id, campaign.id, cutoff.at, this.scope.scopePrefix(user)],
      );
      await this.audit.record(m, user, {
        action: 'inspection_list.compile',
        entity: 'inspection_list',
        entityId: row.id,
        orgUnitPath: campaignPath,
        after: { campaignId: campaign.id, cutoffDate, entries: listed.length },
      });
      return { id: row.id, created: true };
    });
    return { ...(await this.get(user, id)), created };
  }

  private async loadList(m: EntityManager, id: number): Promise<InspectionListRow> {
    const [row]: InspectionListRow[] = await m.query(`${LIST_SELECT} WHERE l.id = $1`, [id]);
    if (!row) throw DomainError.notFound('inspection list', id);
    return row;
  }

  /** The office (campaign scope) sees a list; a department sees it once dispatched to it. */
  private async assertCanRead(user: AuthUser, list: InspectionListRow): Promise<void> {
    if (user.seesAll) return;
    if (list.departments.some((d) => d.id === user.orgUnitId)) return;
    const campaign = await loadCampaignEscalation(this.dataSource.manager, list.campaignId);
    if (hasRole(user, Role.Office, Role.Leader) && pathInScope(user, campaign.orgUnitPath)) return;
    throw DomainError.outOfScope(`inspection list ${list.id} is not addressed to your unit`);
  }

  private async assertOffice(user: AuthUser, list: InspectionListRow): Promise<void> {
    const campaign = await loadCampaignEscalation(this.dataSource.manager, list.campaignId);
    await this.scope.unitPathInScope(user, campaign.orgUnitId);
  }

  async get(user: AuthUser, id: number): Promise<InspectionListRow> {
    const list = await this.loadList(this.dataSource.manager, id);
    await this.assertCanRead(user, list);
    return list;
  }

  async list(user: AuthUser, q: InspectionListQuery): Promise<Page<InspectionListRow>> {
    const params: unknown[] = [user.seesAll, user.orgUnitPath, user.orgUnitId, q.campaignId ?? null];
    const where = `WHERE ($4::int IS NULL OR l.campaign_id = $4)
      AND ($1 OR EXISTS (SELECT 1 FROM campaign c JOIN org_unit u ON u.id = c.org_unit_id WHERE c.id = l.campaign_id AND u.path LIKE $2 || '%')
              OR EXISTS (SELECT 1 FROM inspection_list_department ld WHERE ld.list_id = l.id AND ld.department_id = $3))`;
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM inspection_list l ${where}`, params);
    const items = await this.dataSource.query(`${LIST_SELECT} ${where} ORDER BY l.cutoff_at DESC, l.id DESC LIMIT $5 OFFSET $6`, [
      ...params,
      q.pageSize,
      q.offset,
    ]);
    return pageOf(items, n, q);
  }

  private entryRows(listId: number, limit?: { pageSize: number; offset: number }): Promise<ListEntryRow[]> {
    return this.dataSource.query(
      `SELECT le.id::int, le.employer_id::int AS "employerId", e.uscc, e.name, e.address, d.name AS "districtName", t.name AS "townName",
              le.uninsured_count AS "uninsuredCount", le.refusal_count AS "refusalCount", le.last_visit_at AS "lastVisitAt",
              u.display_name AS "cadreName", le.removed_at AS "removedAt", le.removal_reason AS "removalReason"
         FROM inspection_list_entry le
         JOIN registry_employer e ON e.id = le.employer_id
         JOIN org_unit d ON d.id = le.district_id
         LEFT JOIN org_unit t ON t.id = le.town_id
         LEFT JOIN app_user u ON u.id = le.cadre_id
        WHERE le.list_id = $1
        ORDER BY d.path, le.uninsured_count DESC, le.id
        ${limit ? 'LIMIT $2 OFFSET $3' : ''}`,
      limit ? [listId, limit.pageSize, limit.offset] : [listId],
    );
  }

  async entries(user: AuthUser, id: number, q: { page: number; pageSize: number; offset: number }): Promise<Page<ListEntryRow>> {
    const list = await this.get(user, id);
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM inspection_list_entry WHERE list_id = $1`, [list.id]);
    return pageOf(await this.entryRows(list.id, q), n, q);
  }

  /** Review: the office takes an employer off a list that is not yet dispatched, with a reason. */
  async removeEntry(user: AuthUser, listId: number, entryId: number, reason: string): Promise<ListEntryRow> {
    const list = await this.loadList(this.dataSource.manager, listId);
    await this.assertOffice(user, list);
    await this.dataSource.transaction(async (m) => {
      const [locked] = await m.query(`SELECT status FROM inspection_list WHERE id = $1 FOR UPDATE`, [listId]);
      if (locked.status !== 'compiled') throw DomainError.invalidState(`inspection list ${listId} is already dispatched; it can no longer be changed`);
      const [entry] = await m.query(`SELECT id, removed_at FROM inspection_list_entry WHERE id = $1 AND list_id = $2`, [entryId, listId]);
      if (!entry) throw DomainError.notFound('inspection list entry', entryId);
      if (entry.removed_at) throw DomainError.invalidState(`entry ${entryId} was already removed`);
      await m.query(`UPDATE inspection_list_entry SET removed_at = $2, removed_by = $3, removal_reason = $4 WHERE id = $1`, [
        entryId,
        this.clock.now(),
        user.id,
        reason,
      ]);
      await this.audit.record(m, user, {
        action: 'inspection_list.remove_entry',
        entity: 'inspection_list_entry',
        entityId: entryId,
        before: { removed: false },
        after: { removed: true, reason },
      });
    });
    return (await this.entryRows(listId)).find((e) => e.id === entryId)!;
  }

  /**
   * Dispatch to the receiving departments: one case per (employer, department); no second open case for
   * the same employer and department (the partial unique index; such an employer is skipped).
   */
  async dispatch(
    user: AuthUser,
    listId: number,
    departmentIds: number[],
  ): Promise<InspectionListRow & { casesOpened: { departmentId: number; count: number }[] }> {
    const list = await this.loadList(this.dataSource.manager, listId);
    await this.assertOffice(user, list);
    const campaign = await loadCampaignEscalation(this.dataSource.manager, list.campaignId);
    const depts: { id: number; path: string; name: string; level: string }[] = await this.dataSource.query(
      `SELECT id, path, name, level FROM org_unit WHERE id = ANY($1::int[]) AND active`,
      [departmentIds],
    );
    for (const id of departmentIds) {
      const d = depts.find((x) => x.id === id);
      if (!d) throw DomainError.validation('departmentIds', `department ${id} does not exist`);
      if (d.level !== 'agency') throw DomainError.validation('departmentIds', `${d.name} is not a department (agency unit)`);
    }
    const now = this.clock.now();
    const dueDate = addDays(businessDate(now), campaign.settings.caseDueDays);
    const casesOpened = await this.dataSource.transaction(async (m) => {
      const [claimed] = await m.query(
        `WITH u AS (UPDATE inspection_list SET status = 'dispatched', dispatched_at = $2, dispatched_by = $3 WHERE id = $1 AND status = 'compiled' RETURNING id)
         SELECT id FROM u`,
        [listId, now, user.id],
      );
      if (!claimed) throw DomainError.invalidState(`inspection list ${listId} was already dispatched`);
      const out: { departmentId: number; count: number }[] = [];
      for (const d of depts) {
        await m.query(`INSERT INTO inspection_list_department (list_id, department_id) VALUES ($1, $2)`, [listId, d.id]);
        const opened: { id: string }[] = await m.query(
          `INSERT INTO inspection_case (campaign_id, list_id, list_entry_id, employer_id, department_id, department_path, status, opened_at, due_date)
           SELECT $2, le.list_id, le.id, le.employer_id, $3, $4, 'open', $5, $6
             FROM inspection_list_entry le WHERE le.list_id = $1 AND le.removed_at IS NULL ORDER BY le.id
           ON CONFLICT DO NOTHING RETURNING id`,
          [listId, list.campaignId, d.id, d.path, now, dueDate],
        );
        if (opened.length) {
          await m.query(`INSERT INTO inspection_case_event (case_id, kind, at, actor_id) SELECT unnest($1::bigint[]), 'opened', $2, $3`, [
            opened.map((o) => o.id),
            now,
            user.id,
          ]);
        }
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
    return { ...(await this.loadList(this.dataSource.manager, listId)), casesOpened };
  }

  /** XLSX with Chinese headers, one row per entry (removed entries marked with their reason). */
  async exportXlsx(user: AuthUser, id: number): Promise<XlsxFile> {
    const list = await this.get(user, id);
    const rows = await this.entryRows(id);
    return tableWorkbook(`key-inspection-list-${list.cutoffDate}.xlsx`, [
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
        widths: [6, 22, 30, 30, 10, 12, 10, 12, 14, 10, 8, 24],
      },
    ]);
  }
}
