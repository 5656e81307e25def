import { IsCalendarDate, IsId, IsQueryId, SortablePageQuery } from '#core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';

export class CompileListDto {
  @ApiProperty({ description: 'campaign id' })
  @IsId()
  campaignId: number;

  @ApiProperty({ example: '2026-09-10', description: 'the cutoff whose district submissions to compile' })
  @IsCalendarDate()
  cutoffDate: string;
}

/** The three reporting rounds of a month (seed 002: the 10th, 20th and 30th; the last day of February is the 30th's). */
export const ESCALATION_ROUNDS = [10, 20, 30] as const;
export type EscalationRound = (typeof ESCALATION_ROUNDS)[number];

export const INSPECTION_LIST_SORTS = ['cutoffDate', 'status', 'entryCount', 'compiledAt', 'dispatchedAt'] as const;
export type InspectionListSort = (typeof INSPECTION_LIST_SORTS)[number];

export class InspectionListQuery extends SortablePageQuery(INSPECTION_LIST_SORTS) {
  @ApiPropertyOptional({ description: 'campaign id' })
  @IsOptional()
  @IsQueryId()
  campaignId?: number;

  @ApiPropertyOptional({ enum: ESCALATION_ROUNDS, description: 'only lists of this round of the month (10th, 20th, 30th or the last day of February)' })
  @IsOptional()
  @Type(() => Number)
  @IsIn(ESCALATION_ROUNDS)
  round?: EscalationRound;
}

export const LIST_ENTRY_SORTS = ['name', 'districtName', 'townName', 'uninsuredCount', 'refusalCount', 'lastVisitAt', 'removedAt'] as const;
export type ListEntrySort = (typeof LIST_ENTRY_SORTS)[number];

export class ListEntryQuery extends SortablePageQuery(LIST_ENTRY_SORTS) {
  @ApiPropertyOptional({ enum: ['kept', 'removed'], description: 'kept: still on the list; removed: taken off at review' })
  @IsOptional()
  @IsIn(['kept', 'removed'])
  status?: 'kept' | 'removed';

  @ApiPropertyOptional({ description: 'only employers under this unit (district, town, village)' })
  @IsOptional()
  @IsQueryId()
  unitId?: number;

  @ApiPropertyOptional({ description: "part of the employer's name or USCC" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ESCALATION_ROUNDS, description: 'only entries submitted at a cutoff of this round of the month (10th, 20th, 30th)' })
  @IsOptional()
  @Type(() => Number)
  @IsIn(ESCALATION_ROUNDS)
  round?: EscalationRound;
}

export class RemoveEntryDto {
  @ApiProperty({ example: '已于 9 月 12 日补缴参保', description: 'why the employer is taken off the list' })
  @IsString()
  @Length(2, 1000)
  reason: string;
}

export class DispatchListDto {
  @ApiProperty({ type: [Number], description: 'receiving departments (agency units), e.g. labour inspection and audit' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsId({ each: true })
  departmentIds: number[];
}
