import { IsCalendarDate, IsQueryId, PageQuery } from '#core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { TASK_STATUSES } from '../campaigns.types';

export class TaskListQuery extends PageQuery {
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
