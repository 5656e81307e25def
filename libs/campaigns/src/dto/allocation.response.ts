import { ApiProperty } from '@nestjs/swagger';
import {
  ALLOCATION_ACTIONS,
  ALLOCATION_STATUSES,
  AllocationAction,
  AllocationStatus,
  INDICATOR_KINDS,
  INDICATOR_UNITS,
  IndicatorKind,
} from '../campaigns.types';
import type { AllocationListItem, LineView, StepView } from '../repositories/allocation.repository';
import type { AllocationView } from './allocation.types';

// The split editor and the leader's approval screen are built on these: a version is compared line by line
// (by childUnitId and holderUserId) with the version it replaces (previousId) and with the parent target.

type AllocationIndicator = AllocationView['indicator'];

/** The indicator the split is of. */
export class AllocationIndicatorDto implements AllocationIndicator {
  @ApiProperty({ example: '企业职工基本养老保险年新增参保人数' }) name: string;
  @ApiProperty({ enum: INDICATOR_KINDS, description: 'count: whole numbers; amount: yuan, 2 decimals; ratio: every line carries the parent rate' })
  kind: IndicatorKind;
  @ApiProperty({ enum: INDICATOR_UNITS }) unit: string;
}

type AllocatingUnit = AllocationView['allocatingUnit'];

/** The unit whose task is split (the parent task's holder). */
export class AllocatingUnitDto implements AllocatingUnit {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty({ example: 'DH' }) code: string;
  @ApiProperty({ example: '东湖区' }) name: string;
}

/** One line of a split: a child unit's share, or a cadre's share of the allocating unit's own task. */
export class AllocationLineViewDto implements LineView {
  @ApiProperty({ type: 'integer', description: 'the line (a new version has new line ids: compare lines by childUnitId and holderUserId)' }) id: number;
  @ApiProperty({ type: 'integer', description: "the child unit; on a cadre's line, the cadre's unit" }) childUnitId: number;
  @ApiProperty({ example: 'DH01' }) childCode: string;
  @ApiProperty({ example: '城关街道' }) childName: string;
  @ApiProperty({ type: 'integer', nullable: true, description: "a cadre's line: the cadre (user id); null for a unit's line" }) holderUserId: number | null;
  @ApiProperty({ type: String, nullable: true, example: '李娜', description: "a cadre's line: the cadre's name; null for a unit's line" }) holderName:
    string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '3600.00',
    description: "the line's target, decimal string (NUMERIC(18,2)); ratios: the parent rate; null: the unit gets no plan (无计划, seed 002 annex 5), not 0",
  })
  target: string | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    example: '2026-11-30',
    description: "the line's own deadline; null: the parent task's (parentDeadline)",
  })
  deadline: string | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description:
      "the task made or updated from this line when the version was approved; null before approval, and on an older version's line once a newer version took the task over",
  })
  taskId: number | null;
}

/** A step of the approval trail. */
export class AllocationStepDto implements StepView {
  @ApiProperty({ enum: ALLOCATION_ACTIONS }) action: AllocationAction;
  @ApiProperty({ type: 'integer', nullable: true, description: 'who did it (user id)' }) actorId: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'leader', description: "the actor's username" }) actorUsername: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) at: Date;
  @ApiProperty({ type: String, nullable: true, example: '同意', description: 'the comment given (reject: the reason)' }) comment: string | null;
}

type AllocationVersion = AllocationView['versions'][number];

/** A version of the same parent task's split. */
export class AllocationVersionDto implements AllocationVersion {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty({ type: 'integer', example: 1 }) version: number;
  @ApiProperty({ enum: ALLOCATION_STATUSES }) status: AllocationStatus;
}

/**
 * One version of the split of a task (任务分解) with its lines, approval trail and every version of the same
 * parent task's split: what GET /api/allocations/:id and each change of an allocation answer.
 */
export class AllocationViewDto implements AllocationView {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty({ type: 'integer' }) campaignId: number;
  @ApiProperty({ type: 'integer' }) indicatorId: number;
  @ApiProperty({ type: AllocationIndicatorDto }) indicator: AllocationIndicatorDto;
  @ApiProperty({ type: 'integer', description: 'the task whose target is split' }) parentTaskId: number;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '8000.00',
    description: "the parent task's target now, decimal string (NUMERIC(18,2)); ratios: the rate in percent; null when the parent has no plan",
  })
  parentTarget: string | null;
  @ApiProperty({ type: String, format: 'date', example: '2026-12-31', description: "the parent task's deadline now (a line without a deadline takes it)" })
  parentDeadline: string;
  @ApiProperty({ type: AllocatingUnitDto }) allocatingUnit: AllocatingUnitDto;
  @ApiProperty({ type: 'integer', example: 2, description: 'the version of the split, from 1' }) version: number;
  @ApiProperty({
    enum: ALLOCATION_STATUSES,
    description: 'draft → submitted → approved (the previous approved version becomes superseded) or rejected (changed and submitted again)',
  })
  status: AllocationStatus;
  @ApiProperty({ type: 'integer', nullable: true, description: 'the approved version this one replaces (when drafted); null for a first split' })
  previousId: number | null;
  @ApiProperty({ type: String, nullable: true, example: '东湖区目标偏低，请调整', description: 'the reason of the last rejection; null if never rejected' })
  rejectReason: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'lines[0].deadline: must be no later than the parent deadline 2026-06-30; lines: lines add up to 60.00; they must add up to exactly 70.00',
    description:
      "an approved split whose parent task's target or deadline changed so that it no longer fits: each line error and the sum, '; '-separated; null otherwise",
  })
  outOfStep: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) createdBy: number | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'integer', nullable: true }) submittedBy: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: Date | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'who approved or rejected it' }) decidedBy: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: Date | null;
  @ApiProperty({ type: String, nullable: true, example: '同意', description: 'the comment of the approval, or the reason of the rejection' }) decisionComment:
    string | null;
  @ApiProperty({
    example: '8000.00',
    description: "the sum of the lines' targets, two decimals ('0.00' without lines); ratios: the parent rate (lines are rates, not summed)",
  })
  total: string;
  @ApiProperty({ type: [AllocationLineViewDto], description: "by the child unit's place in the tree" }) lines: AllocationLineViewDto[];
  @ApiProperty({ type: [AllocationStepDto], description: 'the approval trail, in order' }) steps: AllocationStepDto[];
  @ApiProperty({ type: [AllocationVersionDto], description: 'every version of the split of the same parent task, by version (this one included)' })
  versions: AllocationVersionDto[];
}

/** An allocation in GET /api/allocations. */
export class AllocationListItemDto implements AllocationListItem {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty({ type: 'integer' }) campaignId: number;
  @ApiProperty({ type: 'integer' }) indicatorId: number;
  @ApiProperty({ example: '企业职工基本养老保险年新增参保人数' }) indicatorName: string;
  @ApiProperty({ type: 'integer' }) parentTaskId: number;
  @ApiProperty({ type: 'integer' }) allocatingUnitId: number;
  @ApiProperty({ example: '东湖区', description: "the allocating unit's name" }) unitName: string;
  @ApiProperty({ type: 'integer', example: 1 }) version: number;
  @ApiProperty({ enum: ALLOCATION_STATUSES }) status: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}
