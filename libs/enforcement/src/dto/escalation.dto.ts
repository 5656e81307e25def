import { IsCalendarDate, IsId, IsQueryId, PageQuery } from '#core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';

export class CandidateQuery extends PageQuery {
  @ApiProperty({ description: 'campaign id' })
  @IsQueryId()
  campaignId: number;

  @ApiPropertyOptional({ description: 'unit (district, town, village) whose candidates to list; default your own unit' })
  @IsOptional()
  @IsQueryId()
  unitId?: number;
}

export class CutoffRunQuery extends PageQuery {
  @ApiProperty({ description: 'campaign id' })
  @IsQueryId()
  campaignId: number;

  @ApiPropertyOptional({ example: '2026-09-10', description: 'only this cutoff date' })
  @IsOptional()
  @IsCalendarDate()
  cutoffDate?: string;
}

export class TriggerCutoffDto {
  @ApiProperty({ description: 'campaign id' })
  @IsId()
  campaignId: number;

  @ApiProperty({ example: '2026-09-10', description: 'a cutoff date (10th, 20th, 30th / last day of February) inside the escalation window, already due' })
  @IsCalendarDate()
  cutoffDate: string;
}
