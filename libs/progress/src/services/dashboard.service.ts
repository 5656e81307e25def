import { CampaignReader } from '#campaigns';
import { AuthUser, Clock, DomainError, isIsoDate, ReplicaReads } from '#core';
import { OrgReader, ScopeService } from '#org';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CampaignContext, loadCampaign } from './campaign-context';
import { expectedOn } from '../rules/campaign-progress';
import { Exact } from '../rules/exact';
import { exactRate, figure, planned, progressRow } from '../rules/progress-row';
import { withRateOnly } from '../rules/rate-only';
import { rank } from '../rules/ranking';
import { percent1, rollup } from '../rules/rollup';
import { Dashboard, DashboardIndicator } from '../dto/dashboard.types';
import { RollupRepository, SeriesPoint } from '../repositories/rollup.repository';

/** Dashboards and rankings: rolled-up actuals against targets and the expected rate, per child unit. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly rollups: RollupRepository,
    private readonly campaigns: CampaignReader,
    private readonly units: OrgReader,
    private readonly scope: ScopeService,
    private readonly clock: Clock,
    private readonly reads: ReplicaReads,
  ) {}

  async forUser(user: AuthUser, campaignId: number, unitId: number, date?: string): Promise<Dashboard> {
    const d = this.dateOrToday(date);
    await this.scope.unitPathInScope(user, unitId);
    // dashboards, rankings and their exports may be a few seconds stale: a replica may serve them
    return this.build(this.reads.manager, campaignId, unitId, d);
  }

  dateOrToday(date?: string): string {
    if (date === undefined || date === '') return this.clock.today();
    if (!isIsoDate(date)) throw DomainError.validation('date', '须为日期，格式 YYYY-MM-DD（must be a date written YYYY-MM-DD）');
    return date;
  }

  /** The dashboard without a scope check (the worker's bulletins use it). */
  build(m: EntityManager, campaignId: number, unitId: number, date: string, campaign?: CampaignContext): Promise<Dashboard> {
    return buildDashboard(m, { rollups: this.rollups, campaigns: this.campaigns, units: this.units }, campaignId, unitId, date, campaign);
  }

  async series(
    user: AuthUser,
    campaignId: number,
    unitId: number,
    indicatorId: number,
    from?: string,
    to?: string,
  ): Promise<{ indicatorId: number; unitId: number; points: (SeriesPoint & { value: number | null })[] }> {
    await this.scope.unitPathInScope(user, unitId);
    const c = await loadCampaign(this.campaigns, this.reads.manager, campaignId);
    const ind = c.indicators.find((i) => i.id === indicatorId);
    if (!ind)
      throw DomainError.validation(
        'indicatorId',
        `指标 ${indicatorId} 不属于扩面任务 ${campaignId}（indicator ${indicatorId} is not part of campaign ${campaignId}）`,
      );
    const toD = to ? this.dateOrToday(to) : this.clock.today();
    const fromD = from ? this.dateOrToday(from) : c.startsOn;
    const pts = await this.rollups.series(indicatorId, unitId, fromD, toD, this.reads.manager, { source: ind.source ?? 'reports', campaignId });
    return {
      indicatorId,
      unitId,
      points: pts.map((p) => ({
        ...p,
        value: ind.kind === 'ratio' ? (p.denominator && Number(p.denominator) > 0 ? rollup('ratio', [p]).value!.toNumber() : null) : Number(p.actual),
      })),
    };
  }
}

/** Where a dashboard's figures come from: progress_rollup, the campaigns library's reader, the units. */
export interface DashboardSources {
  rollups: RollupRepository;
  campaigns: CampaignReader;
  units: OrgReader;
}

/** Per indicator, the unit's total and one ranked row per child unit, as of a date (no scope check). */
export async function buildDashboard(
  m: EntityManager,
  { rollups, campaigns, units }: DashboardSources,
  campaignId: number,
  unitId: number,
  date: string,
  campaign?: CampaignContext,
): Promise<Dashboard> {
  const c = campaign ?? (await loadCampaign(campaigns, m, campaignId));
  const unit = await units.unit(m, unitId);
  if (!unit) throw DomainError.notFound('org unit', unitId);
  const indicatorIds = c.indicators.map((i) => i.id);
  const [plainCells, tops, rateOnly] = await Promise.all([
    rollups.rollup(c.indicators, unit, date, c.id, m),
    campaigns.topTasks(m, c.id, unit.id),
    rollups.rateOnlyLeaves(indicatorIds, unit, date, m),
  ]);
  const cells = withRateOnly(plainCells, rateOnly, unit, tops);
  const childIds = new Set<number>();
  // A child without a task shows only where something is counted below it (e.g. a credit); a withdrawn task's zeros do not.
  for (const x of cells) if (!x.total && x.childId !== null && counts(x)) childIds.add(x.childId);
  for (const t of tops) if (t.unitId !== unit.id) childIds.add(t.unitId);
  const children = childIds.size ? await units.units(m, [...childIds]) : [];
  const expected = expectedOn(c, date);
  // without milestones a task due earlier than the campaign's end is expected further along (days to its own deadline)
  const expectedFor = (t: { deadline: string } | undefined) => (t && !c.milestones.length ? expectedOn(c, date, t.deadline) : expected);
  const cellMap = new Map(cells.map((x) => [`${x.indicatorId}-${x.total ? 'total' : (x.childId ?? 'own')}`, x]));
  const taskMap = new Map(tops.map((t) => [`${t.indicatorId}-${t.unitId}`, t]));
  const indicators: DashboardIndicator[] = c.indicators.map((ind) => {
    const rows = children
      .filter((ch) => taskMap.has(`${ind.id}-${ch.id}`) || counts(cellMap.get(`${ind.id}-${ch.id}`)))
      .map((ch) => {
        const t = taskMap.get(`${ind.id}-${ch.id}`);
        return progressRow(ind, ch, t ?? null, cellMap.get(`${ind.id}-${ch.id}`) ?? null, expectedFor(t), c.settings.statusBand);
      });
    const ranks = new Map(
      rank(rows.map((r) => ({ code: r.code, rate: exactRate(ind, r), actual: figure(ind, r), planned: planned(r) }))).map((x) => [x.code, x.rank]),
    );
    for (const r of rows) r.rank = ranks.get(r.code) ?? null;
    const own = taskMap.get(`${ind.id}-${unit.id}`);
    const total = progressRow(ind, unit, own ?? null, cellMap.get(`${ind.id}-total`) ?? null, expectedFor(own), c.settings.statusBand);
    const ownCell = cellMap.get(`${ind.id}-own`);
    return {
      indicatorId: ind.id,
      code: ind.code,
      name: ind.name,
      kind: ind.kind,
      unit: ind.unit,
      total,
      rows,
      own: ownCell ? { actual: ownCell.actual, denominator: ind.kind === 'ratio' ? ownCell.denominator : null } : null,
    };
  });
  const band = Exact.of(c.settings.statusBand);
  const statusRule = { band: band.toNumber(), bandPct: percent1(band)!, aheadFromPct: percent1(expected.add(band))! };
  return { campaignId: c.id, unitId: unit.id, date, expectedRate: expected.toNumber(), expectedPct: percent1(expected)!, statusRule, indicators };
}

function counts(cell: { actual: string; denominator: string | null; rate?: string | null } | undefined): boolean {
  if (cell?.rate != null) return true;
  return !!cell && !(Exact.of(cell.actual).isZero() && Exact.of(cell.denominator ?? 0).isZero());
}
