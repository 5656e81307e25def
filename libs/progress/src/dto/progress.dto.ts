import { FitsNumeric, IsCalendarDate, IsDecimal, IsId, IsQueryId, PageQuery } from '#core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsNumberString, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

export class CreateReportDto {
  @ApiProperty({ description: 'The task reported on' })
  @IsQueryId()
  taskId: number;

  @ApiProperty({ example: '2026-05-10', description: 'Date the cumulative figure is as of (YYYY-MM-DD, not in the future)' })
  @IsCalendarDate()
  asOf: string;

  @ApiProperty({ example: '1234', description: 'Cumulative actual (ratio indicators: the numerator): a decimal string or a JSON number' })
  @IsDecimal(18, 2)
  actual: string;

  @ApiPropertyOptional({ example: '1500', description: 'Ratio indicators only: the denominator' })
  @IsOptional()
  @IsDecimal(18, 2)
  denominator?: string;

  @ApiPropertyOptional({ description: 'Required for a correction (second report for a date) or a value lower than the previous date' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class ReportListQuery extends PageQuery {
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

export class BulletinListQuery extends PageQuery {
  @ApiProperty()
  @IsQueryId()
  campaignId: number;
}

export class CreateBulletinDto {
  @ApiProperty()
  @IsQueryId()
  campaignId: number;

  @ApiPropertyOptional({ description: 'Bulletin date (default today)' })
  @IsOptional()
  @IsCalendarDate()
  date?: string;
}

export class IncentivesDto {
  @ApiProperty({ description: 'A: % from which X yuan is paid per new enrolee' }) @IsNumberString() @FitsNumeric(12, 2) a: string;
  @ApiProperty({ description: 'B: below this % no reward and criticism' }) @IsNumberString() @FitsNumeric(12, 2) b: string;
  @ApiProperty({ description: 'X: yuan per new enrolee at ≥ A % and < 100 %' }) @IsNumberString() @FitsNumeric(12, 2) x: string;
  @ApiProperty({ description: 'Y: yuan per new enrolee at ≥ 100 %' }) @IsNumberString() @FitsNumeric(12, 2) y: string;
  @ApiProperty({ description: 'Z: yuan deducted per assigned target at zero completion' }) @IsNumberString() @FitsNumeric(12, 2) z: string;
}

export class ProgressSettingsDto {
  @ApiPropertyOptional({ type: IncentivesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => IncentivesDto)
  incentives?: IncentivesDto;

  @ApiPropertyOptional({ enum: ['biweekly', 'monthly', 'quarterly'] })
  @IsOptional()
  @IsIn(['biweekly', 'monthly', 'quarterly'])
  bulletinCadence?: string;

  @ApiPropertyOptional({ enum: ['step', 'linear'] })
  @IsOptional()
  @IsIn(['step', 'linear'])
  milestoneMode?: string;

  @ApiPropertyOptional({
    example: '5',
    description: 'Status band in percentage points: a unit at or above the expected rate plus this many points (or at 100 %) is "ahead", below it "on track"',
  })
  @IsOptional()
  @IsNumberString({}, { message: 'statusBandPct must be a number' })
  @FitsNumeric(5, 2)
  statusBandPct?: string;

  @ApiPropertyOptional({
    type: [Number],
    description: 'Count indicators to which the employees enrolled by inspection cases closed as rectified are credited ([] for none)',
  })
  @IsOptional()
  @IsArray()
  @IsId({ each: true })
  inspectionIndicatorIds?: number[];
}

export class CreditListQuery extends PageQuery {
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

export class SettlementListQuery extends PageQuery {
  @ApiProperty()
  @IsQueryId()
  campaignId: number;
}
