import { AuditService, AuthUser, Clock, DomainError, hasRole, isIsoDate, Page, pageOf, pathInScope, Role } from '#core';
import { ScopeService } from '#org';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { campaignAccess, canDraftFor, canRunCampaign } from '../access';
import { SplitFollowUp } from '../allocations/split-follow-up';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { TaskListQuery } from '../dto/task.dto';
import { fromCents, toCents } from '../rules/allocation-rules';

export interface TaskSummary {
  id: number;
  campaignId: number;
  campaignName: string;
  indicatorId: number;
  indicatorCode: string;
  indicatorName: string;
  kind: string;
  unit: string;
  holderUnitId: number;
  holderCode: string;
  holderName: string;
  /** Set when a cadre holds the task for the holder unit. */
  holderUserId: number | null;
  parentTaskId: number | null;
  target: string;
  deadline: string;
  status: string;
  /** Met tasks: the date the figure reached the target; metLate when that is after the deadline. Null otherwise. */
  metOn: string | null;
  metLate: boolean | null;
  allocationId: number | null;
  allocationVersion: number | null;
  withdrawnAt: Date | null;
}

const SELECT = `SELECT t.id, t.campaign_id AS "campaignId", c.name AS "campaignName", t.indicator_id AS "indicatorId", i.code AS "indicatorCode", i.name AS "indicatorName",
       i.kind, i.unit, t.holder_unit_id AS "holderUnitId", u.code AS "holderCode", u.name AS "holderName", t.holder_user_id AS "holderUserId", t.parent_task_id AS "parentTaskId",
       t.target::text AS target, to_char(t.deadline, 'YYYY-MM-DD') AS deadline, t.status,
       to_char(t.met_on, 'YYYY-MM-DD') AS "metOn", CASE WHEN t.met_on IS NOT NULL THEN t.met_on > t.deadline END AS "metLate", t.allocation_id AS "allocationId",
       t.allocation_version AS "allocationVersion", t.withdrawn_at AS "withdrawnAt"
  FROM task t JOIN campaign c ON c.id = t.campaign_id JOIN indicator i ON i.id = t.indicator_id JOIN org_unit u ON u.id = t.holder_unit_id`;

@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly deadlines: DeadlinesService,
    private readonly splitFollowUp: SplitFollowUp,
  ) {}

  /**
   * The caller's tasks (withdrawn ones left out): a cadre's are the shares the cadre holds; anyone else's are
   * those of their own unit, cadres' shares included.
   */
  async mine(user: AuthUser, q: TaskListQuery): Promise<Page<TaskSummary>> {
    const cadreOnly = hasRole(user, Role.Cadre) && !hasRole(user, Role.UnitManager);
    return cadreOnly ? this.page(`t.holder_user_id = $1`, [user.id], q) : this.page(`t.holder_unit_id = $1`, [user.orgUnitId], q);
  }

  /** Tasks of units in the caller's scope, optionally of one unit. */
  async list(user: AuthUser, q: TaskListQuery): Promise<Page<TaskSummary>> {
    if (q.holderUnitId) {
      await this.scope.unitPathInScope(user, q.holderUnitId);
      return this.page(`t.holder_unit_id = $1`, [q.holderUnitId], q);
    }
    return this.page(`u.path LIKE $1 || '%'`, [this.scope.scopePrefix(user)], q);
  }

  private async page(cond: string, params: unknown[], q: TaskListQuery): Promise<Page<TaskSummary>> {
    const where = `${cond} AND t.withdrawn_at IS NULL AND ($2::int IS NULL OR t.campaign_id = $2) AND ($3::text IS NULL OR t.status = $3)`;
    const all = [...params, q.campaignId ?? null, q.status ?? null];
    const items: TaskSummary[] = await this.dataSource.query(`${SELECT} WHERE ${where} ORDER BY t.deadline, t.id OFFSET $4 LIMIT $5`, [
      ...all,
      q.offset,
      q.pageSize,
    ]);
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM task t JOIN org_unit u ON u.id = t.holder_unit_id WHERE ${where}`, all);
    return pageOf(items, total, q);
  }

  /** A task with its chain up to the campaign's own task, its milestones (cumulative share due) and its approved allocation. */
  async get(user: AuthUser, id: number, m: EntityManager = this.dataSource.manager) {
    const task = await this.visible(m, user, id);
    const chain: TaskSummary[] = await m.query(
      `WITH RECURSIVE up AS (SELECT id, parent_task_id, 0 AS d FROM task WHERE id = $1 UNION ALL SELECT t.id, t.parent_task_id, up.d + 1 FROM task t JOIN up ON t.id = up.parent_task_id)
       ${SELECT} JOIN up ON up.id = t.id ORDER BY up.d DESC`,
      [id],
    );
    const ms: { dueOn: string; percent: string }[] = await m.query(
      `SELECT to_char(due_on, 'YYYY-MM-DD') AS "dueOn", percent::text AS percent FROM campaign_milestone WHERE campaign_id = $1 AND due_on <= $2 ORDER BY due_on`,
      [task.campaignId, task.deadline],
    );
    // Expected cumulative value by each milestone: target × percent, to two decimals (ratios: the rate itself is the goal).
    const milestones = ms.map((x) => ({
      dueOn: x.dueOn,
      percent: x.percent,
      expected: task.kind === 'ratio' ? task.target : fromCents((toCents(task.target)! * toCents(x.percent)! + 5000n) / 10000n),
    }));
    const [allocation] = await m.query(
      `SELECT id, version, status FROM allocation WHERE parent_task_id = $1 AND status IN ('approved') ORDER BY version DESC LIMIT 1`,
      [id],
    );
    const [pending] = await m.query(`SELECT id, version, status FROM allocation WHERE parent_task_id = $1 AND status IN ('draft','submitted','rejected')`, [
      id,
    ]);
    const events = await m.query(
      `SELECT kind, key, due_at AS "dueAt", done_at AS "doneAt", skip_reason AS "skipReason", cancelled_at AS "cancelledAt" FROM task_deadline_event
        WHERE task_id = $1 AND cancelled_at IS NULL ORDER BY due_at`,
      [id],
    );
    return { ...task, chain, milestones, allocation: allocation ?? null, pendingAllocation: pending ?? null, deadlineEvents: events };
  }

  /**
   * Moves the deadline of a campaign unit's own task (a child task's deadline changes through a new allocation
   * version). Re-plans reminders and overdue; an overdue task with a future deadline is open again.
   */
  async moveDeadline(user: AuthUser, id: number, deadline: string) {
    if (!isIsoDate(deadline)) throw DomainError.validation('deadline', 'is not a calendar date');
    await this.dataSource.transaction(async (m) => {
      const task = await this.visible(m, user, id, true);
      const access = await campaignAccess(m, user, task.campaignId);
      if (!canRunCampaign(user, access)) throw DomainError.forbidden('only the campaign leadership or office moves a campaign deadline');
      if (task.parentTaskId !== null) throw DomainError.invalidState(`task ${id} comes from an allocation: change its deadline with a new allocation version`);
      if (task.deadline === deadline) return;
      const now = this.clock.now();
      const reopen = task.status === 'overdue' && deadline >= this.clock.today();
      await m.query(
        `UPDATE task SET deadline = $2, deadline_version = deadline_version + 1, status = CASE WHEN $3 THEN 'open' ELSE status END,
                overdue_at = CASE WHEN $3 THEN NULL ELSE overdue_at END, updated_at = $4 WHERE id = $1`,
        [id, deadline, reopen, now],
      );
      await this.deadlines.schedule(m, [id]);
      await this.splitFollowUp.afterChange(m, [id], now);
      await this.audit.record(m, user, {
        action: 'task.move-deadline',
        entity: 'task',
        entityId: id,
        orgUnitPath: access.unitPath,
        before: { deadline: task.deadline },
        after: { deadline },
      });
    });
    return this.get(user, id);
  }

  /** Marks a task completed (its holder's managers or the office); pending reminders and overdue no longer act. */
  async complete(user: AuthUser, id: number) {
    await this.dataSource.transaction(async (m) => {
      const task = await this.visible(m, user, id, true);
      const access = await campaignAccess(m, user, task.campaignId);
      const [u] = await m.query(`SELECT path FROM org_unit WHERE id = $1`, [task.holderUnitId]);
      if (!canDraftFor(user, access, task.holderUnitId, u.path)) throw DomainError.forbidden('only the task holder’s managers or the office complete a task');
      await this.markCompleted(m, id);
      await this.audit.record(m, user, {
        action: 'task.complete',
        entity: 'task',
        entityId: id,
        orgUnitPath: u.path,
        before: { status: task.status },
        after: { status: 'completed' },
      });
    });
    return this.get(user, id);
  }

  /** For other libraries (progress): completes a task in the caller's transaction; idempotent. */
  async markCompleted(m: EntityManager, taskId: number): Promise<void> {
    const now = this.clock.now();
    await m.query(`UPDATE task SET status = 'completed', completed_at = $2, updated_at = $2 WHERE id = $1 AND status <> 'completed'`, [taskId, now]);
    await m.query(`UPDATE task_deadline_event SET cancelled_at = $2 WHERE task_id = $1 AND done_at IS NULL AND cancelled_at IS NULL`, [taskId, now]);
  }

  private async visible(m: EntityManager, user: AuthUser, id: number, lock = false): Promise<TaskSummary> {
    const [task]: TaskSummary[] = await m.query(`${SELECT} WHERE t.id = $1`, [id]);
    if (!task) throw DomainError.notFound('task', id);
    if (lock) await m.query(`SELECT id FROM task WHERE id = $1 FOR UPDATE`, [id]);
    const [u] = await m.query(`SELECT path FROM org_unit WHERE id = $1`, [task.holderUnitId]);
    if (!pathInScope(user, u.path)) {
      const members = await m.query(`SELECT 1 FROM campaign_member WHERE campaign_id = $1 AND user_id = $2`, [task.campaignId, user.id]);
      if (!members.length) throw DomainError.outOfScope(`task ${id} is outside your organisation unit`);
    }
    return task;
  }
}
