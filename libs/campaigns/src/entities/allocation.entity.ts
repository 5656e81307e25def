import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const ALLOCATION_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'superseded'] as const;
export type AllocationStatus = (typeof ALLOCATION_STATUSES)[number];

/**
 * One version of the split of a parent task's target over child units (任务分解表). Versions of the same
 * parent task share parent_task_id; at most one is approved (the one tasks follow) and at most one is open.
 */
@Entity('allocation')
export class Allocation {
  @PrimaryGeneratedColumn()
  id: number;
  @Column({ name: 'campaign_id', type: 'int' })
  campaignId: number;
  @Column({ name: 'indicator_id', type: 'int' })
  indicatorId: number;
  @Column({ name: 'parent_task_id', type: 'int' })
  parentTaskId: number;
  @Column({ name: 'allocating_unit_id', type: 'int' })
  allocatingUnitId: number;
  @Column('int')
  version: number;
  @Column('text')
  status: AllocationStatus;
  @Column({ name: 'previous_id', type: 'int', nullable: true })
  previousId: number | null;
  @Column({ name: 'reject_reason', type: 'text', nullable: true })
  rejectReason: string | null;
  @Column({ name: 'out_of_step', type: 'text', nullable: true })
  outOfStep: string | null;
  @Column({ name: 'created_by', type: 'int', nullable: true })
  createdBy: number | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
  @Column({ name: 'submitted_by', type: 'int', nullable: true })
  submittedBy: number | null;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;
  @Column({ name: 'decided_by', type: 'int', nullable: true })
  decidedBy: number | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
  @Column({ name: 'decision_comment', type: 'text', nullable: true })
  decisionComment: string | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** One child's share in an allocation version. target is numeric (string); deadline null = the parent's. */
@Entity('allocation_line')
export class AllocationLine {
  @PrimaryGeneratedColumn()
  id: number;
  @Column({ name: 'allocation_id', type: 'int' })
  allocationId: number;
  @Column({ name: 'child_unit_id', type: 'int' })
  childUnitId: number;
  /** A cadre holding this share of the allocating unit's own task (childUnitId is then the allocating unit). */
  @Column({ name: 'holder_user_id', type: 'int', nullable: true })
  holderUserId: number | null;
  @Column({ type: 'numeric', precision: 18, scale: 2 })
  target: string;
  @Column({ type: 'date', nullable: true })
  deadline: string | null;
}

export const ALLOCATION_ACTIONS = ['create', 'update', 'submit', 'approve', 'reject'] as const;
export type AllocationAction = (typeof ALLOCATION_ACTIONS)[number];

/** The approval trail: who did what, when, with which comment. */
@Entity('allocation_step')
export class AllocationStep {
  @PrimaryGeneratedColumn()
  id: number;
  @Column({ name: 'allocation_id', type: 'int' })
  allocationId: number;
  @Column('text')
  action: AllocationAction;
  @Column({ name: 'actor_id', type: 'int', nullable: true })
  actorId: number | null;
  @Column({ type: 'timestamptz' })
  at: Date;
  @Column({ type: 'text', nullable: true })
  comment: string | null;
}
