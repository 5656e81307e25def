import { IsCalendarDate, IsId, IsQueryId, SortablePageQuery } from '#core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';

export const CANDIDATE_SORTS = ['name', 'districtName', 'uninsuredCount', 'refusalCount', 'lastVisitAt'] as const;
export type CandidateSort = (typeof CANDIDATE_SORTS)[number];

export class CandidateQuery extends SortablePageQuery(CANDIDATE_SORTS) {
  @ApiProperty({ description: 'campaign id' })
  @IsQueryId()
  campaignId: number;

  @ApiPropertyOptional({ description: 'unit (district, town, village) whose candidates to list; default your own unit' })
  @IsOptional()
  @IsQueryId()
  unitId?: number;
}

export const CUTOFF_RUN_SORTS = ['cutoffDate', 'districtName', 'entryCount', 'ranAt'] as const;
export type CutoffRunSort = (typeof CUTOFF_RUN_SORTS)[number];

export class CutoffRunQuery extends SortablePageQuery(CUTOFF_RUN_SORTS) {
  @ApiProperty({ description: 'campaign id' })
  @IsQueryId()
  campaignId: number;

  @ApiPropertyOptional({ example: '2026-09-10', description: 'only this cutoff date' })
  @IsOptional()
  @IsCalendarDate()
  cutoffDate?: string;
}

export const SUBMISSION_ENTRY_SORTS = ['name', 'townName', 'uninsuredCount', 'refusalCount', 'lastVisitAt'] as const;
export type SubmissionEntrySort = (typeof SUBMISSION_ENTRY_SORTS)[number];

/** GET /api/cutoff-runs/:id/entries: a run's frozen entries, paged and sorted (most refusals first by default). */
export class SubmissionEntryQuery extends SortablePageQuery(SUBMISSION_ENTRY_SORTS) {}

export class TriggerCutoffDto {
  @ApiProperty({ description: 'campaign id' })
  @IsId()
  campaignId: number;

  @ApiProperty({ example: '2026-09-10', description: 'a cutoff date (10th, 20th, 30th / last day of February) inside the escalation window, already due' })
  @IsCalendarDate()
  cutoffDate: string;
}
