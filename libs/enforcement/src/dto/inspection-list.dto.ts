import { IsCalendarDate, IsId, IsQueryId, PageQuery } from '#core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsOptional, IsString, Length } from 'class-validator';

export class CompileListDto {
  @ApiProperty({ description: 'campaign id' })
  @IsId()
  campaignId: number;

  @ApiProperty({ example: '2026-09-10', description: 'the cutoff whose district submissions to compile' })
  @IsCalendarDate()
  cutoffDate: string;
}

export class InspectionListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'campaign id' })
  @IsOptional()
  @IsQueryId()
  campaignId?: number;
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
