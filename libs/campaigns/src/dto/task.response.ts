import { ApiProperty } from '@nestjs/swagger';
import { ALLOCATION_STATUSES, AllocationStatus, DEADLINE_EVENT_KINDS, INDICATOR_KINDS, INDICATOR_UNITS, TASK_STATUSES } from '../campaigns.types';
import type { ReminderSkip } from '../rules/late-reminders';
import type { DeadlineEventView, TaskSummary, TaskView } from './task.types';

/** Why a done reminder sent nothing (the CHECK of task_deadline_event.skip_reason). */
export const REMINDER_SKIPS = ['passed', 'superseded', 'met'] as const satisfies readonly ReminderSkip[];

/** A task (a unit's or a cadre's target for one indicator) as the lists and the task view answer it. */
export class TaskSummaryDto implements TaskSummary {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty({ type: 'integer' }) campaignId: number;
  @ApiProperty({ example: '2026年社会保险扩面征缴专项行动' }) campaignName: string;
  @ApiProperty({ type: 'integer' }) indicatorId: number;
  @ApiProperty({ example: 'EP-NEW' }) indicatorCode: string;
  @ApiProperty({ example: '企业职工基本养老保险年新增参保人数' }) indicatorName: string;
  @ApiProperty({ enum: INDICATOR_KINDS, description: "the indicator's kind" }) kind: string;
  @ApiProperty({ enum: INDICATOR_UNITS, description: "the indicator's unit" }) unit: string;
  @ApiProperty({ type: 'integer' }) holderUnitId: number;
  @ApiProperty({ example: 'DH01' }) holderCode: string;
  @ApiProperty({ example: '城关街道' }) holderName: string;
  @ApiProperty({ type: 'integer', nullable: true, description: "a cadre's share of the holder unit's task: the cadre (user id); null for a unit's task" })
  holderUserId: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'the task it was split from; null for the campaign unit’s own' }) parentTaskId: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '3600.00',
    description:
      'decimal string (NUMERIC(18,2)); a rate in percent for ratios; null: the unit has no plan (无计划), which is met from the start and never overdue',
  })
  target: string | null;
  @ApiProperty({ type: String, format: 'date', example: '2026-11-30' }) deadline: string;
  @ApiProperty({
    enum: TASK_STATUSES,
    description:
      'open: not met and not yet judged at its deadline; met: the figure reached the target (metLate: after the deadline); overdue: unmet at the deadline; completed: closed by hand',
  })
  status: string;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    example: '2026-10-15',
    description: 'met: the date the figure reached the target; null otherwise',
  })
  metOn: string | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'met: whether metOn is after the deadline; null otherwise' }) metLate: boolean | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'the approved allocation its target comes from; null for the campaign unit’s own' })
  allocationId: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'the version of that allocation' }) allocationVersion: number | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'when a later allocation version left its holder out (lists leave withdrawn tasks out)',
  })
  withdrawnAt: Date | null;
}

type TaskMilestone = TaskView['milestones'][number];

/** A milestone due by the task's deadline, with the value expected by it. */
export class TaskMilestoneDto implements TaskMilestone {
  @ApiProperty({ type: String, format: 'date', example: '2026-03-31' }) dueOn: string;
  @ApiProperty({ example: '25.00', description: 'cumulative percent due (decimal string)' }) percent: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '900.00',
    description: 'target × percent, to two decimals (ratios: the target rate itself); decimal string; null without a plan',
  })
  expected: string | null;
}

type AllocationRef = NonNullable<TaskView['allocation']>;

/** A version of the split of this task. */
export class TaskAllocationRefDto implements AllocationRef {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty({ type: 'integer', example: 1 }) version: number;
  @ApiProperty({ enum: ALLOCATION_STATUSES }) status: AllocationStatus;
}

/** A reminder or the overdue transition of a task, not cancelled. */
export class TaskDeadlineEventDto implements DeadlineEventView {
  @ApiProperty({ enum: DEADLINE_EVENT_KINDS }) kind: string;
  @ApiProperty({ example: 'reminder-deadline-2026-11-30-7-v1', description: 'what the event is, unique per task (kind, date, offset, deadline version)' })
  key: string;
  @ApiProperty({ type: String, format: 'date-time' }) dueAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when it was done; null while pending' }) doneAt: Date | null;
  @ApiProperty({
    enum: REMINDER_SKIPS,
    nullable: true,
    description: 'done without a notice: why (passed, superseded by a later reminder, met); null otherwise',
  })
  skipReason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'always null here (cancelled events are left out)' }) cancelledAt: Date | null;
}

/** A task with its chain up to the campaign's own task, its milestones, allocations and deadline events. */
export class TaskViewDto extends TaskSummaryDto implements TaskView {
  @ApiProperty({ type: [TaskSummaryDto], description: 'this task and every task above it, the campaign unit’s own first' }) chain: TaskSummaryDto[];
  @ApiProperty({ type: [TaskMilestoneDto], description: 'the campaign milestones due on or before the deadline, by date' }) milestones: TaskMilestoneDto[];
  @ApiProperty({ type: TaskAllocationRefDto, nullable: true, description: 'the approved split of this task; null when not split' })
  allocation: TaskAllocationRefDto | null;
  @ApiProperty({
    type: TaskAllocationRefDto,
    nullable: true,
    description: 'the version of its split being worked on (draft, submitted or rejected); null when none',
  })
  pendingAllocation: TaskAllocationRefDto | null;
  @ApiProperty({ type: [TaskDeadlineEventDto], description: 'by due instant' }) deadlineEvents: TaskDeadlineEventDto[];
}
