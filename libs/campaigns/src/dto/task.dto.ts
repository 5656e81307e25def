import { IsCalendarDate, IsQueryId, SortablePageQuery } from '#core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { TASK_STATUSES } from '../campaigns.types';

export const TASK_SORTS = ['deadline', 'campaignName', 'indicatorName', 'holderName', 'target', 'status', 'metOn'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

export class TaskListQuery extends SortablePageQuery(TASK_SORTS) {
  @ApiPropertyOptional() @IsOptional() @IsQueryId() campaignId?: number;
  @ApiPropertyOptional({
    enum: TASK_STATUSES,
    description: 'met: the figure reached the target (metLate: after the deadline); overdue: unmet at the deadline; completed: closed by hand',
  })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: (typeof TASK_STATUSES)[number];
  @ApiPropertyOptional({ description: 'only tasks held by this unit (must be in your scope)' })
  @IsOptional()
  @IsQueryId()
  holderUnitId?: number;
  @ApiPropertyOptional({ description: 'only tasks held in this unit and its subtree (must be in your scope)' }) @IsOptional() @IsQueryId() unitId?: number;
}

export class MoveDeadlineDto {
  @ApiProperty({ example: '2026-11-30' }) @IsCalendarDate() deadline: string;
}
