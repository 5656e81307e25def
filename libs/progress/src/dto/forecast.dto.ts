import { IsQueryId, PageQuery, ToBoolean } from '#core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { FORECAST_STATUSES } from '../rules/forecast';
import type { BulletinForecast, ForecastList, ForecastRow } from './forecast.types';

export class ForecastQuery extends PageQuery {
  @ApiProperty()
  @IsQueryId()
  campaignId: number;

  @ApiPropertyOptional({ description: "the level: the children of this unit are forecast; default the caller's unit" })
  @IsOptional()
  @IsQueryId()
  unitId?: number;

  @ApiPropertyOptional({ description: 'only indicator' })
  @IsOptional()
  @IsQueryId()
  indicatorId?: number;

  @ApiPropertyOptional({ description: 'true (default): only the tasks that will miss the deadline at the current pace; false: all' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  willMissOnly?: boolean;
}

export class PaceDto {
  @ApiProperty({ example: '12.00', description: 'per day, two decimals' }) perDay: string;
  @ApiProperty({ example: '4380.00', description: 'the figure at the deadline at this pace' }) projected: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'the day the target is reached at this pace (null: never, or met)' })
  reachOn: string | null;
}

export class TrendPaceDto extends PaceDto {
  @ApiProperty({ type: 'integer', example: 28, description: 'days the trend looks back (28, or since the start when shorter)' }) windowDays: number;
}

export class NeededPaceDto {
  @ApiProperty({ example: '13.92' }) perDay: string;
  @ApiProperty({ example: '97.46' }) perWeek: string;
  @ApiProperty({ type: String, nullable: true, example: '21.23', description: 'null when no working day is left' }) perWorkingDay: string | null;
}

export class ForecastRowDto implements ForecastRow {
  @ApiProperty({ type: 'integer' }) indicatorId: number;
  @ApiProperty() indicatorCode: string;
  @ApiProperty() indicatorName: string;
  @ApiProperty() indicatorKind: string;
  @ApiProperty({ type: String, nullable: true }) indicatorUnit: string | null;
  @ApiProperty({ type: 'integer' }) unitId: number;
  @ApiProperty() unitCode: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ type: 'integer' }) taskId: number;
  @ApiProperty({ type: String, format: 'date' }) deadline: string;
  @ApiProperty({ type: String, nullable: true }) target: string | null;
  @ApiProperty({ type: String, nullable: true, description: "today's figure (a ratio's rate in %)" }) actual: string | null;
  @ApiProperty({ enum: FORECAST_STATUSES }) status: (typeof FORECAST_STATUSES)[number];
  @ApiProperty() willMiss: boolean;
  @ApiProperty({ type: 'integer' }) remainingDays: number;
  @ApiProperty({ type: 'integer' }) remainingWorkingDays: number;
  @ApiProperty({ type: PaceDto, nullable: true, description: 'pace since the start (null for ratios)' }) linear: PaceDto | null;
  @ApiProperty({ type: TrendPaceDto, nullable: true, description: 'pace over the last four weeks' }) trend: TrendPaceDto | null;
  @ApiProperty({ type: String, nullable: true, example: '2548.00' }) shortfall: string | null;
  @ApiProperty({ type: NeededPaceDto, nullable: true, description: 'the pace needed from today to reach the target by the deadline' })
  needed: NeededPaceDto | null;
  @ApiProperty({ type: String, nullable: true, example: '50.1', description: 'projected figure at the deadline / target, %' }) projectedPct: string | null;
}

export class ForecastListDto implements ForecastList {
  @ApiProperty({ type: 'integer' }) campaignId: number;
  @ApiProperty({ type: 'integer' }) unitId: number;
  @ApiProperty({ type: String, format: 'date' }) date: string;
  @ApiProperty({ type: 'integer', description: 'child tasks that will miss the deadline (all pages)' }) willMiss: number;
  @ApiProperty({ type: [ForecastRowDto] }) items: ForecastRowDto[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}

export class BulletinForecastDto implements BulletinForecast {
  @ApiProperty({ type: 'integer', description: 'child tasks that will miss the deadline' }) total: number;
  @ApiProperty({ type: [ForecastRowDto], description: 'worst first (the first 200)' }) rows: ForecastRowDto[];
}
