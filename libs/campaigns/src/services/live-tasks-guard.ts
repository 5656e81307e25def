import { DomainError, ErrorCode } from '#core';
import { TreeChange, TreeGuards, UserChange } from '#org';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LiveTaskRow, TaskRepository } from '../repositories/task.repository';

/** How many live tasks a refusal names; the message gives the total when there are more. */
const NAMED = 5;

const VERB: Record<TreeChange['kind'], string> = { move: '调整上级单位', deactivate: '停用' };
const USER_VERB: Record<UserChange['kind'], string> = { move: '调到其他单位', deactivate: '停用', 'not-cadre': '取消干部角色' };

/**
 * The rule of a moving unit (issue 12): a unit is not moved or deactivated while it or a unit below it
 * holds a live task (not withdrawn) of a campaign that is not closed. Its share is a line of the split
 * above it: moved away, the old parent's lines no longer add up to its target and the new parent's exceed
 * theirs; deactivated, nobody works it. The refusal (409) names the tasks so the office can end them first:
 * close the campaign, or approve a new version of the split above without the unit (its task is withdrawn).
 * Cadres' shares are the unit's own task split over its cadres: the unit's task names them.
 */
@Injectable()
export class LiveTasksGuard implements OnModuleInit {
  constructor(
    private readonly guards: TreeGuards,
    private readonly tasks: TaskRepository,
  ) {}

  onModuleInit(): void {
    this.guards.register((m, change) => this.refuseLiveTasks(m, change));
    this.guards.registerUser((m, change) => this.refuseLiveShares(m, change));
  }

  /**
   * The same rule for a cadre's share: its holder is not moved to another unit, deactivated or stripped of
   * the cadre role while the share is live (before, all three answered 200 and the cadre could no longer
   * report on the share the unit's split counted on).
   */
  async refuseLiveShares(m: EntityManager, change: UserChange): Promise<void> {
    const live = await this.tasks.liveSharesOf(m, change.userId, NAMED);
    if (!live.length) return;
    const verb = USER_VERB[change.kind];
    throw new DomainError(
      ErrorCode.Conflict,
      `${change.username} 承担着未结束活动的干部任务，不能${verb}：${this.named(live)}。` + `请先由所在单位提交不含该干部的新版分解表并经审批，再${verb}。`,
      [],
      { liveTasks: this.details(live), total: live[0].total },
    );
  }

  private named(live: LiveTaskRow[]): string {
    const more = live[0].total > live.length ? `等共 ${live[0].total} 项` : '';
    return live.map((t) => `「${t.campaign}」${t.indicator}（${t.unit}，${t.target === null ? '无计划' : `目标 ${t.target}`}）`).join('、') + more;
  }

  private details(live: LiveTaskRow[]) {
    return live.map((t) => ({ taskId: t.task_id, campaign: t.campaign, indicator: t.indicator, unit: t.unit, target: t.target }));
  }

  async refuseLiveTasks(m: EntityManager, change: TreeChange): Promise<void> {
    const live = await this.tasks.liveTasksUnder(m, change.path, NAMED);
    if (!live.length) return;
    const verb = VERB[change.kind];
    throw new DomainError(
      ErrorCode.Conflict,
      `${change.unitName}及其下级单位承担着未结束活动的任务，不能${verb}：${this.named(live)}。` +
        `请先结束这些任务（结束活动，或由上级提交不含该单位的新版分解表并经审批），再${verb}。`,
      [],
      { liveTasks: this.details(live), total: live[0].total },
    );
  }
}
