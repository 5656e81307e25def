import { AuthUser, DomainError, Page, pageOf, Queryable } from '#core';
import { ScopeService } from '#org';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AllocationListQuery } from '../dto/allocation.dto';
import { AllocationView } from '../dto/allocation.types';
import { AllocationListItem, AllocationRepository, AllocationRow } from '../repositories/allocation.repository';
import { ParentTaskRow, TaskRepository } from '../repositories/task.repository';
import { CampaignAccess, canSeeAllocation } from '../rules/permissions';
import { CampaignAccessService } from './campaign-access.service';

/** An allocation with what every action on it needs. */
export interface LoadedAllocation {
  a: AllocationRow;
  parent: ParentTaskRow;
  access: CampaignAccess;
}

/** Reads of allocations: one version with its lines, trail and sibling versions; the list; and the load every action starts with. */
@Injectable()
export class AllocationReads {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CampaignAccessService,
    private readonly allocations: AllocationRepository,
    private readonly tasks: TaskRepository,
    private readonly scope: ScopeService,
  ) {}

  /** The allocation, its parent task and the caller's campaign rights; 404 unknown, 403 out of scope. Locks the allocation (and its parent task) when asked. */
  async load(db: Queryable, user: AuthUser, id: number, lock = true): Promise<LoadedAllocation> {
    const a = await this.allocations.byId(db, id, lock);
    if (!a) throw DomainError.notFound('allocation', id);
    const access = await this.access.load(db, user, a.campaign_id);
    const parent = await this.parentTask(db, a.parent_task_id, lock);
    if (!canSeeAllocation(user, access, parent.holder_path))
      throw DomainError.outOfScope(`分解方案 ${id} 不在您所在单位的范围内（allocation ${id} is outside your organisation unit）`);
    return { a, parent, access };
  }

  /** The task a split divides, locked when asked; 404 unknown. */
  async parentTask(db: Queryable, taskId: number, lock: boolean): Promise<ParentTaskRow> {
    const t = await this.tasks.parentTask(db, taskId, lock);
    if (!t) throw DomainError.notFound('task', taskId);
    return t;
  }

  async get(user: AuthUser, id: number, db: Queryable = this.dataSource.manager): Promise<AllocationView> {
    const { a, parent } = await this.load(db, user, id, false);
    const row = (await this.allocations.header(db, id))!;
    const lines = await this.allocations.lineViews(db, id);
    const steps = await this.allocations.steps(db, id);
    const versions = await this.allocations.versionList(db, a.parent_task_id);
    const total = await this.allocations.total(db, id);
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
      total: parent.kind === 'ratio' ? (parent.target ?? total) : total,
      lines,
      steps,
      versions,
    };
  }

  /** Allocations in the caller's scope or of campaigns the caller is a member of, in the asked order (newest first by default). */
  async list(user: AuthUser, q: AllocationListQuery): Promise<Page<AllocationListItem>> {
    const f = { scope: this.scope.scopeOf(user), userId: user.id, campaignId: q.campaignId ?? null, status: q.status ?? null };
    const items = await this.allocations.list(this.dataSource, f, q, q.offset, q.pageSize);
    return pageOf(items, await this.allocations.count(this.dataSource, f), q);
  }
}
