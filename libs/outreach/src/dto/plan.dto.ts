import { FitsNumeric, IsCalendarDate, IsId, IsPhone, IsQueryId, PageQuery } from '#core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { ROUND_TARGETS } from '../outreach.types';

/** A campaign's plan of reminder rounds: explicit dates or every N months; each date starts one round per target group. */
export class CreatePlanDto {
  @ApiProperty() @IsId() campaignId: number;
  @ApiProperty({ example: '断缴人员续保提醒（年内三次）' }) @IsString() @Length(1, 80) name: string;
  @ApiProperty({ description: 'the subtree the rounds cover' }) @IsId() orgUnitId: number;
  @ApiProperty({ enum: ROUND_TARGETS, isArray: true, example: ['lapsed'] })
  @IsArray()
  @ArrayMinSize(1, { message: 'targets 至少选择一个对象' })
  @ArrayMaxSize(3)
  @ArrayUnique()
  @IsIn(ROUND_TARGETS, { each: true, message: `targets must be among ${ROUND_TARGETS.join(', ')}` })
  targets: (typeof ROUND_TARGETS)[number][];
  @ApiProperty({ enum: ['sms', 'webhook'] }) @IsIn(['sms', 'webhook'], { message: 'channel must be sms or webhook' }) channel: 'sms' | 'webhook';
  @ApiPropertyOptional({ description: 'template kind; default reminder.<target> for each target' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  templateKind?: string;
  @ApiPropertyOptional({ type: [String], example: ['2026-03-15', '2026-07-15', '2026-11-16'], description: 'explicit dates (or everyMonths and firstOn)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(24)
  @ArrayUnique()
  @IsCalendarDate({ each: true })
  dates?: string[];
  @ApiPropertyOptional({ example: 4, description: 'a round every N months from firstOn' }) @IsOptional() @IsInt() @Min(1) @Max(12) everyMonths?: number;
  @ApiPropertyOptional({ example: '2026-03-15' }) @IsOptional() @IsCalendarDate() firstOn?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: 'no rounds after this day (every N months)' }) @IsOptional() @IsCalendarDate() untilOn?: string;
  @ApiPropertyOptional({ example: 3600 }) @IsOptional() @IsNumber() @Min(0) @FitsNumeric(12, 2) amount?: number;
  @ApiPropertyOptional({ example: 30, description: "each round's deadline: its date plus this many natural days (自然日)" })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  deadlineDays?: number;
  @ApiPropertyOptional({ example: '0571-88886666' }) @IsOptional() @IsPhone() officePhone?: string;
}

export class PlanListQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsQueryId() campaignId?: number;
}

/** A reminder plan as listed. */
export class ReminderPlanDto {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty({ type: 'integer' }) campaignId: number;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer' }) orgUnitId: number;
  @ApiProperty({ enum: ROUND_TARGETS, isArray: true }) targets: string[];
  @ApiProperty({ enum: ['sms', 'webhook'] }) channel: string;
  @ApiProperty({ type: String, nullable: true }) templateKind: string | null;
  @ApiProperty({ type: [String], nullable: true }) dates: string[] | null;
  @ApiProperty({ type: 'integer', nullable: true }) everyMonths: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) firstOn: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) untilOn: string | null;
  @ApiProperty({ type: 'number', nullable: true }) amount: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) deadlineDays: number | null;
  @ApiProperty({ type: String, nullable: true }) officePhone: string | null;
  @ApiProperty({ description: 'false once cancelled: no more rounds' }) active: boolean;
  @ApiProperty({ type: 'integer', description: 'rounds it has started' }) rounds: number;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'the date of the last round it started' }) lastRoundOn: string | null;
  @ApiProperty({ type: [String], description: 'the next dates a round will start (on a working day)' }) upcoming: string[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}
