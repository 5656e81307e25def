import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ReminderSkip } from '../rules/late-reminders';

/**
 * open: not yet judged at its deadline and not met; met: its figure has reached its target (count/amount actual >=
 * target, ratio rate >= target), on time or late (met_on after the deadline); overdue: unmet at its deadline;
 * completed: closed by hand.
 */
export const TASK_STATUSES = ['open', 'met', 'completed', 'overdue'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * A unit's target for one indicator (目标任务). The campaign unit's task has no parent; every other task comes
 * from a line of its parent's approved allocation and is updated in place when a new version is approved.
 * A task dropped by a later version keeps its row with withdrawn_at set (history is never deleted).
 */
@Entity('task')
export class Task {
  @PrimaryGeneratedColumn()
  id: number;
  @Column({ name: 'campaign_id', type: 'int' })
  campaignId: number;
  @Column({ name: 'indicator_id', type: 'int' })
  indicatorId: number;
  @Column({ name: 'holder_unit_id', type: 'int' })
  holderUnitId: number;
  /** A cadre of the holder unit who holds this task (a unit's task split over its cadres); null for a unit's task. */
  @Column({ name: 'holder_user_id', type: 'int', nullable: true })
  holderUserId: number | null;
  @Column({ name: 'parent_task_id', type: 'int', nullable: true })
  parentTaskId: number | null;
  /** numeric(18,2) as a string: a count, an amount in yuan, or a rate in percent for ratio indicators. */
  @Column({ type: 'numeric', precision: 18, scale: 2 })
  target: string;
  @Column({ type: 'date' })
  deadline: string;
  /** Increments whenever the deadline changes: deadline events of older versions are cancelled. */
  @Column({ name: 'deadline_version', type: 'int' })
  deadlineVersion: number;
  @Column('text')
  status: TaskStatus;
  @Column({ name: 'allocation_id', type: 'int', nullable: true })
  allocationId: number | null;
  @Column({ name: 'allocation_line_id', type: 'int', nullable: true })
  allocationLineId: number | null;
  @Column({ name: 'allocation_version', type: 'int', nullable: true })
  allocationVersion: number | null;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;
  /** The business date from which the task's figure has stayed at or above its target (see TaskMetStatus1764001000000). */
  @Column({ name: 'met_on', type: 'date', nullable: true })
  metOn: string | null;
  @Column({ name: 'overdue_at', type: 'timestamptz', nullable: true })
  overdueAt: Date | null;
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export const DEADLINE_EVENT_KINDS = ['reminder', 'overdue'] as const;
export type DeadlineEventKind = (typeof DEADLINE_EVENT_KINDS)[number];

/** Something that must happen once for a task at an instant: a reminder, or the overdue transition (+ escalation). */
@Entity('task_deadline_event')
export class TaskDeadlineEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;
  @Column({ name: 'task_id', type: 'int' })
  taskId: number;
  @Column('text')
  kind: DeadlineEventKind;
  /** Unique per task, e.g. 'reminder-deadline-2026-12-31-7-v1', 'overdue-2026-12-31-v1'. */
  @Column('text')
  key: string;
  /** The deadline or milestone date the event is about. */
  @Column({ name: 'target_date', type: 'date' })
  targetDate: string;
  @Column({ name: 'offset_days', type: 'int' })
  offsetDays: number;
  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;
  @Column({ name: 'deadline_version', type: 'int' })
  deadlineVersion: number;
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;
  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt: Date | null;
  @Column({ name: 'done_by', type: 'text', nullable: true })
  doneBy: string | null;
  /** Why a done reminder was not sent (migration DeadlineEventSkipped1764001120000); null when it was sent. */
  @Column({ name: 'skip_reason', type: 'text', nullable: true })
  skipReason: ReminderSkip | null;
}
