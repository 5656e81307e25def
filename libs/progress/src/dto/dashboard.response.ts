import { INDICATOR_KINDS, INDICATOR_UNITS, IndicatorKind } from '#campaigns';
import { ApiProperty } from '@nestjs/swagger';
import type { SeriesPoint } from '../repositories/rollup.repository';
import type { ProgressStatus } from '../rules/status';
import type { Dashboard, DashboardIndicator, ProgressRow } from './dashboard.types';

/** A row's status against the expected rate (rules/status.ts). */
export const PROGRESS_STATUSES = ['ahead', 'on_track', 'behind', 'zero', 'no_plan'] as const satisfies readonly ProgressStatus[];

/** One unit's line on a dashboard, a ranking or a bulletin. Rates are fractions (0.943...); *Pct are display strings, one decimal, half-up. */
export class ProgressRowDto implements ProgressRow {
  @ApiProperty({ type: 'integer', example: 4 }) unitId: number;
  @ApiProperty({ example: 'DH' }) code: string;
  @ApiProperty({ example: '东湖区' }) name: string;
  @ApiProperty({ type: 'integer', nullable: true, description: "the unit's task (null when it holds none)" }) taskId: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '1200',
    description:
      "target of the unit's task, a decimal string (ratio indicators: a rate in %); null when the unit has no plan (无计划: no task, or a task given no target; seed 002 annex 5) — not 0, which is a plan of nothing",
  })
  target: string | null;
  @ApiProperty({ example: '1134', description: 'count/amount, or ratio numerator (decimal string, full precision)' }) actual: string;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'ratio indicators: sum of denominators (decimal string); otherwise null' })
  denominator: string | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'ratio indicators: numerator / denominator, or the rate reported alone; otherwise null' })
  value: number | null;
  @ApiProperty({ description: "ratio indicators: the unit's own report carries only a rate (按比率填报); its actual and denominator are 0" })
  rateOnly: boolean;
  @ApiProperty({ type: String, nullable: true, example: '98.5', description: 'the rate of a rate-only report, in %; otherwise null' })
  reportedRate: string | null;
  @ApiProperty({
    type: 'integer',
    example: 0,
    description: 'ratio indicators: tasks under this row reported as a rate only, left out of its numerator and denominator (its rate is of the known ones)',
  })
  rateOnlyBelow: number;
  @ApiProperty({
    type: 'number',
    nullable: true,
    example: 0.945,
    description: 'completion rate (fraction); null without a plan, a target of 0 or a ratio denominator',
  })
  rate: number | null;
  @ApiProperty({ type: String, nullable: true, example: '94.5' }) ratePct: string | null;
  @ApiProperty({ type: 'number', example: 0.75, description: 'the expected (序时) rate on the date (fraction)' }) expectedRate: number;
  @ApiProperty({ example: '75.0' }) expectedPct: string;
  @ApiProperty({ type: 'number', nullable: true, example: 0.195, description: 'rate - expected rate (fraction)' }) gap: number | null;
  @ApiProperty({ type: String, nullable: true, example: '19.5', description: 'the gap in percentage points, one decimal' }) gapPct: string | null;
  @ApiProperty({
    enum: PROGRESS_STATUSES,
    nullable: true,
    description:
      'ahead / on_track / behind / zero (nothing done against a target); no_plan (无计划): the unit holds no target, its actual still counts in the total; null with a target but no rate (a target of 0, a ratio without a denominator)',
  })
  status: ProgressStatus | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 1,
    description: 'rank among the siblings, 1..n over the units with a plan; null on the total row and for a unit without a plan (no_plan)',
  })
  rank: number | null;
}

/** What a total counts at the unit's own level, outside every child row. */
export class DashboardOwnDto {
  @ApiProperty({ example: '35', description: 'decimal string' }) actual: string;
  @ApiProperty({ type: String, nullable: true, description: 'ratio indicators: the denominator; otherwise null' }) denominator: string | null;
}

export class DashboardIndicatorDto implements DashboardIndicator {
  @ApiProperty({ type: 'integer' }) indicatorId: number;
  @ApiProperty({ example: 'EP-NEW' }) code: string;
  @ApiProperty({ example: '企业职工基本养老保险新增参保人数' }) name: string;
  @ApiProperty({ enum: INDICATOR_KINDS }) kind: IndicatorKind;
  @ApiProperty({ enum: INDICATOR_UNITS, example: 'person' }) unit: string;
  @ApiProperty({ type: ProgressRowDto, description: "the unit's own total" }) total: ProgressRowDto;
  @ApiProperty({ type: [ProgressRowDto], description: 'one row per child unit' }) rows: ProgressRowDto[];
  @ApiProperty({
    type: DashboardOwnDto,
    nullable: true,
    description:
      "what the total counts at the unit's own level (its own leaf task or its cadres' tasks, credits dated at the unit); null when nothing: then total = sum of the rows",
  })
  own: DashboardOwnDto | null;
}

/** How a row's status follows from its rate (campaign setting progress.statusBandPct). */
export class StatusRuleDto {
  @ApiProperty({ type: 'number', example: 0.05, description: 'the band above the expected rate (fraction)' }) band: number;
  @ApiProperty({ example: '5.0' }) bandPct: string;
  @ApiProperty({ example: '80.0', description: 'ahead from this completion % (expected + band), or at 100 %' }) aheadFromPct: string;
}

/** GET /api/dashboards and /api/rankings. */
export class DashboardDto implements Dashboard {
  @ApiProperty({ type: 'integer' }) campaignId: number;
  @ApiProperty({ type: 'integer' }) unitId: number;
  @ApiProperty({ type: String, format: 'date', example: '2026-09-30' }) date: string;
  @ApiProperty({ type: 'number', example: 0.75 }) expectedRate: number;
  @ApiProperty({ example: '75.0' }) expectedPct: string;
  @ApiProperty({
    type: StatusRuleDto,
    description: 'zero = nothing done; behind = rate < expected; ahead = rate >= 100 % or rate >= expected + band; on_track = in between',
  })
  statusRule: StatusRuleDto;
  @ApiProperty({ type: [DashboardIndicatorDto] }) indicators: DashboardIndicatorDto[];
}

export class SeriesPointDto implements SeriesPoint {
  @ApiProperty({ type: String, format: 'date', example: '2026-05-10' }) asOf: string;
  @ApiProperty({ example: '1134', description: 'the rolled-up actual as of the date (decimal string)' }) actual: string;
  @ApiProperty({ type: String, nullable: true, example: '0', description: 'the rolled-up denominator (decimal string)' }) denominator: string | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'count/amount: the actual; ratio: numerator / denominator (null without a denominator)' })
  value: number | null;
}

/** GET /api/dashboards/series. */
export class SeriesDto {
  @ApiProperty({ type: 'integer' }) indicatorId: number;
  @ApiProperty({ type: 'integer' }) unitId: number;
  @ApiProperty({ type: [SeriesPointDto], description: 'one point per date on which the figure changed' }) points: SeriesPointDto[];
}
