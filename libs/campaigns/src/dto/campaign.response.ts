import { ApiProperty } from '@nestjs/swagger';
import {
  Campaign,
  CAMPAIGN_STATUSES,
  CampaignMilestone,
  CampaignPhase,
  CampaignStatus,
  Indicator,
  INDICATOR_KINDS,
  INDICATOR_SOURCES,
  INDICATOR_UNITS,
  IndicatorKind,
  IndicatorSource,
  IndicatorUnit,
  INSURANCE_TYPES,
  InsuranceType,
  MEMBER_BODIES,
  MEMBER_ROLES,
  MemberBody,
  MemberRole,
  TASK_STATUSES,
} from '../campaigns.types';
import type { CampaignActions } from '../rules/permissions';
import type { CampaignListItem, CampaignView } from './campaign.types';
import { CampaignSettingsViewDto } from './settings.response';

/** A campaign (专项行动) as every campaign route answers it. */
export class CampaignDto implements Campaign {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty({ type: 'integer', description: 'the unit that runs the campaign' }) orgUnitId: number;
  @ApiProperty({ example: '2026年社会保险扩面征缴专项行动' }) name: string;
  @ApiProperty({ type: String, format: 'date', example: '2026-01-01' }) startsOn: string;
  @ApiProperty({ type: String, format: 'date', example: '2026-12-31' }) endsOn: string;
  @ApiProperty({ enum: CAMPAIGN_STATUSES }) status: CampaignStatus;
  @ApiProperty({ type: CampaignSettingsViewDto, description: 'settings by section, defaults filled in' }) settings: CampaignSettingsViewDto;
  @ApiProperty({ type: String, nullable: true, example: '云帆市社会保险扩面征缴工作领导小组办公室', description: "the leadership group's office (办公室)" })
  officeName: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'the user who created it' }) createdBy: number | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}

/** What the caller may do with the campaign now, by the rules the routes enforce (a route still has the last word). */
export class CampaignActionsDto implements CampaignActions {
  @ApiProperty({
    description: 'activate the draft or close the active campaign: its leadership head or deputies, its office, or a leader / office at or above its unit',
  })
  run: boolean;
  @ApiProperty({ description: 'PUT /campaigns/:id: a leader or the office who runs it, while it is a draft' }) editDraft: boolean;
  @ApiProperty({ description: 'PUT /campaigns/:id/settings: a leader or the office who runs it' }) settings: boolean;
  @ApiProperty({ description: "split the campaign unit's own tasks (POST /allocations): its office or the unit's managers, while active" }) split: boolean;
}

/** A campaign in GET /api/campaigns, with its unit's name. */
export class CampaignListItemDto extends CampaignDto implements CampaignListItem {
  @ApiProperty({ example: '云帆市', description: 'name of the unit that runs the campaign' }) unitName: string;
  @ApiProperty({ type: CampaignActionsDto, description: 'what you may do with it' }) can: CampaignActionsDto;
}

/** A named date range of a campaign (seed 001: mobilisation, main push, consolidation). */
export class CampaignPhaseDto implements CampaignPhase {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty({ type: 'integer' }) campaignId: number;
  @ApiProperty({ example: '动员部署' }) name: string;
  @ApiProperty({ type: String, format: 'date', example: '2026-01-01' }) startsOn: string;
  @ApiProperty({ type: String, format: 'date', example: '2026-03-15' }) endsOn: string;
  @ApiProperty({ type: 'integer', example: 1, description: 'order of the phase, from 1' }) ordinal: number;
}

/** Cumulative share of the target due by a date (序时进度). */
export class CampaignMilestoneDto implements CampaignMilestone {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty({ type: 'integer' }) campaignId: number;
  @ApiProperty({ type: String, format: 'date', example: '2026-03-31' }) dueOn: string;
  @ApiProperty({ example: '25.00', description: 'cumulative percent of the target due by dueOn (decimal string, NUMERIC(5,2))' }) percent: string;
}

type MemberView = CampaignView['members'][number];

/** A person of the leadership group (head, deputy, member) or of the office (director, member). */
export class CampaignMemberDto implements MemberView {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty({ type: 'integer' }) campaignId: number;
  @ApiProperty({ type: 'integer' }) userId: number;
  @ApiProperty({ enum: MEMBER_BODIES, description: 'leadership: 领导小组; office: 办公室' }) body: MemberBody;
  @ApiProperty({ enum: MEMBER_ROLES, description: 'leadership: head, deputy, member; office: director, member' }) role: MemberRole;
  @ApiProperty({ type: String, nullable: true, example: '市人社局局长' }) title: string | null;
  @ApiProperty({ example: 'leader' }) username: string;
  @ApiProperty({ example: '王市长' }) displayName: string;
}

/** What a campaign counts. A ratio (参保率) has a numerator and a denominator and its targets are rates in percent. */
export class CampaignIndicatorDto implements Indicator {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty({ type: 'integer' }) campaignId: number;
  @ApiProperty({ example: 'EP-NEW' }) code: string;
  @ApiProperty({ example: '企业职工基本养老保险年新增参保人数' }) name: string;
  @ApiProperty({ enum: INDICATOR_UNITS }) unit: IndicatorUnit;
  @ApiProperty({ enum: INDICATOR_KINDS }) kind: IndicatorKind;
  @ApiProperty({ enum: INSURANCE_TYPES }) insuranceType: InsuranceType;
  @ApiProperty({ enum: INDICATOR_SOURCES, description: "'reports', or the records a ratio's figures are read from" }) source: IndicatorSource;
  @ApiProperty({ type: String, nullable: true, example: '参保人数', description: 'ratios: what is counted' }) numeratorLabel: string | null;
  @ApiProperty({ type: String, nullable: true, example: '户籍人口', description: 'ratios: what it is counted out of' }) denominatorLabel: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '8000.00',
    description: "the campaign unit's own target (a rate in percent for ratios), decimal string (NUMERIC(18,2)); null until set",
  })
  topTarget: string | null;
}

type TopTaskView = CampaignView['topTasks'][number];

/** The campaign unit's own task of one indicator (made at activation). */
export class CampaignTopTaskDto implements TopTaskView {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty({ type: 'integer' }) indicatorId: number;
  @ApiProperty({ example: '8000.00', description: 'decimal string (NUMERIC(18,2))' }) target: string;
  @ApiProperty({ type: String, format: 'date', example: '2026-12-31' }) deadline: string;
  @ApiProperty({ enum: TASK_STATUSES }) status: string;
}

/** A campaign with phases, milestones, members, indicators and its top-level tasks (GET /api/campaigns/:id and every change of a campaign). */
export class CampaignViewDto extends CampaignDto implements CampaignView {
  @ApiProperty({ type: CampaignActionsDto, description: 'what you may do with it' }) can: CampaignActionsDto;
  @ApiProperty({ type: [CampaignPhaseDto], description: 'by ordinal' }) phases: CampaignPhaseDto[];
  @ApiProperty({ type: [CampaignMilestoneDto], description: 'by due date' }) milestones: CampaignMilestoneDto[];
  @ApiProperty({ type: [CampaignMemberDto], description: 'by body, then head, director, deputy, member' }) members: CampaignMemberDto[];
  @ApiProperty({ type: [CampaignIndicatorDto], description: 'by id' }) indicators: CampaignIndicatorDto[];
  @ApiProperty({ type: [CampaignTopTaskDto], description: 'by indicator; empty while a draft' }) topTasks: CampaignTopTaskDto[];
}
