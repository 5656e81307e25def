import { addDays, AuditService, AuthUser, businessInstant, Clock, DomainError, ErrorCode, lockRollup, Page, pageOf, pathInScope, refreshAttainment, Role } from '#core';
import { NoticeInput, NoticesService } from '#notices';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CampaignAccess, campaignAccess, canApprove, canDraftFor } from '../access';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { AllocationLineDto, AllocationListQuery, CreateAllocationDto, UpdateAllocationDto } from '../dto/allocation.dto';
import { AllocationAction, AllocationStatus } from '../entities/allocation.entity';
import { readCampaignSettings } from '../settings/read-settings';
import { IndicatorKind } from '../entities/indicator.entity';
import { checkLines } from '../rules/allocation-rules';
import { SplitFollowUp } from './split-follow-up';

/** The parent task an allocation splits, with what the rules need. */
interface ParentTask {
  id: number;
  campaign_id: number;
  indicator_id: number;
  holder_unit_id: number;
  /** Set when a cadre holds the task (a share of a unit split over its cadres): such a task is not split further. */
  holder_user_id: number | null;
  holder_path: string;
  holder_name: string;
  target: string;
  deadline: string;
  withdrawn_at: Date | null;
  kind: IndicatorKind;
  indicator_name: string;
  unit: string;
  campaign_status: string;
  settings: unknown;
}

interface AllocationRow {
  id: number;
  campaign_id: number;
  indicator_id: number;
  parent_task_id: number;
  allocating_unit_id: number;
  version: number;
  status: AllocationStatus;
  previous_id: number | null;
  reject_reason: string | null;
  out_of_step: string | null;
}

export interface AllocationView {
  id: number;
  campaignId: number;
  indicatorId: number;
  indicator: { name: string; kind: IndicatorKind; unit: string };
  parentTaskId: number;
  parentTarget: string;
  parentDeadline: string;
  allocatingUnit: { id: number; code: string; name: string };
  version: number;
  status: AllocationStatus;
  previousId: number | null;
  rejectReason: string | null;
  /** Set on an approved split whose parent task's target or deadline changed so that the split no longer fits. */
  outOfStep: string | null;
  createdBy: number | null;
  createdAt: Date;
  submittedBy: number | null;
  submittedAt: Date | null;
  decidedBy: number | null;
  decidedAt: Date | null;
  decisionComment: string | null;
  total: string;
  lines: {
    id: number;
    childUnitId: number;
    childCode: string;
    childName: string;
    holderUserId: number | null;
    holderName: string | null;
    target: string;
    deadline: string | null;
    taskId: number | null;
  }[];
  steps: { action: AllocationAction; actorId: number | null; actorUsername: string | null; at: Date; comment: string | null }[];
  versions: { id: number; version: number; status: AllocationStatus }[];
}

/**
 * The cascade: a task holder splits its target over units of its subtree (one allocation per parent task,
 * versioned), the campaign's leadership approves, and approval creates or updates one task per line.
 */
@Injectable()
export class AllocationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly deadlines: DeadlinesService,
    private readonly notices: NoticesService,
    private readonly splitFollowUp: SplitFollowUp,
  ) {}

  async create(user: AuthUser, dto: CreateAllocationDto): Promise<AllocationView> {
    const id = await this.dataSource.transaction(async (m) => {
      const parent = await this.parentTask(m, dto.parentTaskId, true);
      const access = await campaignAccess(m, user, parent.campaign_id);
      if (!canDraftFor(user, access, parent.holder_unit_id, parent.holder_path))
        throw DomainError.forbidden(`only the managers of ${parent.holder_name} or the office allocate this task`);
      if (access.status !== 'active') throw DomainError.invalidState(`campaign ${access.id} is ${access.status}; targets are allocated in an active campaign`);
      if (parent.withdrawn_at) throw DomainError.invalidState(`task ${parent.id} was withdrawn by a later allocation`);
      if (parent.holder_user_id) throw DomainError.invalidState(`task ${parent.id} is a cadre's share: it is not split further`);
      const versions: AllocationRow[] = await m.query(`SELECT * FROM allocation WHERE parent_task_id = $1 ORDER BY version`, [parent.id]);
      const open = versions.find((v) => v.status === 'draft' || v.status === 'submitted' || v.status === 'rejected');
      if (open)
        throw DomainError.conflict(
          `task ${parent.id} already has allocation ${open.id} (version ${open.version}, ${open.status}); change that one`,
          'parentTaskId',
        );
      const approved = versions.find((v) => v.status === 'approved');
      const lines = await this.checkedLines(m, parent, dto.lines);
      const now = this.clock.now();
      const [a]: { id: number }[] = await m.query(
        `INSERT INTO allocation (campaign_id, indicator_id, parent_task_id, allocating_unit_id, version, status, previous_id, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $8, $8) RETURNING id`,
        [parent.campaign_id, parent.indicator_id, parent.id, parent.holder_unit_id, (versions.at(-1)?.version ?? 0) + 1, approved?.id ?? null, user.id, now],
      );
      await this.writeLines(m, a.id, lines);
      await this.step(m, a.id, 'create', user, dto.comment);
      await this.audit.record(m, user, {
        action: 'allocation.create',
        entity: 'allocation',
        entityId: a.id,
        orgUnitPath: parent.holder_path,
        after: { parentTaskId: parent.id, lines },
      });
      return a.id;
    });
    return this.get(user, id);
  }

  async update(user: AuthUser, id: number, dto: UpdateAllocationDto): Promise<AllocationView> {
    await this.dataSource.transaction(async (m) => {
      const { a, parent, access } = await this.load(m, user, id);
      if (!canDraftFor(user, access, parent.holder_unit_id, parent.holder_path))
        throw DomainError.forbidden(`only the managers of ${parent.holder_name} or the office change this allocation`);
      if (a.status !== 'draft' && a.status !== 'rejected')
        throw DomainError.invalidState(
          `allocation ${id} is ${a.status}; only a draft or rejected allocation can be changed (start a new version of an approved one)`,
        );
      const lines = await this.checkedLines(m, parent, dto.lines);
      await m.query(`DELETE FROM allocation_line WHERE allocation_id = $1`, [id]);
      await this.writeLines(m, id, lines);
      await m.query(`UPDATE allocation SET status = 'draft', updated_at = $2 WHERE id = $1`, [id, this.clock.now()]);
      await this.step(m, id, 'update', user, dto.comment);
      await this.audit.record(m, user, { action: 'allocation.update', entity: 'allocation', entityId: id, orgUnitPath: parent.holder_path, after: { lines } });
    });
    return this.get(user, id);
  }

  async submit(user: AuthUser, id: number, comment?: string): Promise<AllocationView> {
    await this.dataSource.transaction(async (m) => {
      const { a, parent, access } = await this.load(m, user, id);
      if (!canDraftFor(user, access, parent.holder_unit_id, parent.holder_path))
        throw DomainError.forbidden(`only the managers of ${parent.holder_name} or the office submit this allocation`);
      if (a.status !== 'draft' && a.status !== 'rejected')
        throw DomainError.invalidState(`allocation ${id} is ${a.status}; only a draft or rejected allocation can be submitted`);
      await this.checkedLines(m, parent, await this.storedLines(m, id));
      const now = this.clock.now();
      await m.query(`UPDATE allocation SET status = 'submitted', submitted_by = $2, submitted_at = $3, updated_at = $3 WHERE id = $1`, [id, user.id, now]);
      await this.step(m, id, 'submit', user, comment);
      await this.audit.record(m, user, {
        action: 'allocation.submit',
        entity: 'allocation',
        entityId: id,
        orgUnitPath: parent.holder_path,
        before: { status: a.status },
        after: { status: 'submitted' },
      });
      // Tell the approvers.
      const approvers: { user_id: number }[] = await m.query(
        `SELECT user_id FROM campaign_member WHERE campaign_id = $1 AND body = 'leadership' AND role IN ('head','deputy')`,
        [a.campaign_id],
      );
      await this.notices.notify(
        m,
        approvers.map<NoticeInput>((r) => ({
          recipientUserId: r.user_id,
          kind: 'allocation.submitted',
          subject: `任务分解待审批：${parent.holder_name} ${parent.indicator_name}`,
          body: `${parent.holder_name}提交了“${parent.indicator_name}”任务分解（第${a.version}版），请审批。`,
          link: { entity: 'allocation', id },
          dedupeKey: `allocation-${id}-submitted-${now.getTime()}-u${r.user_id}`,
        })),
      );
    });
    return this.get(user, id);
  }

  async reject(user: AuthUser, id: number, reason: string): Promise<AllocationView> {
    await this.dataSource.transaction(async (m) => {
      const { a, parent, access } = await this.load(m, user, id);
      if (!canApprove(user, access)) throw DomainError.forbidden('only the head or a deputy head of the campaign leadership group rejects an allocation');
      if (a.status !== 'submitted') throw DomainError.invalidState(`allocation ${id} is ${a.status}; only a submitted allocation can be rejected`);
      const now = this.clock.now();
      await m.query(
        `UPDATE allocation SET status = 'rejected', reject_reason = $2, decided_by = $3, decided_at = $4, decision_comment = $2, updated_at = $4 WHERE id = $1`,
        [id, reason, user.id, now],
      );
      await this.step(m, id, 'reject', user, reason);
      await this.audit.record(m, user, {
        action: 'allocation.reject',
        entity: 'allocation',
        entityId: id,
        orgUnitPath: parent.holder_path,
        before: { status: 'submitted' },
        after: { status: 'rejected', reason },
      });
      const drafters = await this.notices.recipients(m, [parent.holder_unit_id], [Role.UnitManager]);
      await this.notices.notify(
        m,
        drafters.map<NoticeInput>((u) => ({
          recipientUserId: u,
          kind: 'allocation.rejected',
          subject: `任务分解被退回：${parent.indicator_name}`,
          body: `“${parent.indicator_name}”任务分解（第${a.version}版）被退回：${reason}`,
          link: { entity: 'allocation', id },
          dedupeKey: `allocation-${id}-rejected-${now.getTime()}-u${u}`,
        })),
      );
    });
    return this.get(user, id);
  }

  /**
   * submitted → approved. The previously approved version (if any) becomes superseded; every line's task is
   * created or updated in place (target, deadline; a changed deadline re-plans reminders and overdue), and
   * tasks whose unit is no longer in the allocation are withdrawn, never deleted.
   */
  async approve(user: AuthUser, id: number, comment?: string): Promise<AllocationView> {
    const refuse = (access: CampaignAccess, status: string) => {
      if (!canApprove(user, access)) throw DomainError.forbidden('only the head or a deputy head of the campaign leadership group approves an allocation');
      if (status !== 'submitted') throw DomainError.invalidState(`allocation ${id} is ${status}; only a submitted allocation can be approved`);
    };
    await this.dataSource.transaction(async (m) => {
      // A refused call stops here, before the rollup lock that holds back every report while it is held.
      const unlocked = await this.load(m, user, id, false);
      refuse(unlocked.access, unlocked.a.status);
      await lockRollup(m, 'exclusive'); // it will insert, withdraw or move tasks: before any row lock
      const { a, parent, access } = await this.load(m, user, id);
      refuse(access, a.status); // as it is now, under the locks
      const stored = await this.storedLines(m, id);
      await this.checkedLines(m, parent, stored);
      const now = this.clock.now();
      await m.query(`UPDATE allocation SET status = 'superseded', updated_at = $3 WHERE parent_task_id = $1 AND status = 'approved' AND id <> $2`, [
        parent.id,
        id,
        now,
      ]);
      await m.query(`UPDATE allocation SET status = 'approved', decided_by = $2, decided_at = $3, decision_comment = $4, updated_at = $3 WHERE id = $1`, [
        id,
        user.id,
        now,
        comment ?? null,
      ]);
      const touched = await this.applyToTasks(m, a, parent, now);
      await this.step(m, id, 'approve', user, comment);
      await this.audit.record(m, user, {
        action: 'allocation.approve',
        entity: 'allocation',
        entityId: id,
        orgUnitPath: parent.holder_path,
        before: { status: 'submitted' },
        after: { status: 'approved', tasks: touched },
      });
    });
    return this.get(user, id);
  }

  private async applyToTasks(m: EntityManager, a: AllocationRow, parent: ParentTask, now: Date): Promise<number[]> {
    const lines: { id: number; child_unit_id: number; holder_user_id: number | null; target: string; deadline: string | null; child_name: string }[] =
      await m.query(
        `SELECT l.id, l.child_unit_id, l.holder_user_id, l.target::text AS target, to_char(l.deadline, 'YYYY-MM-DD') AS deadline,
              coalesce(hu.display_name, u.name) AS child_name
         FROM allocation_line l JOIN org_unit u ON u.id = l.child_unit_id LEFT JOIN app_user hu ON hu.id = l.holder_user_id
        WHERE l.allocation_id = $1 ORDER BY l.id`,
        [a.id],
      );
    // Lock order (issue 12 §7): the rollup lock (approve), then the parent's child tasks in id order, before any per-line work.
    await m.query(`SELECT id FROM task WHERE parent_task_id = $1 ORDER BY id FOR UPDATE`, [parent.id]);
    const touched: number[] = [];
    const changed: number[] = [];
    const notices: NoticeInput[] = [];
    for (const l of lines) {
      const deadline = l.deadline ?? parent.deadline;
      const [existing]: { id: number; deadline: string; deadline_version: number; status: string; target: string; withdrawn_at: Date | null }[] = await m.query(
        `SELECT id, to_char(deadline, 'YYYY-MM-DD') AS deadline, deadline_version, status, target::text AS target, withdrawn_at FROM task
          WHERE parent_task_id = $1 AND holder_unit_id = $2 AND holder_user_id IS NOT DISTINCT FROM $3 FOR UPDATE`,
        [parent.id, l.child_unit_id, l.holder_user_id],
      );
      let taskId: number;
      if (!existing) {
        const [t]: { id: number }[] = await m.query(
          `INSERT INTO task (campaign_id, indicator_id, holder_unit_id, holder_user_id, parent_task_id, target, deadline, deadline_version, status, allocation_id, allocation_line_id, allocation_version, created_at, updated_at)
           VALUES ($1, $2, $3, $11, $4, $5, $6, 1, 'open', $7, $8, $9, $10, $10) RETURNING id`,
          [a.campaign_id, a.indicator_id, l.child_unit_id, parent.id, l.target, deadline, a.id, l.id, a.version, now, l.holder_user_id],
        );
        taskId = t.id;
      } else {
        taskId = existing.id;
        const moved = existing.deadline !== deadline;
        const version = moved || existing.withdrawn_at ? existing.deadline_version + 1 : existing.deadline_version;
        // An overdue task whose deadline moved to the future is open again; the new deadline will be enforced.
        const reopen = existing.status === 'overdue' && moved && businessInstant(addDays(deadline, 1)).getTime() > now.getTime();
        await m.query(
          `UPDATE task SET target = $2, deadline = $3, deadline_version = $4, allocation_id = $5, allocation_line_id = $6, allocation_version = $7,
                  withdrawn_at = NULL, status = CASE WHEN $8 THEN 'open' ELSE status END, overdue_at = CASE WHEN $8 THEN NULL ELSE overdue_at END, updated_at = $9
            WHERE id = $1`,
          [taskId, l.target, deadline, version, a.id, l.id, a.version, reopen, now],
        );
        if (!moved && !existing.withdrawn_at && existing.target === l.target) {
          touched.push(taskId);
          continue;
        }
        if (moved || existing.target !== l.target) changed.push(taskId);
      }
      touched.push(taskId);
      // a cadre's share is told to the cadre; a unit's to its managers
      for (const u of l.holder_user_id ? [l.holder_user_id] : await this.notices.recipients(m, [l.child_unit_id], [Role.UnitManager]))
        notices.push({
          recipientUserId: u,
          kind: 'task.assigned',
          subject: `新任务：${parent.indicator_name}`,
          body: `${l.child_name}承担“${parent.indicator_name}”目标 ${l.target}，完成时限 ${deadline}（分解表第${a.version}版）。`,
          link: { entity: 'task', id: taskId },
          dedupeKey: `task-${taskId}-assigned-a${a.id}-u${u}`,
        });
    }
    const withdrawn: { id: number }[] = await m
      .query(
        `UPDATE task SET withdrawn_at = $3, updated_at = $3
          WHERE parent_task_id = $1 AND withdrawn_at IS NULL
            AND (holder_unit_id, coalesce(holder_user_id, 0)) NOT IN (SELECT * FROM unnest($2::int[], $4::int[]))
          RETURNING id`,
        [parent.id, lines.map((l) => l.child_unit_id), now, lines.map((l) => l.holder_user_id ?? 0)],
      )
      .then((r: unknown) => (Array.isArray(r) && Array.isArray(r[0]) ? (r[0] as { id: number }[]) : (r as { id: number }[])));
    await this.deadlines.schedule(m, [...touched, ...withdrawn.map((w) => w.id)]);
    await refreshAttainment(m, touched, now); // new targets (and a withdrawn share's figure gone from the parent's) judged again
    await this.notices.notify(m, notices);
    await this.splitFollowUp.afterChange(m, changed, now);
    return touched;
  }

  async get(user: AuthUser, id: number, m: EntityManager = this.dataSource.manager): Promise<AllocationView> {
    const { a, parent } = await this.load(m, user, id, false);
    const [row] = await m.query(
      `SELECT a.created_by, a.created_at, a.submitted_by, a.submitted_at, a.decided_by, a.decided_at, a.decision_comment, u.code, u.name
         FROM allocation a JOIN org_unit u ON u.id = a.allocating_unit_id WHERE a.id = $1`,
      [id],
    );
    const lines: AllocationView['lines'] = await m.query(
      `SELECT l.id, l.child_unit_id AS "childUnitId", u.code AS "childCode", u.name AS "childName", l.holder_user_id AS "holderUserId", hu.display_name AS "holderName",
              l.target::text AS target, to_char(l.deadline, 'YYYY-MM-DD') AS deadline,
              t.id AS "taskId"
         FROM allocation_line l JOIN org_unit u ON u.id = l.child_unit_id LEFT JOIN app_user hu ON hu.id = l.holder_user_id
         LEFT JOIN task t ON t.allocation_line_id = l.id
        WHERE l.allocation_id = $1 ORDER BY u.path, l.id`,
      [id],
    );
    const steps: AllocationView['steps'] = await m.query(
      `SELECT s.action, s.actor_id AS "actorId", u.username AS "actorUsername", s.at, s.comment FROM allocation_step s LEFT JOIN app_user u ON u.id = s.actor_id
        WHERE s.allocation_id = $1 ORDER BY s.id`,
      [id],
    );
    const versions: AllocationView['versions'] = await m.query(`SELECT id, version, status FROM allocation WHERE parent_task_id = $1 ORDER BY version`, [
      a.parent_task_id,
    ]);
    const [{ total }] = await m.query(`SELECT coalesce(sum(target), 0)::numeric(18,2)::text AS total FROM allocation_line WHERE allocation_id = $1`, [id]);
    return {
      id,
      campaignId: a.campaign_id,
      indicatorId: a.indicator_id,
      indicator: { name: parent.indicator_name, kind: parent.kind, unit: parent.unit },
      parentTaskId: a.parent_task_id,
      parentTarget: parent.target,
      parentDeadline: parent.deadline,
      allocatingUnit: { id: a.allocating_unit_id, code: row.code, name: row.name },
      version: a.version,
      status: a.status,
      previousId: a.previous_id,
      rejectReason: a.reject_reason,
      outOfStep: a.out_of_step,
      createdBy: row.created_by,
      createdAt: row.created_at,
      submittedBy: row.submitted_by,
      submittedAt: row.submitted_at,
      decidedBy: row.decided_by,
      decidedAt: row.decided_at,
      decisionComment: row.decision_comment,
      total: parent.kind === 'ratio' ? parent.target : total,
      lines,
      steps,
      versions,
    };
  }

  async list(
    user: AuthUser,
    q: AllocationListQuery,
  ): Promise<
    Page<{
      id: number;
      campaignId: number;
      indicatorId: number;
      indicatorName: string;
      parentTaskId: number;
      allocatingUnitId: number;
      unitName: string;
      version: number;
      status: string;
      updatedAt: Date;
    }>
  > {
    const where = `(u.path LIKE $1 || '%' OR EXISTS (SELECT 1 FROM campaign_member cm WHERE cm.campaign_id = a.campaign_id AND cm.user_id = $2))
                   AND ($3::int IS NULL OR a.campaign_id = $3) AND ($4::text IS NULL OR a.status = $4)`;
    const params = [user.seesAll ? '' : user.orgUnitPath, user.id, q.campaignId ?? null, q.status ?? null];
    const items = await this.dataSource.query(
      `SELECT a.id, a.campaign_id AS "campaignId", a.indicator_id AS "indicatorId", i.name AS "indicatorName", a.parent_task_id AS "parentTaskId",
              a.allocating_unit_id AS "allocatingUnitId", u.name AS "unitName", a.version, a.status, a.updated_at AS "updatedAt"
         FROM allocation a JOIN org_unit u ON u.id = a.allocating_unit_id JOIN indicator i ON i.id = a.indicator_id
        WHERE ${where} ORDER BY a.id DESC OFFSET $5 LIMIT $6`,
      [...params, q.offset, q.pageSize],
    );
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM allocation a JOIN org_unit u ON u.id = a.allocating_unit_id WHERE ${where}`,
      params,
    );
    return pageOf(items, total, q);
  }

  /** The allocation, its parent task and the caller's campaign rights; 404 unknown, 403 out of scope. Locks the allocation when asked. */
  async load(m: EntityManager, user: AuthUser, id: number, lock = true): Promise<{ a: AllocationRow; parent: ParentTask; access: CampaignAccess }> {
    const [a]: AllocationRow[] = await m.query(`SELECT * FROM allocation WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    if (!a) throw DomainError.notFound('allocation', id);
    const access = await campaignAccess(m, user, a.campaign_id);
    const parent = await this.parentTask(m, a.parent_task_id, lock);
    const member = access.leadershipRole !== null || access.officeMember;
    if (!member && !pathInScope(user, parent.holder_path)) throw DomainError.outOfScope(`allocation ${id} is outside your organisation unit`);
    return { a, parent, access };
  }

  private async parentTask(m: EntityManager, taskId: number, lock: boolean): Promise<ParentTask> {
    const [t]: ParentTask[] = await m.query(
      `SELECT t.id, t.campaign_id, t.indicator_id, t.holder_unit_id, t.holder_user_id, u.path AS holder_path, u.name AS holder_name, t.target::text AS target,
              to_char(t.deadline, 'YYYY-MM-DD') AS deadline, t.withdrawn_at, i.kind, i.name AS indicator_name, i.unit, c.status AS campaign_status, c.settings
         FROM task t JOIN org_unit u ON u.id = t.holder_unit_id JOIN indicator i ON i.id = t.indicator_id JOIN campaign c ON c.id = t.campaign_id
        WHERE t.id = $1 ${lock ? 'FOR UPDATE OF t' : ''}`,
      [taskId],
    );
    if (!t) throw DomainError.notFound('task', taskId);
    return t;
  }

  /** Lines checked against every rule: kind, sum (or at least), ratio copied, unique child, deadline, and the subtree. */
  private async checkedLines(
    m: EntityManager,
    parent: ParentTask,
    input: AllocationLineDto[],
  ): Promise<{ childUnitId: number; target: string; deadline: string | null; holderUserId?: number }[]> {
    // a cadre's line holds the allocating unit's own share
    const lines = input.map((l) => (l.holderUserId && l.childUnitId === undefined ? { ...l, childUnitId: parent.holder_unit_id } : l));
    const r = checkLines(
      {
        kind: parent.kind,
        target: parent.target,
        deadline: parent.deadline,
        allowOverAllocation: readCampaignSettings(parent.settings).deadlines.allowOverAllocation,
      },
      lines,
    );
    if (!r.ok) {
      const msg = r.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
      throw new DomainError(r.sumMismatch ? ErrorCode.AllocationSumMismatch : ErrorCode.Validation, msg, r.errors);
    }
    const units: { id: number; path: string }[] = await m.query(`SELECT id, path FROM org_unit WHERE id = ANY($1::int[])`, [r.lines.map((l) => l.childUnitId)]);
    const cadres: { id: number; path: string; roles: string[]; active: boolean }[] = await m.query(
      `SELECT a.id, o.path, a.roles, a.active FROM app_user a JOIN org_unit o ON o.id = a.org_unit_id WHERE a.id = ANY($1::int[])`,
      [r.lines.flatMap((l) => (l.holderUserId ? [l.holderUserId] : []))],
    );
    const errors = r.lines.flatMap((l, i) => {
      if (l.holderUserId) {
        const k = cadres.find((x) => x.id === l.holderUserId);
        if (l.childUnitId !== parent.holder_unit_id)
          return [{ field: `lines[${i}].childUnitId`, message: `a cadre holds a share of ${parent.holder_name}'s own task: leave childUnitId out` }];
        // the cadre belongs to the unit itself: the share is the unit's task, seen and reported in the unit's scope
        if (!k || !k.active || !k.roles.includes(Role.Cadre) || k.path !== parent.holder_path)
          return [{ field: `lines[${i}].holderUserId`, message: `user ${l.holderUserId} is not an active cadre of ${parent.holder_name}` }];
        return [];
      }
      const u = units.find((x) => x.id === l.childUnitId);
      if (!u) return [{ field: `lines[${i}].childUnitId`, message: `org unit ${l.childUnitId} does not exist` }];
      if (u.id === parent.holder_unit_id || !u.path.startsWith(parent.holder_path))
        return [{ field: `lines[${i}].childUnitId`, message: `org unit ${l.childUnitId} is not inside ${parent.holder_name}'s subtree` }];
      return [];
    });
    if (errors.length) throw new DomainError(ErrorCode.Validation, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
    return r.lines;
  }

  private async storedLines(m: EntityManager, id: number): Promise<AllocationLineDto[]> {
    const rows: { child_unit_id: number; holder_user_id: number | null; target: string; deadline: string | null }[] = await m.query(
      `SELECT child_unit_id, holder_user_id, target::text AS target, to_char(deadline, 'YYYY-MM-DD') AS deadline FROM allocation_line WHERE allocation_id = $1 ORDER BY id`,
      [id],
    );
    return rows.map((r) => ({
      childUnitId: r.child_unit_id,
      target: r.target as unknown as number,
      deadline: r.deadline ?? undefined,
      ...(r.holder_user_id ? { holderUserId: r.holder_user_id } : {}),
    }));
  }

  private async writeLines(
    m: EntityManager,
    allocationId: number,
    lines: { childUnitId: number; target: string; deadline: string | null; holderUserId?: number }[],
  ): Promise<void> {
    for (const l of lines)
      await m.query(`INSERT INTO allocation_line (allocation_id, child_unit_id, target, deadline, holder_user_id) VALUES ($1, $2, $3, $4, $5)`, [
        allocationId,
        l.childUnitId,
        l.target,
        l.deadline,
        l.holderUserId ?? null,
      ]);
  }

  private async step(m: EntityManager, allocationId: number, action: AllocationAction, user: AuthUser, comment?: string | null): Promise<void> {
    await m.query(`INSERT INTO allocation_step (allocation_id, action, actor_id, at, comment) VALUES ($1, $2, $3, $4, $5)`, [
      allocationId,
      action,
      user.id,
      this.clock.now(),
      comment ?? null,
    ]);
  }
}
