import { IsCalendarDate, IsDecimal, IsId, IsQueryId, PageQuery, TEXT } from '#core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { HARDSHIP_CATEGORIES, HARDSHIP_STATES } from './hardship.types';

/** One person from civil affairs' lists and what has been done for them; recorded again, the row is replaced. */
export class HardshipPersonRowDto {
  @ApiProperty({ type: 'integer', description: 'the village or community the person is filed under (in your scope)' })
  @IsId()
  unitId: number;

  @ApiProperty({ maxLength: TEXT.name, example: '张三' })
  @IsString()
  @MaxLength(TEXT.name)
  @Matches(/\S/, { message: '姓名不能为空（name must not be blank）' })
  name: string;

  @ApiProperty({ description: '18-character ID number (GB 11643)', example: '330102198103020011' })
  @IsString()
  @MaxLength(18)
  idNumber: string;

  @ApiProperty({ enum: HARDSHIP_CATEGORIES, description: '低保对象 / 特困人员 / 重度残疾人员 / 低收入人员 / 其他' })
  @IsIn(HARDSHIP_CATEGORIES)
  category: string;

  @ApiPropertyOptional({ description: '参保登记 date (YYYY-MM-DD), not after today' })
  @IsOptional()
  @IsCalendarDate()
  registeredOn?: string;

  @ApiPropertyOptional({ description: '代缴 date (YYYY-MM-DD); needs registeredOn, not before it nor after today' })
  @IsOptional()
  @IsCalendarDate()
  paidOn?: string;

  @ApiPropertyOptional({ description: 'yuan paid by the government; with paidOn only; default the lowest tier, 100 (seed 003)', example: '100.00' })
  @IsOptional()
  @IsDecimal(12, 2)
  paidAmount?: string;

  @ApiPropertyOptional({ description: "享受待遇 date (YYYY-MM-DD); only for people aged 60 or more on the campaign's reference date; not before registeredOn nor after today" })
  @IsOptional()
  @IsCalendarDate()
  benefitOn?: string;
}

export class HardshipPersonDto extends HardshipPersonRowDto {
  @ApiProperty({ type: 'integer', description: 'a campaign run at your unit, in your scope or above your unit; not closed' })
  @IsId()
  campaignId: number;
}

export class HardshipBatchDto {
  @ApiProperty({ type: 'integer' })
  @IsId()
  campaignId: number;

  @ApiProperty({ type: [HardshipPersonRowDto], description: '1 to 500 people, each ID number once: all recorded, or none' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => HardshipPersonRowDto)
  people: HardshipPersonRowDto[];
}

export class HardshipListQuery extends PageQuery {
  @ApiProperty({ type: 'integer' })
  @IsQueryId()
  campaignId: number;

  @ApiPropertyOptional({ description: 'Only people under this unit (must be in your scope)' })
  @IsOptional()
  @IsQueryId()
  unitId?: number;

  @ApiPropertyOptional({ enum: HARDSHIP_CATEGORIES })
  @IsOptional()
  @IsIn(HARDSHIP_CATEGORIES)
  category?: string;

  @ApiPropertyOptional({ enum: HARDSHIP_STATES, description: 'unregistered; registered but unpaid; paid; receiving the benefit' })
  @IsOptional()
  @IsIn(HARDSHIP_STATES)
  state?: string;
}

export class HardshipRatesQuery {
  @ApiProperty({ type: 'integer' })
  @IsQueryId()
  campaignId: number;

  @ApiPropertyOptional({ description: 'The unit (in your scope); default your own' })
  @IsOptional()
  @IsQueryId()
  unitId?: number;
}
