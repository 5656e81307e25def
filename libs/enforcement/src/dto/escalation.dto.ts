import { PageQuery } from '#core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Min } from 'class-validator';

const DATE_MSG = 'must be a date YYYY-MM-DD';

export class CandidateQuery extends PageQuery {
  @ApiProperty({ description: 'campaign id' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  campaignId: number;

  @ApiPropertyOptional({ description: 'unit (district, town, village) whose candidates to list; default your own unit' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  unitId?: number;
}

export class CutoffRunQuery extends PageQuery {
  @ApiProperty({ description: 'campaign id' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  campaignId: number;

  @ApiPropertyOptional({ example: '2026-09-10', description: 'only this cutoff date' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: `cutoffDate ${DATE_MSG}` })
  cutoffDate?: string;
}

export class TriggerCutoffDto {
  @ApiProperty({ description: 'campaign id' })
  @IsInt()
  @Min(1)
  campaignId: number;

  @ApiProperty({ example: '2026-09-10', description: 'a cutoff date (10th, 20th, 30th / last day of February) inside the escalation window, already due' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: `cutoffDate ${DATE_MSG}` })
  cutoffDate: string;
}
