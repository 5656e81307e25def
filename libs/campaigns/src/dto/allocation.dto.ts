import { FitsNumeric, IsCalendarDate, IsId, IsQueryId, SortablePageQuery } from '#core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsNumber, IsOptional, IsString, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { ALLOCATION_STATUSES } from '../campaigns.types';

export class AllocationLineDto {
  @ApiPropertyOptional({ description: 'a unit inside the allocating unit’s subtree (descendant or stationed agency); omit on a cadre’s line' })
  @ValidateIf((l: AllocationLineDto) => l.holderUserId === undefined || l.childUnitId !== undefined)
  @IsId()
  childUnitId: number;
  @ApiPropertyOptional({
    description: 'a responsible cadre (role cadre) of the allocating unit or below who holds this share of the allocating unit’s own task (split over cadres)',
  })
  @IsOptional()
  @IsId()
  holderUserId?: number;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description:
      'count: whole number; amount: ≤ 2 decimals (0 is a plan of nothing); null on a unit’s count/amount line: the unit gets no plan (无计划, seed 002 annex 5: blank plan and rate, not ranked, not settled; the other lines add up to the parent); ratio: omit (copied down) or equal to the parent rate',
    example: 3600,
  })
  @IsOptional()
  @IsNumber()
  @FitsNumeric(18, 2)
  target?: number | null;
  @ApiPropertyOptional({ description: 'own deadline, no later than the parent’s; default the parent’s', example: '2026-11-30' })
  @IsOptional()
  @IsCalendarDate()
  deadline?: string;
}

export class CreateAllocationDto {
  @ApiProperty({ description: 'the task whose target is split' }) @IsId() parentTaskId: number;
  @ApiProperty({ type: [AllocationLineDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => AllocationLineDto) lines: AllocationLineDto[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}

export class UpdateAllocationDto {
  @ApiProperty({ type: [AllocationLineDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => AllocationLineDto) lines: AllocationLineDto[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}

export class StepCommentDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}

export class RejectAllocationDto {
  @ApiProperty({ description: 'why the allocation goes back to the drafter' }) @IsString() @MinLength(1) @MaxLength(2000) reason: string;
}

export const ALLOCATION_SORTS = ['updatedAt', 'indicatorName', 'unitName', 'version', 'status'] as const;
export type AllocationSort = (typeof ALLOCATION_SORTS)[number];

export class AllocationListQuery extends SortablePageQuery(ALLOCATION_SORTS) {
  @ApiPropertyOptional() @IsOptional() @IsQueryId() campaignId?: number;
  @ApiPropertyOptional({ enum: ALLOCATION_STATUSES }) @IsOptional() @IsIn(ALLOCATION_STATUSES) status?: (typeof ALLOCATION_STATUSES)[number];
}
