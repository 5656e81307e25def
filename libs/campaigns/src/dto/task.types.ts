import type { AllocationStatus } from '../campaigns.types';

/** A task as lists and the task view answer it. */
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
  /** Null: no plan (无计划). */
  target: string | null;
  deadline: string;
  status: string;
  /** Met tasks: the date the figure reached the target; metLate when that is after the deadline. Null otherwise. */
  metOn: string | null;
  metLate: boolean | null;
  allocationId: number | null;
  allocationVersion: number | null;
  withdrawnAt: Date | null;
}

/** A deadline event of a task as the task view lists it. */
export interface DeadlineEventView {
  kind: string;
  key: string;
  dueAt: Date;
  doneAt: Date | null;
  skipReason: string | null;
  cancelledAt: Date | null;
}

/** A task with its chain up to the campaign's own task, its milestones, allocations and deadline events. */
export interface TaskView extends TaskSummary {
  chain: TaskSummary[];
  milestones: { dueOn: string; percent: string; expected: string | null }[];
  allocation: { id: number; version: number; status: AllocationStatus } | null;
  pendingAllocation: { id: number; version: number; status: AllocationStatus } | null;
  deadlineEvents: DeadlineEventView[];
}
