import { IsCalendarDate, IsId, PageQuery, TEXT } from '#core';
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { DUTY_CADENCES, DUTY_CODES, DutyCadence, DutyCode } from './duty-catalogue';

/** The office gives a member department a duty in the campaign. */
export class CreateDutyDto {
  @ApiProperty({ type: 'integer', description: 'the member department (an agency unit in the campaign unit’s subtree)' }) @IsId() orgUnitId: number;
  @ApiProperty({ enum: DUTY_CODES, description: 'what data (GET /api/duty-catalogue)' })
  @IsIn(DUTY_CODES, { message: '不是职责目录中的数据项' })
  code: DutyCode;
  @ApiProperty({ enum: DUTY_CADENCES })
  @IsIn(DUTY_CADENCES, { message: '报送频次须为 once（一次）、monthly（每月）或 quarterly（每季度）' })
  cadence: DutyCadence;
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 31,
    description: 'monthly / quarterly: the day of the month (past the month end: its last day)',
  })
  @ValidateIf((o: CreateDutyDto) => o.cadence !== 'once')
  @IsInt({ message: '每月、每季度报送须填每月报送日（1–31 的整数）' })
  @Min(1, { message: '报送日须在 1–31 之间' })
  @Max(31, { message: '报送日须在 1–31 之间' })
  dueDay?: number;
  @ApiPropertyOptional({ type: String, format: 'date', description: 'once: the date due' })
  @ValidateIf((o: CreateDutyDto) => o.cadence === 'once')
  @IsCalendarDate({ message: '一次性报送须填报送截止日期，格式 YYYY-MM-DD' })
  dueOn?: string;
  @ApiPropertyOptional({ maxLength: TEXT.note }) @IsOptional() @IsString() @MaxLength(TEXT.note) note?: string;
}

/** The office changes a duty's schedule or note (the department and the data stay: remove and give anew for those). */
export class UpdateDutyDto extends OmitType(CreateDutyDto, ['orgUnitId', 'code'] as const) {}

/** A department's delivery of the due date its duty waits on. */
export class DeliverDutyDto {
  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-03-08', description: 'the day delivered (not after today); default today' })
  @IsOptional()
  @IsCalendarDate({ message: '报送日期须为真实存在的日期，格式 YYYY-MM-DD' })
  deliveredOn?: string;
  @ApiPropertyOptional({ maxLength: TEXT.note }) @IsOptional() @IsString() @MaxLength(TEXT.note) note?: string;
  @ApiPropertyOptional({ type: 'integer', description: 'the registry upload this delivery was (the department’s, of this campaign)' })
  @IsOptional()
  @IsId()
  importId?: number;
}

export class DutyListQuery extends PageQuery {}
