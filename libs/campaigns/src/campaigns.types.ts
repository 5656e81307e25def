import type { CampaignSettings } from './settings/settings.types';

// The campaigns library's tables as plain TypeScript (the schema is the migrations'): value lists the DTOs
// validate against, and the shapes the API answers.

export const CAMPAIGN_STATUSES = ['draft', 'active', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const MEMBER_BODIES = ['leadership', 'office'] as const;
export type MemberBody = (typeof MEMBER_BODIES)[number];
export const MEMBER_ROLES = ['head', 'deputy', 'member', 'director'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const INDICATOR_UNITS = ['person', 'yuan', 'percent'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];
export const INDICATOR_KINDS = ['count', 'amount', 'ratio'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
/**
 * Where an indicator's figures come from: progress reports and credits ('reports'), or, for a ratio, the records
 * themselves (issue 16): seed 004's land indicators and the hardship groups' 三个100% (registry_indicator_fact_v).
 */
export const INDICATOR_SOURCES = [
  'reports',
  'land_projects_verified',
  'land_fund_arrival',
  'land_farmers_insured',
  'hardship_registration',
  'hardship_payment',
  'hardship_benefit',
] as const;
export type IndicatorSource = (typeof INDICATOR_SOURCES)[number];
export const INSURANCE_TYPES = [
  'employee_pension',
  'resident_pension',
  'medical',
  'work_injury',
  'unemployment',
  'land_expropriated_farmers',
  'other',
] as const;
export type InsuranceType = (typeof INSURANCE_TYPES)[number];

export const ALLOCATION_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'superseded'] as const;
export type AllocationStatus = (typeof ALLOCATION_STATUSES)[number];
export const ALLOCATION_ACTIONS = ['create', 'update', 'submit', 'approve', 'reject'] as const;
export type AllocationAction = (typeof ALLOCATION_ACTIONS)[number];

/**
 * open: not yet judged at its deadline and not met; met: its figure has reached its target (count/amount actual >=
 * target, ratio rate >= target), on time or late (met_on after the deadline); overdue: unmet at its deadline;
 * completed: closed by hand.
 */
export const TASK_STATUSES = ['open', 'met', 'completed', 'overdue'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const DEADLINE_EVENT_KINDS = ['reminder', 'overdue'] as const;
export type DeadlineEventKind = (typeof DEADLINE_EVENT_KINDS)[number];

/** A campaign (专项行动) as the API answers it. */
export interface Campaign {
  id: number;
  /** The level that runs the campaign. */
  orgUnitId: number;
  name: string;
  startsOn: string;
  endsOn: string;
  status: CampaignStatus;
  /** Read through readCampaignSettings (rules/read-settings.ts), written through CampaignSettingsService. */
  settings: CampaignSettings;
  /** Name of the leadership group's office (办公室); its people are campaign members with body 'office'. */
  officeName: string | null;
  createdBy: number | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A named date range of a campaign (seed 001: mobilisation, main push, consolidation). */
export interface CampaignPhase {
  id: number;
  campaignId: number;
  name: string;
  startsOn: string;
  endsOn: string;
  ordinal: number;
}

/** Cumulative share of the target due by a date (序时进度), e.g. 31 Mar 25 %. percent is numeric: a string like '25.00'. */
export interface CampaignMilestone {
  id: number;
  campaignId: number;
  dueOn: string;
  percent: string;
}

/** A person of the campaign's leadership group (head, deputy, member) or of its office (director, member). */
export interface CampaignMember {
  id: number;
  campaignId: number;
  userId: number;
  body: MemberBody;
  role: MemberRole;
  title: string | null;
}

/** What a campaign counts. A ratio (参保率) has a numerator and a denominator and its targets are rates in percent. */
export interface Indicator {
  id: number;
  campaignId: number;
  code: string;
  name: string;
  unit: IndicatorUnit;
  kind: IndicatorKind;
  insuranceType: InsuranceType;
  /** 'reports', or the records a ratio's figures are read from (never reported) */
  source: IndicatorSource;
  numeratorLabel: string | null;
  denominatorLabel: string | null;
  /** The campaign unit's own target (its top-level task's target once the campaign is active); numeric as string. */
  topTarget: string | null;
}
