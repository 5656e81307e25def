import { AuditService, AuthUser, Clock, DomainError, hasRole, isIsoDate, Page, pageOf, pathInScope, Queryable, Role } from '#core';
import { OrgReader, ScopeService } from '#org';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TaskListQuery } from '../dto/task.dto';
import { TaskSummary, TaskView } from '../dto/task.types';
import { AllocationRepository } from '../repositories/allocation.repository';
import { CampaignRepository } from '../repositories/campaign.repository';
import { DeadlineEventRepository } from '../repositories/deadline-event.repository';
import { TaskListScope, TaskRepository } from '../repositories/task.repository';
import { expectedByMilestone } from '../rules/milestones';
import { canDraftFor, canRunCampaign } from '../rules/permissions';
import { CampaignAccessService } from './campaign-access.service';
import { DeadlinesService } from './deadlines.service';
import { SplitFollowUp } from './split-follow-up';
import { campaignsError } from '../campaigns.errors';

/** Tasks: lists, the task view, moving a campaign unit's own deadline, and completing a task by hand. */
@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly deadlines: DeadlinesService,
    private readonly splitFollowUp: SplitFollowUp,
    private readonly access: CampaignAccessService,
    private readonly tasks: TaskRepository,
    private readonly campaigns: CampaignRepository,
    private readonly allocations: AllocationRepository,
    private readonly events: DeadlineEventRepository,
    private readonly org: OrgReader,
  ) {}

  /**
   * The caller's tasks (withdrawn ones left out): a cadre's are the shares the cadre holds; anyone else's are
   * those of their own unit, cadres' shares included.
   */
  async mine(user: AuthUser, q: TaskListQuery): Promise<Page<TaskSummary>> {
    const cadreOnly = hasRole(user, Role.Cadre) && !hasRole(user, Role.UnitManager);
    return this.page(cadreOnly ? { holderUserId: user.id } : { holderUnitId: user.orgUnitId }, q);
  }

  /** Tasks of units in the caller's scope, optionally of one unit. */
  async list(user: AuthUser, q: TaskListQuery): Promise<Page<TaskSummary>> {
    if (q.holderUnitId) {
      await this.scope.unitPathInScope(user, q.holderUnitId);
      return this.page({ holderUnitId: q.holderUnitId }, q);
    }
    return this.page({ scope: await this.scope.listScope(user, q.unitId) }, q);
  }

  private async page(scope: TaskListScope, q: TaskListQuery): Promise<Page<TaskSummary>> {
    const f = { campaignId: q.campaignId ?? null, status: q.status ?? null };
    const items = await this.tasks.page(this.dataSource, scope, f, q, q.offset, q.pageSize);
    return pageOf(items, await this.tasks.count(this.dataSource, scope, f.campaignId, f.status), q);
  }

  /** A task with its chain up to the campaign's own task, its milestones (cumulative share due) and its approved allocation. */
  async get(user: AuthUser, id: number, db: Queryable = this.dataSource.manager): Promise<TaskView> {
    const task = await this.visible(db, user, id);
    const chain = await this.tasks.chain(db, id);
    const ms = await this.campaigns.milestonesUntil(db, task.campaignId, task.deadline);
    // Expected cumulative value by each milestone: target × percent, to two decimals (ratios: the rate itself is the goal).
    const milestones = ms.map((x) => ({
      dueOn: x.dueOn,
      percent: x.percent,
      expected: task.target === null ? null : expectedByMilestone(task.kind, task.target, x.percent),
    }));
    const allocation = await this.allocations.approvedOf(db, id);
    const pending = await this.allocations.pendingOf(db, id);
    const events = await this.events.ofTask(db, id);
    return { ...task, chain, milestones, allocation: allocation ?? null, pendingAllocation: pending ?? null, deadlineEvents: events };
  }

  /**
   * Moves the deadline of a campaign unit's own task (a child task's deadline changes through a new allocation
   * version). Re-plans reminders and overdue; an overdue task with a future deadline is open again.
   */
  async moveDeadline(user: AuthUser, id: number, deadline: string): Promise<TaskView> {
    if (!isIsoDate(deadline)) throw DomainError.validation('deadline', '不是有效的日期，格式 YYYY-MM-DD（is not a calendar date）');
    await this.dataSource.transaction(async (m) => {
      const task = await this.visible(m, user, id, true);
      const access = await this.access.load(m, user, task.campaignId);
      if (!canRunCampaign(user, access))
        throw DomainError.forbidden('只有本扩面任务的领导小组或办公室可以调整截止日期（only the campaign leadership or office moves a campaign deadline）');
      if (task.parentTaskId !== null)
        throw campaignsError(
          'DEADLINE_FROM_SPLIT',
          `任务 ${id} 来自分解方案，请通过新版分解方案调整其截止日期（task ${id} comes from an allocation: change its deadline with a new allocation version）`,
        );
      if (task.deadline === deadline) return;
      const now = this.clock.now();
      const reopen = task.status === 'overdue' && deadline >= this.clock.today();
      await this.tasks.moveDeadline(m, id, deadline, reopen, now);
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
  async complete(user: AuthUser, id: number): Promise<TaskView> {
    await this.dataSource.transaction(async (m) => {
      const task = await this.visible(m, user, id, true);
      const access = await this.access.load(m, user, task.campaignId);
      const path = (await this.org.unit(m, task.holderUnitId))!.path;
      if (!canDraftFor(user, access, task.holderUnitId, path))
        throw DomainError.forbidden('只有任务承担单位的负责人或办公室可以办结任务（only the task holder’s managers or the office complete a task）');
      await this.markCompleted(m, id);
      await this.audit.record(m, user, {
        action: 'task.complete',
        entity: 'task',
        entityId: id,
        orgUnitPath: path,
        before: { status: task.status },
        after: { status: 'completed' },
      });
    });
    return this.get(user, id);
  }

  /** Completes a task in the caller's transaction; idempotent. */
  async markCompleted(m: EntityManager, taskId: number): Promise<void> {
    const now = this.clock.now();
    await this.tasks.markCompleted(m, taskId, now);
    await this.events.cancelPendingOfTask(m, taskId, now);
  }

  private async visible(db: Queryable, user: AuthUser, id: number, lock = false): Promise<TaskSummary> {
    const task = await this.tasks.summary(db, id);
    if (!task) throw DomainError.notFound('task', id);
    if (lock) await this.tasks.lock(db, id);
    const path = (await this.org.unit(db, task.holderUnitId))!.path;
    if (!pathInScope(user, path) && !(await this.campaigns.isMember(db, task.campaignId, user.id)))
      throw DomainError.outOfScope(`任务 ${id} 不在您所在单位的范围内（task ${id} is outside your organisation unit）`);
    return task;
  }
}
