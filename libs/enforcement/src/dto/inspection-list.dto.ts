import { PageQuery } from '#core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsInt, IsOptional, IsString, Length, Matches, Min } from 'class-validator';

export class CompileListDto {
  @ApiProperty({ description: 'campaign id' })
  @IsInt()
  @Min(1)
  campaignId: number;

  @ApiProperty({ example: '2026-09-10', description: 'the cutoff whose district submissions to compile' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'cutoffDate must be a date YYYY-MM-DD' })
  cutoffDate: string;
}

export class InspectionListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'campaign id' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
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
  @IsInt({ each: true })
  departmentIds: number[];
}
