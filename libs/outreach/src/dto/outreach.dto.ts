import { FitsNumeric, IsCalendarDate, IsId, IsPhone, IsQueryId, SortablePageQuery } from '#core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { MESSAGE_STATES, ROUND_TARGETS } from '../outreach.types';

export class SaveTemplateDto {
  @ApiProperty({ example: '断缴提醒' })
  @IsString()
  @Length(1, 60)
  name: string;

  @ApiProperty({
    example: '{{name}}您好：请于{{deadline}}前续缴养老保险，缴费标准{{amount}}元。咨询电话{{officePhone}}。',
    description: 'Chinese text; variables {{name}}, {{amount}}, {{deadline}}, {{officePhone}}',
  })
  @IsString()
  @Length(1, 300)
  body: string;
}

export class TemplateUnitQuery {
  @ApiPropertyOptional({ description: 'the unit whose template is meant; default your own unit' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2147483647)
  orgUnitId?: number;
}

export class TemplateValuesDto {
  @ApiPropertyOptional({ example: '张三' }) @IsOptional() @IsString() @MaxLength(100) name?: string;
  @ApiPropertyOptional({ example: '3600' }) @IsOptional() @IsString() @MaxLength(100) amount?: string;
  @ApiPropertyOptional({ example: '2026年3月31日' }) @IsOptional() @IsString() @MaxLength(100) deadline?: string;
  @ApiPropertyOptional({ example: '0571-88886666' }) @IsOptional() @IsString() @MaxLength(100) officePhone?: string;
}

export class PreviewTemplateDto {
  @ApiPropertyOptional({ type: TemplateValuesDto, description: 'values to fill in; samples are used for the others' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TemplateValuesDto)
  values?: TemplateValuesDto;
}

export class PreviewBodyDto extends PreviewTemplateDto {
  @ApiProperty({ description: 'an unsaved template body' })
  @IsString()
  @Length(1, 300)
  body: string;
}

export class PlanRoundDto {
  @ApiProperty() @IsId() campaignId: number;
  @ApiProperty({ example: '三月断缴提醒' }) @IsString() @Length(1, 80) name: string;
  @ApiProperty({ description: 'the subtree the round covers' }) @IsId() orgUnitId: number;
  @ApiProperty({ enum: ROUND_TARGETS, description: 'lapsed contributors, people who said they will enrol, or people not visited yet' })
  @IsIn(ROUND_TARGETS, { message: `target must be one of ${ROUND_TARGETS.join(', ')}` })
  target: (typeof ROUND_TARGETS)[number];
  @ApiProperty({ enum: ['sms', 'webhook'] }) @IsIn(['sms', 'webhook'], { message: 'channel must be sms or webhook' }) channel: 'sms' | 'webhook';
  @ApiPropertyOptional({ description: 'template kind; default reminder.<target>' }) @IsOptional() @IsString() @MaxLength(60) templateKind?: string;
  @ApiProperty({ example: '2026-03-15' }) @IsCalendarDate() plannedFor: string;
  @ApiPropertyOptional({ example: 3600 }) @IsOptional() @IsNumber() @Min(0) @FitsNumeric(12, 2) amount?: number;
  @ApiPropertyOptional({ example: '2026-03-31' }) @IsOptional() @IsCalendarDate() deadline?: string;
  @ApiPropertyOptional({ example: '0571-88886666' }) @IsOptional() @IsPhone() officePhone?: string;
}

export const ROUND_SORTS = ['plannedFor', 'name', 'status', 'deadline', 'createdAt'] as const;
export type RoundSort = (typeof ROUND_SORTS)[number];

export class RoundListQuery extends SortablePageQuery(ROUND_SORTS) {
  @ApiPropertyOptional() @IsOptional() @IsQueryId() campaignId?: number;
}

export const ROUND_MESSAGE_SORTS = ['name', 'state', 'attempts', 'queuedAt', 'sentAt'] as const;
export type RoundMessageSort = (typeof ROUND_MESSAGE_SORTS)[number];

export class RoundMessagesQuery extends SortablePageQuery(ROUND_MESSAGE_SORTS) {
  @ApiPropertyOptional({ enum: MESSAGE_STATES })
  @IsOptional()
  @IsIn(MESSAGE_STATES, { message: `state must be one of ${MESSAGE_STATES.join(', ')}` })
  state?: (typeof MESSAGE_STATES)[number];
}

export const REMINDER_COUNT_SORTS = ['remindersThisYear', 'name'] as const;
export type ReminderCountSort = (typeof REMINDER_COUNT_SORTS)[number];

export class ReminderCountQuery extends SortablePageQuery(REMINDER_COUNT_SORTS) {
  @ApiProperty() @IsQueryId() campaignId: number;
  @ApiPropertyOptional({ description: 'a unit in your scope; default your whole scope' }) @IsOptional() @IsQueryId() orgUnitId?: number;
  @ApiPropertyOptional({ default: 3, description: 'list people with fewer reminders than this' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  below = 3;
  @ApiPropertyOptional({ description: 'business year; default this year' }) @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
  @ApiPropertyOptional({ description: 'true: every person with their count, whatever `below`' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value))
  @IsBoolean({ message: 'all must be true or false' })
  all?: boolean;
}

export class DeliveryReportDto {
  @ApiProperty({ example: 'om-42', description: 'the ref we gave the gateway' }) @IsString() @MaxLength(100) ref: string;
  @ApiPropertyOptional({ description: "the gateway's message id" }) @IsOptional() @IsString() @MaxLength(100) messageId?: string;
  @ApiProperty({ enum: ['DELIVERED', 'FAILED'] }) @IsIn(['DELIVERED', 'FAILED']) status: 'DELIVERED' | 'FAILED';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) reason?: string;
}
