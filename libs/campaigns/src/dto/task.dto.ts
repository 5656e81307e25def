import { PageQuery } from '#core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches } from 'class-validator';
import { TASK_STATUSES } from '../entities/task.entity';

export class TaskListQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() campaignId?: number;
  @ApiPropertyOptional({ enum: TASK_STATUSES }) @IsOptional() @IsIn(TASK_STATUSES) status?: (typeof TASK_STATUSES)[number];
  @ApiPropertyOptional({ description: 'only tasks held by this unit (must be in your scope)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  holderUnitId?: number;
}

export class MoveDeadlineDto {
  @ApiProperty({ example: '2026-11-30' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'deadline must be YYYY-MM-DD' }) deadline: string;
}
