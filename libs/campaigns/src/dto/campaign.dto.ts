import { FitsNumeric, IsCalendarDate, IsId, SortablePageQuery } from '#core';
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { CAMPAIGN_STATUSES, INDICATOR_KINDS, INDICATOR_SOURCES, INDICATOR_UNITS, INSURANCE_TYPES, MEMBER_BODIES, MEMBER_ROLES } from '../campaigns.types';
import { CampaignSettingsDto } from './settings.dto';

export class PhaseDto {
  @ApiProperty({ example: '动员部署' }) @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiProperty({ example: '2026-01-01' }) @IsCalendarDate() startsOn: string;
  @ApiProperty({ example: '2026-03-15' }) @IsCalendarDate() endsOn: string;
}

export class MilestoneDto {
  @ApiProperty({ example: '2026-03-31' }) @IsCalendarDate() dueOn: string;
  @ApiProperty({ example: 25, description: 'cumulative percent of the target due by this date' }) @IsNumber() @Min(0.01) @Max(100) percent: number;
}

export class MemberDto {
  @ApiProperty() @IsId() userId: number;
  @ApiPropertyOptional({ enum: MEMBER_BODIES, default: 'leadership' }) @IsOptional() @IsIn(MEMBER_BODIES) body?: (typeof MEMBER_BODIES)[number];
  @ApiProperty({ enum: MEMBER_ROLES, description: 'leadership: head, deputy, member; office: director, member' })
  @IsIn(MEMBER_ROLES)
  role: (typeof MEMBER_ROLES)[number];
  @ApiPropertyOptional({ example: '市人社局局长' }) @IsOptional() @IsString() @MaxLength(200) title?: string;
}

export class IndicatorDto {
  @ApiProperty({ example: 'EP-NEW' }) @IsString() @MinLength(1) @MaxLength(50) code: string;
  @ApiProperty({ example: '企业职工基本养老保险年新增参保人数' }) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiProperty({ enum: INDICATOR_UNITS }) @IsIn(INDICATOR_UNITS) unit: (typeof INDICATOR_UNITS)[number];
  @ApiProperty({ enum: INDICATOR_KINDS }) @IsIn(INDICATOR_KINDS) kind: (typeof INDICATOR_KINDS)[number];
  @ApiProperty({ enum: INSURANCE_TYPES }) @IsIn(INSURANCE_TYPES) insuranceType: (typeof INSURANCE_TYPES)[number];
  @ApiPropertyOptional({
    enum: INDICATOR_SOURCES,
    description: "where the figures come from: 'reports' (when omitted), or for a ratio the land projects' or hardship groups' records (never reported)",
  })
  @IsOptional()
  @IsIn(INDICATOR_SOURCES, { message: '指标数据来源须为 reports（进度填报）或征地、困难群体记录之一' })
  source?: (typeof INDICATOR_SOURCES)[number];
  @ApiPropertyOptional({ example: '参保人数' }) @IsOptional() @IsString() @MaxLength(100) numeratorLabel?: string;
  @ApiPropertyOptional({ example: '应参保人数' }) @IsOptional() @IsString() @MaxLength(100) denominatorLabel?: string;
  @ApiPropertyOptional({ description: "the campaign unit's own target (a rate in percent for ratios); may also be given at activation", example: 8000 })
  @IsOptional()
  @IsNumber()
  @FitsNumeric(18, 2)
  target?: number;
}

export class CreateCampaignDto {
  @ApiProperty({ example: '2026年社会保险扩面征缴专项行动' }) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiPropertyOptional({ description: 'the unit running the campaign; default: your unit' }) @IsOptional() @IsId() orgUnitId?: number;
  @ApiProperty({ example: '2026-01-01' }) @IsCalendarDate() startsOn: string;
  @ApiProperty({ example: '2026-12-31' }) @IsCalendarDate() endsOn: string;
  @ApiPropertyOptional({ example: '扩面征缴工作领导小组办公室' }) @IsOptional() @IsString() @MaxLength(100) officeName?: string;
  @ApiPropertyOptional({ type: CampaignSettingsDto, description: 'settings by section; what is left out takes its default' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CampaignSettingsDto)
  settings?: CampaignSettingsDto;
  @ApiPropertyOptional({ type: [PhaseDto] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => PhaseDto) phases?: PhaseDto[];
  @ApiPropertyOptional({ type: [MilestoneDto] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => MilestoneDto) milestones?: MilestoneDto[];
  @ApiPropertyOptional({ type: [MemberDto] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => MemberDto) members?: MemberDto[];
  @ApiPropertyOptional({ type: [IndicatorDto] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => IndicatorDto) indicators?: IndicatorDto[];
}

/**
 * PUT /api/campaigns/:id while it is a draft: what creation takes but the unit. Each list given replaces the draft's
 * (indicators matched by code keep their ids); a list left out is kept; settings are merged as PUT .../settings merges them.
 */
export class UpdateCampaignDto extends OmitType(CreateCampaignDto, ['orgUnitId'] as const) {}

export class TopTargetDto {
  @ApiProperty() @IsId() indicatorId: number;
  @ApiProperty({ example: 8000 }) @IsNumber() @FitsNumeric(18, 2) target: number;
}

export class ActivateCampaignDto {
  @ApiPropertyOptional({ type: [TopTargetDto], description: "the campaign unit's targets not given at creation" })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => TopTargetDto)
  targets?: TopTargetDto[];
}

export const CAMPAIGN_SORTS = ['name', 'unitName', 'startsOn', 'endsOn', 'status', 'createdAt'] as const;
export type CampaignSort = (typeof CAMPAIGN_SORTS)[number];

export class CampaignListQuery extends SortablePageQuery(CAMPAIGN_SORTS) {
  @ApiPropertyOptional({ enum: CAMPAIGN_STATUSES }) @IsOptional() @IsIn(CAMPAIGN_STATUSES) status?: (typeof CAMPAIGN_STATUSES)[number];
}
