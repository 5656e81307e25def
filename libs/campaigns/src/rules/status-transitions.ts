import { addDays, businessInstant } from '#core';
import type { AllocationStatus } from '../campaigns.types';

// Issue 3: a campaign runs draft → active → closed; an allocation version is drafted (draft, or back from
// rejected), submitted, then approved or rejected; an approved one is superseded by the next approved version.

export type CampaignMove = 'activate' | 'close' | 'edit';
export type AllocationMove = 'update' | 'submit' | 'approve' | 'reject';

const CAMPAIGN_FROM: Record<CampaignMove, { from: string; refusal: string; zh: string; code: 'CAMPAIGN_NOT_DRAFT' | 'CAMPAIGN_NOT_ACTIVE' }> = {
  activate: { from: 'draft', refusal: 'only a draft campaign can be activated', zh: '只有草稿状态的扩面任务可以启动', code: 'CAMPAIGN_NOT_DRAFT' },
  close: { from: 'active', refusal: 'only an active campaign can be closed', zh: '只有进行中的扩面任务可以结束', code: 'CAMPAIGN_NOT_ACTIVE' },
  edit: {
    from: 'draft',
    refusal: 'only a draft campaign can be edited (change the settings of a running one)',
    zh: '只有草稿状态的扩面任务可以修改（已启动的任务可在“设置”中调整）',
    code: 'CAMPAIGN_NOT_DRAFT',
  },
};

const ALLOCATION_FROM: Record<AllocationMove, { from: AllocationStatus[]; refusal: string; zh: string; code: 'SPLIT_NOT_DRAFT' | 'SPLIT_NOT_SUBMITTED' }> = {
  update: {
    from: ['draft', 'rejected'],
    refusal: 'only a draft or rejected allocation can be changed (start a new version of an approved one)',
    zh: '只有草稿或已退回的分解方案可以修改（已批准的请新建一个版本）',
    code: 'SPLIT_NOT_DRAFT',
  },
  submit: {
    from: ['draft', 'rejected'],
    refusal: 'only a draft or rejected allocation can be submitted',
    zh: '只有草稿或已退回的分解方案可以提交',
    code: 'SPLIT_NOT_DRAFT',
  },
  approve: { from: ['submitted'], refusal: 'only a submitted allocation can be approved', zh: '只有已提交的分解方案可以批准', code: 'SPLIT_NOT_SUBMITTED' },
  reject: { from: ['submitted'], refusal: 'only a submitted allocation can be rejected', zh: '只有已提交的分解方案可以退回', code: 'SPLIT_NOT_SUBMITTED' },
};

/** The statuses as the clerk reads them. */
export const CAMPAIGN_STATUS_ZH: Record<string, string> = { draft: '草稿', active: '进行中', closed: '已结束' };
export const ALLOCATION_STATUS_ZH: Record<AllocationStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  approved: '已批准',
  rejected: '已退回',
  superseded: '已被新版本替代',
};

/** The error code (campaigns.errors.ts) of a refused campaign move. */
export const campaignMoveCode = (move: CampaignMove) => CAMPAIGN_FROM[move].code;

/** The error code (campaigns.errors.ts) of a refused allocation move. */
export const allocationMoveCode = (move: AllocationMove) => ALLOCATION_FROM[move].code;

/** Why a campaign in `status` cannot make the move, or null when it can. */
export function campaignMoveRefusal(move: CampaignMove, id: number, status: string): string | null {
  const t = CAMPAIGN_FROM[move];
  return status === t.from ? null : `扩面任务 ${id} 当前为“${CAMPAIGN_STATUS_ZH[status] ?? status}”：${t.zh}（campaign ${id} is ${status}; ${t.refusal}）`;
}

/** Why an allocation in `status` cannot make the move, or null when it can. */
export function allocationMoveRefusal(move: AllocationMove, id: number, status: AllocationStatus): string | null {
  const t = ALLOCATION_FROM[move];
  return t.from.includes(status) ? null : `分解方案 ${id} 当前为“${ALLOCATION_STATUS_ZH[status]}”：${t.zh}（allocation ${id} is ${status}; ${t.refusal}）`;
}

/** A task has at most one version of its split open (draft, submitted or rejected): the one to change. */
export function openVersion<T extends { status: AllocationStatus }>(versions: T[]): T | undefined {
  return versions.find((v) => v.status === 'draft' || v.status === 'submitted' || v.status === 'rejected');
}

/** The version number a new draft of the split takes: one after the last. */
export function nextVersion(versions: { version: number }[]): number {
  return (versions.at(-1)?.version ?? 0) + 1;
}

/** True while the deadline day (China) has not ended at `now`: a task due then may still be met on time. */
export function deadlineAhead(deadline: string, now: Date): boolean {
  return businessInstant(addDays(deadline, 1)).getTime() > now.getTime();
}

/** How an existing child task follows its line in a newly approved version. */
export interface ChildTaskUpdate {
  /** The task's deadline version after the update: one more when the deadline moved or the task comes back from withdrawn. */
  deadlineVersion: number;
  /** An overdue task whose deadline moved to the future is open again; the new deadline will be enforced. */
  reopen: boolean;
  /** Nothing the holder sees changed (same deadline, target, not withdrawn): no notice. */
  unchanged: boolean;
  /** The target or deadline changed: the split below it is followed up. */
  changed: boolean;
}

export function childTaskUpdate(
  existing: { deadline: string; deadline_version: number; status: string; target: string | null; withdrawn_at: Date | null },
  line: { target: string | null; deadline: string },
  now: Date,
): ChildTaskUpdate {
  const moved = existing.deadline !== line.deadline;
  const retargeted = existing.target !== line.target;
  return {
    deadlineVersion: moved || existing.withdrawn_at ? existing.deadline_version + 1 : existing.deadline_version,
    reopen: existing.status === 'overdue' && moved && deadlineAhead(line.deadline, now),
    unchanged: !moved && !existing.withdrawn_at && !retargeted,
    changed: moved || retargeted,
  };
}
