import { ApiProperty } from '@nestjs/swagger';
import type { IncentiveTier } from '../rules/incentives';
import type { SettlementLine, SettlementTotals, SettlementView } from './settlement.types';

/** A line's reward tier (rules/incentives.ts). */
export const SETTLEMENT_TIERS = ['full', 'partial', 'none', 'criticised', 'zero'] as const satisfies readonly IncentiveTier[];
export const SETTLEMENT_STATES = ['draft', 'confirmed'] as const satisfies readonly SettlementView['state'][];

/** The incentive tiers a settlement was computed with (seed 000): A and B in percent, X, Y, Z in yuan. */
export class IncentiveSettingsDto {
  @ApiProperty({ type: 'number', example: 80, description: 'from A % (below 100 %): X yuan per new enrolee' }) A: number;
  @ApiProperty({ type: 'number', example: 60, description: 'below B %: criticism and a talk' }) B: number;
  @ApiProperty({ type: 'number', example: 20, description: 'yuan per new enrolee from A %' }) X: number;
  @ApiProperty({ type: 'number', example: 30, description: 'yuan per new enrolee at 100 %' }) Y: number;
  @ApiProperty({ type: 'number', example: 10, description: 'yuan deducted per assigned target at zero' }) Z: number;
}

export class SettlementTotalsDto implements SettlementTotals {
  @ApiProperty({ example: '12600', description: 'yuan paid in total (decimal string)' }) reward: string;
  @ApiProperty({ example: '800', description: 'yuan deducted in total (decimal string)' }) deduction: string;
  @ApiProperty({ type: 'integer', example: 12 }) lines: number;
}

/** One unit's or cadre's line of a settlement. Figures are NUMERIC columns: decimal strings. */
export class SettlementLineDto implements SettlementLine {
  @ApiProperty({ type: 'integer' }) taskId: number;
  @ApiProperty({ type: 'integer' }) unitId: number;
  @ApiProperty({ example: 'DH' }) unitCode: string;
  @ApiProperty({ example: '东湖区' }) unitName: string;
  @ApiProperty({ type: 'integer', nullable: true, description: "a cadre's line: the cadre (user id)" }) cadreUserId: number | null;
  @ApiProperty({ type: String, nullable: true, example: '张伟' }) cadreName: string | null;
  @ApiProperty({ example: '1200' }) target: string;
  @ApiProperty({ example: '1134', description: "the line's figure (its subtree's new enrolees): decides the tier" }) newEnrolees: string;
  @ApiProperty({ example: '420', description: 'those it mobilised itself, not counted on a child line: what the reward is paid for' }) mobilised: string;
  @ApiProperty({ type: String, nullable: true, example: '0.945', description: 'completion rate (fraction); null without a target' }) rate: string | null;
  @ApiProperty({ type: String, nullable: true, example: '94.5' }) ratePct: string | null;
  @ApiProperty({ enum: SETTLEMENT_TIERS }) tier: string;
  @ApiProperty({ example: '8400', description: 'yuan' }) reward: string;
  @ApiProperty({ example: '0', description: 'yuan' }) deduction: string;
  @ApiProperty({ description: 'public criticism (通报批评)' }) criticism: boolean;
  @ApiProperty({ description: 'talk with the unit head (约谈)' }) talk: boolean;
  @ApiProperty({ description: '诫勉谈话' }) admonition: boolean;
  @ApiProperty({ description: '递交书面说明' }) writtenExplanation: boolean;
}

/** A settlement without its lines (GET /api/settlements). */
export class SettlementDto implements Omit<SettlementView, 'lines'> {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty({ type: 'integer', description: 'the task whose subtree is settled' }) taskId: number;
  @ApiProperty({ example: '2026-12-31', description: "the period settled (the task's deadline, or the as-of date of an on-demand settlement)" }) period: string;
  @ApiProperty({ type: String, format: 'date', example: '2026-12-31' }) asOf: string;
  @ApiProperty({ enum: SETTLEMENT_STATES }) state: 'draft' | 'confirmed';
  @ApiProperty({ type: IncentiveSettingsDto }) settings: IncentiveSettingsDto;
  @ApiProperty({ type: SettlementTotalsDto }) totals: SettlementTotalsDto;
  @ApiProperty({ type: String, format: 'date-time' }) computedAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) confirmedAt: Date | null;
  @ApiProperty({ type: 'integer', description: "the settled task's holder unit" }) unitId: number;
  @ApiProperty({ example: '东湖区' }) unitName: string;
  @ApiProperty({ type: 'integer' }) indicatorId: number;
  @ApiProperty({ example: '企业职工养老保险新增参保' }) indicatorName: string;
}

/** One settlement with its lines (units and cadres). */
export class SettlementDetailDto extends SettlementDto implements SettlementView {
  @ApiProperty({ type: [SettlementLineDto] }) lines: SettlementLineDto[];
}
