import { CampaignReader } from '#campaigns';
import { addDays, AuthUser, Clock, pageOf, WorkingCalendar } from '#core';
import { OrgReader, ScopeService } from '#org';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Dashboard, ProgressRow } from '../dto/dashboard.types';
import { ForecastQuery } from '../dto/forecast.dto';
import { BulletinForecast, ForecastList, ForecastRow } from '../dto/forecast.types';
import { RollupRepository } from '../repositories/rollup.repository';
import { Exact } from '../rules/exact';
import { forecast, TREND_DAYS } from '../rules/forecast';
import { ratioValue } from '../rules/progress-row';
import { CampaignContext, loadCampaign } from './campaign-context';
import { buildDashboard, DashboardSources } from './dashboard.service';

/** How many rows a bulletin's forecast part names (the count is always whole). */
export const BULLETIN_FORECAST_MAX = 200;

/** A row's figure as the forecast reads it: a count or amount, a ratio's rate in % (null without one). */
function figureOf(kind: string, r: ProgressRow | undefined): string | null {
  if (!r) return kind === 'ratio' ? null : '0';
  if (kind !== 'ratio') return r.actual;
  const v = ratioValue(r);
  return v === null ? null : v.mul(100).toDecimalString(6);
}

function reported(r: ProgressRow): boolean {
  return r.rateOnly === true || !Exact.of(r.actual).isZero() || !Exact.of(r.denominator ?? 0).isZero();
}

/** Will-miss first, then the worst projected share of the target, then indicator and unit code. */
function worstFirst(order: Map<number, number>) {
  const pct = (r: ForecastRow) => (r.projectedPct === null ? -1 : Number(r.projectedPct));
  return (a: ForecastRow, b: ForecastRow) =>
    Number(b.willMiss) - Number(a.willMiss) ||
    pct(a) - pct(b) ||
    order.get(a.indicatorId)! - order.get(b.indicatorId)! ||
    (a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : 0);
}

/**
 * The forecast of every child unit's task under `unitId` (a level) as of `date`, from the dashboards of the date and of
 * four weeks before (no scope check: the worker's bulletins call it). Linear from the campaign's start; the working
 * days left are the working calendar's.
 */
export async function buildForecasts(
  m: EntityManager,
  sources: DashboardSources,
  calendar: WorkingCalendar,
  c: CampaignContext,
  unitId: number,
  date: string,
  /** The dashboard of the date when the caller has it (a bulletin): not built twice. */
  today?: Dashboard,
): Promise<ForecastRow[]> {
  const [now, past, tops] = await Promise.all([
    today ?? buildDashboard(m, sources, c.id, unitId, date, c),
    buildDashboard(m, sources, c.id, unitId, addDays(date, -TREND_DAYS), c),
    sources.campaigns.topTasks(m, c.id, unitId),
  ]);
  const deadlines = new Map(tops.map((t) => [t.taskId, t.deadline]));
  const out: ForecastRow[] = [];
  for (const ind of now.indicators) {
    const before = new Map((past.indicators.find((p) => p.indicatorId === ind.indicatorId)?.rows ?? []).map((r) => [r.unitId, r]));
    for (const r of ind.rows) {
      const deadline = r.taskId === null ? undefined : deadlines.get(r.taskId);
      if (r.taskId === null || !deadline) continue;
      const ratio = ind.kind === 'ratio';
      const actual = figureOf(ind.kind, r);
      const f = forecast({
        start: c.startsOn,
        deadline,
        today: date,
        target: r.target,
        actual,
        actualTrendStart: figureOf(ind.kind, before.get(r.unitId)),
        ratio,
        hasReports: reported(r),
        remainingWorkingDays: calendar.workingDaysBetween(date, deadline),
      });
      const projected = f.trend?.projected ?? f.linear?.projected ?? null;
      const target = r.target === null ? null : Exact.of(r.target);
      out.push({
        indicatorId: ind.indicatorId,
        indicatorCode: ind.code,
        indicatorName: ind.name,
        indicatorKind: ind.kind,
        indicatorUnit: ind.unit,
        unitId: r.unitId,
        unitCode: r.code,
        unitName: r.name,
        taskId: r.taskId,
        deadline,
        target: r.target,
        actual,
        projectedPct: projected !== null && target?.isPositive() ? Exact.of(projected).mul(100).div(target).toFixedHalfUp(1) : null,
        ...f,
      });
    }
  }
  return out.sort(worstFirst(new Map(c.indicators.map((i, n) => [i.id, n]))));
}

/** The bulletin's part: the child tasks that will miss, worst first. */
export async function forecastForBulletin(
  m: EntityManager,
  sources: DashboardSources,
  calendar: WorkingCalendar,
  c: CampaignContext,
  unitId: number,
  date: string,
  today?: Dashboard,
): Promise<BulletinForecast> {
  const miss = (await buildForecasts(m, sources, calendar, c, unitId, date, today)).filter((r) => r.willMiss);
  return { total: miss.length, rows: miss.slice(0, BULLETIN_FORECAST_MAX) };
}

/** GET /api/forecasts: a level's forecasts, in the caller's subtree. */
@Injectable()
export class ForecastService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly rollups: RollupRepository,
    private readonly campaigns: CampaignReader,
    private readonly units: OrgReader,
    private readonly scope: ScopeService,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
  ) {}

  async list(user: AuthUser, q: ForecastQuery): Promise<ForecastList> {
    const unitId = q.unitId ?? user.orgUnitId;
    await this.scope.unitPathInScope(user, unitId);
    const m = this.ds.manager;
    const c = await loadCampaign(this.campaigns, m, q.campaignId);
    const date = this.clock.today();
    const all = (await buildForecasts(m, { rollups: this.rollups, campaigns: this.campaigns, units: this.units }, this.calendar, c, unitId, date)).filter(
      (r) => q.indicatorId === undefined || r.indicatorId === q.indicatorId,
    );
    const rows = q.willMissOnly === false ? all : all.filter((r) => r.willMiss);
    const page = pageOf(rows.slice(q.offset, q.offset + q.pageSize), rows.length, q);
    return { campaignId: c.id, unitId, date, willMiss: all.filter((r) => r.willMiss).length, ...page };
  }
}
