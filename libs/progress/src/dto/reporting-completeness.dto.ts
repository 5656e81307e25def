import { IsQueryId, PageQuery } from '#core';
import { REPORT_CADENCE_VALUES } from '#campaigns';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import type { BulletinUnreported, MissingIndicator, ReportingCompleteness, UnreportedUnit } from './reporting-completeness.types';

export class ReportingCompletenessQuery extends PageQuery {
  @ApiProperty()
  @IsQueryId()
  campaignId: number;

  @ApiPropertyOptional({ description: "the unit whose subtree is listed (itself included); default the caller's unit" })
  @IsOptional()
  @IsQueryId()
  unitId?: number;
}

export class ReportingPeriodDto {
  @ApiProperty({ type: String, format: 'date', example: '2026-05-01' }) start: string;
  @ApiProperty({ type: String, format: 'date', example: '2026-05-31' }) end: string;
}

export class MissingIndicatorDto implements MissingIndicator {
  @ApiProperty({ type: 'integer' }) indicatorId: number;
  @ApiProperty({ example: 'EP' }) code: string;
  @ApiProperty({ example: '企业职工养老保险新增参保' }) name: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'latest report before the period (null: never)' }) lastReportOn: string | null;
}

export class UnitManagerContactDto {
  @ApiProperty({ type: 'integer' }) userId: number;
  @ApiProperty({ example: '张伟' }) name: string;
  @ApiProperty({ type: String, nullable: true, example: '138****8000', description: 'masked' }) phone: string | null;
}

export class UnreportedUnitDto implements UnreportedUnit {
  @ApiProperty({ type: 'integer' }) unitId: number;
  @ApiProperty({ example: 'DH01' }) code: string;
  @ApiProperty({ example: '东湖街道' }) name: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'latest report of its laggard indicator (null: never)' })
  lastReportOn: string | null;
  @ApiProperty({ type: 'integer', example: 10, description: 'days since the first reporting deadline it let pass (0 while the current period runs)' })
  daysOverdue: number;
  @ApiProperty({ type: [MissingIndicatorDto] }) indicators: MissingIndicatorDto[];
  @ApiProperty({ type: [UnitManagerContactDto] }) managers: UnitManagerContactDto[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when its managers were reminded for this period' })
  remindedAt: Date | null;
}

export class ReportingCompletenessDto implements ReportingCompleteness {
  @ApiProperty({ type: 'integer' }) campaignId: number;
  @ApiProperty({ type: 'integer' }) unitId: number;
  @ApiProperty({ enum: REPORT_CADENCE_VALUES }) cadence: (typeof REPORT_CADENCE_VALUES)[number];
  @ApiProperty({ type: String, format: 'date', example: '2026-05-10' }) date: string;
  @ApiProperty({ type: ReportingPeriodDto, nullable: true, description: "the period holding the date; null outside the campaign's dates" })
  period: ReportingPeriodDto | null;
  @ApiProperty({ type: 'integer', description: 'units in the subtree holding a task to report on' }) expectedUnits: number;
  @ApiProperty({ type: [UnreportedUnitDto] }) items: UnreportedUnitDto[];
  @ApiProperty({ type: 'integer', description: 'units that have not reported (all pages)' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}

export class BulletinUnreportedUnitDto {
  @ApiProperty({ type: 'integer' }) unitId: number;
  @ApiProperty({ example: 'DH01' }) code: string;
  @ApiProperty({ example: '东湖街道' }) name: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) lastReportOn: string | null;
  @ApiProperty({ type: [String], example: ['企业职工养老保险新增参保'] }) indicators: string[];
}

/** The bulletin's section of units that had not reported in the period by its date. */
export class BulletinUnreportedDto implements BulletinUnreported {
  @ApiProperty({ enum: REPORT_CADENCE_VALUES }) cadence: (typeof REPORT_CADENCE_VALUES)[number];
  @ApiProperty({ type: String, format: 'date' }) periodStart: string;
  @ApiProperty({ type: String, format: 'date' }) periodEnd: string;
  @ApiProperty({ type: 'integer' }) expectedUnits: number;
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: [BulletinUnreportedUnitDto] }) units: BulletinUnreportedUnitDto[];
}
