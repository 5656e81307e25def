import { Role } from '#core';
import { NoticeInput, NoticesService } from '#notices';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AllocationRepository } from '../repositories/allocation.repository';
import { ChangedTaskRow, TaskRepository } from '../repositories/task.repository';
import { outOfStepReason } from '../rules/allocation-rules';
import { readCampaignSettings } from '../rules/read-settings';
import { deadlineAhead } from '../rules/status-transitions';
import { DeadlinesService } from './deadlines.service';

/**
 * What a change of a task's target or deadline means for the split of that task further down:
 * - child tasks whose allocation line has no deadline of its own follow the new deadline (and so on down);
 * - the approved split is checked again with the allocation rules; if it no longer fits (lines no longer add
 *   up to the new target, a ratio no longer copied, a child deadline after the new one) it is marked out of
 *   step with the reason, and the holder's managers are told to submit a new version. Approving a new
 *   version ends it (that version was checked against the new figures).
 * Runs in the caller's transaction.
 */
@Injectable()
export class SplitFollowUp {
  constructor(
    private readonly deadlines: DeadlinesService,
    private readonly notices: NoticesService,
    private readonly allocations: AllocationRepository,
    private readonly tasks: TaskRepository,
  ) {}

  async afterChange(m: EntityManager, taskIds: number[], now: Date): Promise<void> {
    if (!taskIds.length) return;
    const tasks = await this.tasks.changed(m, taskIds);
    const followed: number[] = [];
    const notices: NoticeInput[] = [];
    for (const t of tasks.filter((x) => x.allocation_id !== null)) {
      followed.push(...(await this.inheritDeadline(m, t, now)));
      const lines = await this.allocations.ruleLines(m, t.allocation_id!);
      const reason = outOfStepReason(
        { kind: t.kind, target: t.target, deadline: t.deadline, allowOverAllocation: readCampaignSettings(t.settings).deadlines.allowOverAllocation },
        lines,
      );
      if (reason === t.out_of_step) continue;
      await this.allocations.setOutOfStep(m, t.allocation_id!, reason, now);
      if (!reason) continue;
      for (const u of await this.notices.recipients(m, [t.holder_unit_id], [Role.UnitManager]))
        notices.push({
          recipientUserId: u,
          kind: 'allocation.out-of-step',
          subject: `请重新分解：${t.indicator_name}`,
          body: `${t.holder_name}的“${t.indicator_name}”任务已调整为${t.target === null ? '无计划' : `目标 ${t.target}`}、完成时限 ${t.deadline}，现行分解表（第${t.allocation_version}版）不再符合：${reason}。请提交新版本分解表。`,
          link: { entity: 'allocation', id: t.allocation_id! },
          dedupeKey: `allocation-${t.allocation_id}-out-of-step-${t.target}-${t.deadline}-u${u}`,
        });
    }
    await this.notices.notify(m, notices);
    if (followed.length) await this.afterChange(m, followed, now);
  }

  /** Child tasks of lines without their own deadline take the parent's new one; answers the ids that moved. */
  private async inheritDeadline(m: EntityManager, t: ChangedTaskRow, now: Date): Promise<number[]> {
    // An overdue child whose deadline moved to the future is open again, as when a version moves it.
    const ids = await this.tasks.inheritDeadline(m, t.allocation_id!, t.deadline, deadlineAhead(t.deadline, now), now);
    await this.deadlines.schedule(m, ids);
    return ids;
  }
}
