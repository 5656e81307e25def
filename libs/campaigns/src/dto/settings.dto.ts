import { DAY_UNITS, DayUnit, FitsNumeric, IsCalendarDate, isCalendarDate, IsId, IsOptionalNotNull, IsOptionalNullable } from '#core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { BULLETIN_CADENCE_VALUES, MILESTONE_MODES, REPORT_CADENCE_VALUES } from '../settings/settings.types';

// One DTO per section. Every field is optional: PUT changes the fields it gives and keeps the others,
// so the body GET returned can be sent back unchanged; null is refused (only registry.referenceDate may be
// null). The same classes check stored settings on read.

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const HH_MM_MESSAGE = '须为 24 小时制时间 HH:MM，如 17:00';

/** True for MM-DD of a real month day (02-29 allowed: it becomes 02-28 in other years). */
export function isMonthDay(v: unknown): boolean {
  return typeof v === 'string' && /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(v) && isCalendarDate(`2000-${v}`);
}

/** A window end: MM-DD (recurs each year) or a real date YYYY-MM-DD. */
export function isWindowDay(v: unknown): boolean {
  return isMonthDay(v) || isCalendarDate(v);
}

function IsWindowDay(): PropertyDecorator {
  return ValidateBy({
    name: 'isWindowDay',
    validator: {
      validate: (v) => isWindowDay(v),
      defaultMessage: (a) => `须为每年重复的月-日 MM-DD（如 09-01）或日期 YYYY-MM-DD，收到的是 ${JSON.stringify(a?.value)}`,
    },
  });
}

export class DeadlineSettingsDto {
  @ApiPropertyOptional({ type: [Number], example: [7, 3, 1], description: 'days before a deadline or milestone at which the task holder is reminded' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(365, { each: true })
  @ArrayUnique()
  reminderOffsetsDays?: number[];

  @ApiPropertyOptional({ description: "whether an allocation's lines may add up to more than the parent target" })
  @IsOptionalNotNull()
  @IsBoolean()
  allowOverAllocation?: boolean;
}

export class EscalationWindowDto {
  @ApiPropertyOptional({ example: '09-01' }) @IsWindowDay() from: string;
  @ApiPropertyOptional({ example: '11-30' }) @IsWindowDay() to: string;
}

export class EscalationSettingsDto {
  @ApiPropertyOptional({ type: [EscalationWindowDto], description: 'cutoff windows, both ends MM-DD (each year) or both YYYY-MM-DD; [] for none' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => EscalationWindowDto)
  windows?: EscalationWindowDto[];

  @ApiPropertyOptional({ example: '17:00' }) @IsOptionalNotNull() @Matches(HH_MM, { message: HH_MM_MESSAGE }) time?: string;

  @ApiPropertyOptional({ example: 3 }) @IsOptionalNotNull() @IsInt() @Min(1) @Max(1000) refusalThreshold?: number;

  @ApiPropertyOptional({
    example: false,
    description: 'when a cutoff falls on a day off, notify the office of the submission on the next working day (the cutoff keeps its date)',
  })
  @IsOptionalNotNull()
  @IsBoolean()
  submissionNoticeOnWorkingDay?: boolean;
}

export class IncentiveTiersDto {
  @ApiPropertyOptional({ example: 80, description: 'A: % from which X yuan is paid per new enrolee' })
  @IsOptionalNotNull()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  a?: number;
  @ApiPropertyOptional({ example: 60, description: 'B: below this % no reward and criticism (at most A)' })
  @IsOptionalNotNull()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  b?: number;
  @ApiPropertyOptional({ example: 20, description: 'X: yuan per new enrolee at ≥ A % and < 100 %' })
  @IsOptionalNotNull()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @FitsNumeric(12, 2)
  x?: number;
  @ApiPropertyOptional({ example: 30, description: 'Y: yuan per new enrolee at ≥ 100 %' })
  @IsOptionalNotNull()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @FitsNumeric(12, 2)
  y?: number;
  @ApiPropertyOptional({ example: 10, description: 'Z: yuan deducted per assigned target at zero completion' })
  @IsOptionalNotNull()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @FitsNumeric(12, 2)
  z?: number;
}

export class ProgressSettingsSectionDto {
  @ApiPropertyOptional({ type: IncentiveTiersDto })
  @IsOptionalNotNull()
  @IsObject({ message: (a) => `${a.property} must be an object` })
  @ValidateNested()
  @Type(() => IncentiveTiersDto)
  incentives?: IncentiveTiersDto;

  @ApiPropertyOptional({
    enum: BULLETIN_CADENCE_VALUES,
    isArray: true,
    example: ['biweekly', 'monthly'],
    description: 'bulletin series, one or more: every two weeks, monthly, quarterly, yearly',
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMinSize(1, { message: '至少选择一个通报周期' })
  @ArrayUnique()
  @IsIn(BULLETIN_CADENCE_VALUES, { each: true, message: '通报周期须为 biweekly（每两周）、monthly（每月）、quarterly（每季度）或 yearly（每年）' })
  bulletinCadences?: (typeof BULLETIN_CADENCE_VALUES)[number][];

  @ApiPropertyOptional({ enum: MILESTONE_MODES }) @IsOptionalNotNull() @IsIn(MILESTONE_MODES) milestoneMode?: (typeof MILESTONE_MODES)[number];

  @ApiPropertyOptional({
    example: 5,
    description: 'Status band in percentage points: a unit at or above the expected rate plus this many points (or at 100 %) is "ahead"',
  })
  @IsOptionalNotNull()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  statusBandPct?: number;

  @ApiPropertyOptional({ type: [Number], description: 'count indicators credited with enrolments of inspection cases closed as rectified ([] for none)' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @IsId({ each: true })
  inspectionIndicatorIds?: number[];

  @ApiPropertyOptional({
    type: [Number],
    description: 'count indicators credited with the registry entries the insured roster closes as enrolled ([] for none)',
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @IsId({ each: true })
  rosterIndicatorIds?: number[];

  @ApiPropertyOptional({
    enum: REPORT_CADENCE_VALUES,
    description: "how often units holding tasks report: weekly, every 14 days from the campaign's start, monthly",
  })
  @IsOptionalNotNull()
  @IsIn(REPORT_CADENCE_VALUES, { message: '须为 weekly（每周）、biweekly（每两周）或 monthly（每月）' })
  reportCadence?: (typeof REPORT_CADENCE_VALUES)[number];
}

export class RegistrySettingsDto {
  @ApiPropertyOptional({ type: String, example: '2026-03-02', nullable: true, description: "date ages are counted at (null: the campaign's start)" })
  @IsOptionalNullable()
  @IsCalendarDate()
  referenceDate?: string | null;
}

export class InspectionSettingsDto {
  @ApiPropertyOptional({ example: 15 }) @IsOptionalNotNull() @IsInt() @Min(1) @Max(365) rectificationDays?: number;
  @ApiPropertyOptional({ example: 3 }) @IsOptionalNotNull() @IsInt() @Min(1) @Max(365) rectificationReminderDays?: number;
  @ApiPropertyOptional({ example: 30 }) @IsOptionalNotNull() @IsInt() @Min(1) @Max(365) caseDueDays?: number;

  @ApiPropertyOptional({ enum: DAY_UNITS, example: 'natural', description: 'rectificationDays counted in natural days (自然日) or working days' })
  @IsOptionalNotNull()
  @IsIn(DAY_UNITS)
  dayUnit?: DayUnit;
}

export class NoticeSettingsDto {
  @ApiPropertyOptional({ example: '09:00' }) @IsOptionalNotNull() @Matches(HH_MM, { message: HH_MM_MESSAGE }) reminderTime?: string;
  @ApiPropertyOptional({ example: '21:00', description: 'quiet hours begin (no reminders to the public)' })
  @IsOptionalNotNull()
  @Matches(HH_MM, { message: HH_MM_MESSAGE })
  quietFrom?: string;
  @ApiPropertyOptional({ example: '08:00', description: 'quiet hours end' })
  @IsOptionalNotNull()
  @Matches(HH_MM, { message: HH_MM_MESSAGE })
  quietUntil?: string;
  @ApiPropertyOptional({ example: true, description: 'quiet hours hold webhook calls too' }) @IsOptionalNotNull() @IsBoolean() quietForWebhooks?: boolean;
}

/** A campaign's settings by section; a section or field left out keeps its value. */
export class CampaignSettingsDto {
  @ApiPropertyOptional({ type: DeadlineSettingsDto })
  @IsOptionalNotNull()
  @IsObject({ message: (a) => `${a.property} must be an object` })
  @ValidateNested()
  @Type(() => DeadlineSettingsDto)
  deadlines?: DeadlineSettingsDto;
  @ApiPropertyOptional({ type: EscalationSettingsDto })
  @IsOptionalNotNull()
  @IsObject({ message: (a) => `${a.property} must be an object` })
  @ValidateNested()
  @Type(() => EscalationSettingsDto)
  escalation?: EscalationSettingsDto;
  @ApiPropertyOptional({ type: ProgressSettingsSectionDto })
  @IsOptionalNotNull()
  @IsObject({ message: (a) => `${a.property} must be an object` })
  @ValidateNested()
  @Type(() => ProgressSettingsSectionDto)
  progress?: ProgressSettingsSectionDto;
  @ApiPropertyOptional({ type: RegistrySettingsDto })
  @IsOptionalNotNull()
  @IsObject({ message: (a) => `${a.property} must be an object` })
  @ValidateNested()
  @Type(() => RegistrySettingsDto)
  registry?: RegistrySettingsDto;
  @ApiPropertyOptional({ type: InspectionSettingsDto })
  @IsOptionalNotNull()
  @IsObject({ message: (a) => `${a.property} must be an object` })
  @ValidateNested()
  @Type(() => InspectionSettingsDto)
  inspection?: InspectionSettingsDto;
  @ApiPropertyOptional({ type: NoticeSettingsDto })
  @IsOptionalNotNull()
  @IsObject({ message: (a) => `${a.property} must be an object` })
  @ValidateNested()
  @Type(() => NoticeSettingsDto)
  notices?: NoticeSettingsDto;
}

export const SECTION_DTOS = {
  deadlines: DeadlineSettingsDto,
  escalation: EscalationSettingsDto,
  progress: ProgressSettingsSectionDto,
  registry: RegistrySettingsDto,
  inspection: InspectionSettingsDto,
  notices: NoticeSettingsDto,
} as const;
