import { Role } from '#core';
import { NoticeInput, NoticesService } from '#notices';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AllocationRepository, AllocationRow } from '../repositories/allocation.repository';
import { TaskAttainment } from '../repositories/task-attainment.repository';
import { ParentTaskRow, TaskRepository } from '../repositories/task.repository';
import { childTaskUpdate } from '../rules/status-transitions';
import { DeadlinesService } from './deadlines.service';
import { SplitFollowUp } from './split-follow-up';

/** What an approved version does to the tasks below its parent: one task per line, created or updated in place, the others withdrawn. */
@Injectable()
export class AllocationTasks {
  constructor(
    private readonly deadlines: DeadlinesService,
    private readonly notices: NoticesService,
    private readonly splitFollowUp: SplitFollowUp,
    private readonly allocations: AllocationRepository,
    private readonly tasks: TaskRepository,
    private readonly attainment: TaskAttainment,
  ) {}

  /** Runs in the approving transaction (which holds the rollup lock); answers the ids of the lines' tasks. */
  async apply(m: EntityManager, a: AllocationRow, parent: ParentTaskRow, now: Date): Promise<number[]> {
    const lines = await this.allocations.linesToApply(m, a.id);
    // Lock order (issue 12 §7): the rollup lock (approve), then the parent's child tasks in id order, before any per-line work.
    await this.tasks.lockChildren(m, parent.id);
    const touched: number[] = [];
    const changed: number[] = [];
    const notices: NoticeInput[] = [];
    for (const l of lines) {
      const deadline = l.deadline ?? parent.deadline;
      const existing = await this.tasks.childOf(m, parent.id, l.child_unit_id, l.holder_user_id);
      let taskId: number;
      if (!existing) {
        taskId = await this.tasks.insertFromLine(m, {
          campaignId: a.campaign_id,
          indicatorId: a.indicator_id,
          unitId: l.child_unit_id,
          holderUserId: l.holder_user_id,
          parentTaskId: parent.id,
          target: l.target,
          deadline,
          allocationId: a.id,
          lineId: l.id,
          version: a.version,
          at: now,
        });
      } else {
        taskId = existing.id;
        const u = childTaskUpdate(existing, { target: l.target, deadline }, now);
        await this.tasks.updateFromLine(m, {
          id: taskId,
          target: l.target,
          deadline,
          deadlineVersion: u.deadlineVersion,
          allocationId: a.id,
          lineId: l.id,
          version: a.version,
          reopen: u.reopen,
          at: now,
        });
        if (u.unchanged) {
          touched.push(taskId);
          continue;
        }
        if (u.changed) changed.push(taskId);
      }
      touched.push(taskId);
      // a cadre's share is told to the cadre; a unit's to its managers
      for (const u of l.holder_user_id ? [l.holder_user_id] : await this.notices.recipients(m, [l.child_unit_id], [Role.UnitManager]))
        notices.push({
          recipientUserId: u,
          kind: 'task.assigned',
          subject: `新任务：${parent.indicator_name}`,
          body: `${l.child_name}承担“${parent.indicator_name}”${l.target === null ? '，未下达计划（无计划）' : `目标 ${l.target}`}，完成时限 ${deadline}（分解表第${a.version}版）。`,
          link: { entity: 'task', id: taskId },
          dedupeKey: `task-${taskId}-assigned-a${a.id}-u${u}`,
        });
    }
    const withdrawn = await this.tasks.withdrawOthers(
      m,
      parent.id,
      lines.map((l) => l.child_unit_id),
      lines.map((l) => l.holder_user_id ?? 0),
      now,
    );
    await this.deadlines.schedule(m, [...touched, ...withdrawn]);
    await this.attainment.refresh(m, touched, now); // new targets (and a withdrawn share's figure gone from the parent's) judged again
    await this.notices.notify(m, notices);
    await this.splitFollowUp.afterChange(m, changed, now);
    return touched;
  }
}
