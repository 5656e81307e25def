import { IsCalendarDate, IsDecimal, IsQueryId, SortablePageQuery, ToBoolean } from '#core';
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { SETTLEMENT_STATES, SETTLEMENT_TIERS } from './settlement.response';

export class CreateReportDto {
  @ApiProperty({ description: 'The task reported on' })
  @IsQueryId()
  taskId: number;

  @ApiProperty({ example: '2026-05-10', description: 'Date the cumulative figure is as of (YYYY-MM-DD, not in the future)' })
  @IsCalendarDate()
  asOf: string;

  @ApiPropertyOptional({
    example: '1234',
    description: 'Cumulative actual (ratio indicators: the numerator): a decimal string or a JSON number; required unless `rate` is given',
  })
  @IsOptional()
  @IsDecimal(18, 2)
  actual?: string;

  @ApiPropertyOptional({ example: '1500', description: 'Ratio indicators only: the denominator' })
  @IsOptional()
  @IsDecimal(18, 2)
  denominator?: string;

  @ApiPropertyOptional({
    example: '98.5',
    description:
      'Ratio indicators only, instead of actual and denominator: the rate in % when the numerator and denominator are not known (按比率填报); stored marked as such and left out of every rollup',
  })
  @IsOptional()
  @IsDecimal(7, 4)
  rate?: string;

  @ApiPropertyOptional({ description: 'Required for a correction (second report for a date) or a value lower than the previous date' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

/** One row of a batch report: a task's cumulative figure as of the batch's date (a report without its own date). */
export class ReportBatchRowDto extends OmitType(CreateReportDto, ['asOf'] as const) {}

export class CreateReportBatchDto {
  @ApiProperty({ example: '2026-05-10', description: 'Date every figure is as of (YYYY-MM-DD, not in the future)' })
  @IsCalendarDate()
  asOf: string;

  @ApiProperty({ type: [ReportBatchRowDto], description: 'One row per task (each task once), 1 to 200 rows' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ReportBatchRowDto)
  rows: ReportBatchRowDto[];
}

/** The form fields of POST /api/progress-reports/upload (multipart, beside the file). */
export class ReportUploadDto {
  @ApiProperty({ description: 'The campaign whose tasks the table reports on' })
  @IsQueryId()
  campaignId: number;

  @ApiProperty({ example: '2026-07-31', description: 'Date every figure is as of (YYYY-MM-DD, not in the future)' })
  @IsCalendarDate()
  asOf: string;

  @ApiPropertyOptional({ description: 'The indicator of every row; without it the file needs a 指标 column (indicator name or code)' })
  @IsOptional()
  @IsQueryId()
  indicatorId?: number;

  @ApiPropertyOptional({ description: "Unit names are looked up in this unit's subtree (default: the caller's unit)" })
  @IsOptional()
  @IsQueryId()
  parentUnitId?: number;

  @ApiPropertyOptional({ description: 'true: parse and check every row and answer them, store nothing (preview); default false', default: false })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  dryRun?: boolean;
}

export const REPORT_SORTS = ['asOf', 'actual', 'reportedAt'] as const;
export class ReportListQuery extends SortablePageQuery(REPORT_SORTS) {
  @ApiProperty()
  @IsQueryId()
  taskId: number;
}

/** A campaign and one unit of its tree. */
class CampaignUnitQuery {
  @ApiProperty()
  @IsQueryId()
  campaignId: number;

  @ApiProperty()
  @IsQueryId()
  unitId: number;
}

export class DashboardQuery extends CampaignUnitQuery {
  @ApiPropertyOptional({ description: 'As-of date (default today, Asia/Shanghai)' })
  @IsOptional()
  @IsCalendarDate()
  date?: string;
}

export class SeriesQuery extends CampaignUnitQuery {
  @ApiProperty()
  @IsQueryId()
  indicatorId: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class RankingQuery extends DashboardQuery {
  @ApiPropertyOptional({ description: 'Only this indicator (default: all)' })
  @IsOptional()
  @IsQueryId()
  indicatorId?: number;
}

export const CREDIT_SORTS = ['on', 'amount', 'unitName', 'recordedAt'] as const;
export class CreditListQuery extends SortablePageQuery(CREDIT_SORTS) {
  @ApiProperty()
  @IsQueryId()
  campaignId: number;

  @ApiPropertyOptional({ description: 'Only credits of this unit and its subtree' })
  @IsOptional()
  @IsQueryId()
  unitId?: number;
}

export class CreateSettlementDto {
  @ApiProperty({ description: 'The task whose subtree is settled' })
  @IsQueryId()
  taskId: number;

  @ApiPropertyOptional({ description: 'Period / as-of date (default: the task deadline, or today if earlier)' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

export const SETTLEMENT_SORTS = ['period', 'asOf', 'state', 'unitName', 'indicatorName', 'reward', 'deduction', 'computedAt'] as const;
export class SettlementListQuery extends SortablePageQuery(SETTLEMENT_SORTS) {
  @ApiProperty()
  @IsQueryId()
  campaignId: number;

  @ApiPropertyOptional({ enum: SETTLEMENT_STATES, description: 'Only drafts or only confirmed settlements' })
  @IsOptional()
  @IsIn(SETTLEMENT_STATES)
  state?: (typeof SETTLEMENT_STATES)[number];
}

export const SETTLEMENT_LINE_SORTS = ['unitCode', 'unitName', 'target', 'newEnrolees', 'mobilised', 'rate', 'tier', 'reward', 'deduction'] as const;
/** A page of one settlement's lines (default: in the order they were computed, the tree top-down). */
export class SettlementLineQuery extends SortablePageQuery(SETTLEMENT_LINE_SORTS) {
  @ApiPropertyOptional({ description: 'Only lines of this unit and its subtree' })
  @IsOptional()
  @IsQueryId()
  unitId?: number;

  @ApiPropertyOptional({ enum: SETTLEMENT_TIERS, description: 'Only lines of this tier' })
  @IsOptional()
  @IsIn(SETTLEMENT_TIERS)
  tier?: (typeof SETTLEMENT_TIERS)[number];
}
