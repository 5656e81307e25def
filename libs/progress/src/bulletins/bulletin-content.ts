import { CampaignReader } from '#campaigns';
import { JobPayload } from '#core';
import { NoticeInput } from '#notices';
import { EntityManager } from 'typeorm';
import { CampaignContext, loadCampaign } from '../campaign-context';
import { Dashboard, DashboardIndicator, ProgressRow } from '../dashboard/dashboard.types';
import { BulletinRepository } from '../repositories/bulletin.repository';
import { UnitLookup } from '../repositories/unit-lookup.repository';

/** Where a bulletin's campaign and unit are read and the bulletin is stored. */
export interface BulletinStores {
  campaigns: CampaignReader;
  bulletins: BulletinRepository;
  units: UnitLookup;
}

export interface BulletinSection {
  indicatorId: number;
  code: string;
  name: string;
  kind: string;
  unit: string | null;
  total: ProgressRow;
  /** The ranking table: every child unit in rank order. */
  ranking: ProgressRow[];
  /** Completed (≥ 100 %) or ahead of the expected rate. */
  praised: ProgressRow[];
  /** Behind the expected rate, with something done. */
  criticised: ProgressRow[];
  /** Nothing done: named separately. */
  zero: ProgressRow[];
}

export interface BulletinContent {
  campaignName: string;
  unitName: string;
  date: string;
  expectedPct: string;
  sections: BulletinSection[];
}

export interface BulletinView {
  id: number;
  campaignId: number;
  unitId: number;
  date: string;
  trigger: string;
  generatedAt: Date;
  content: BulletinContent;
}

/** Splits a dashboard indicator into the bulletin's ranking, praise and criticism (seed 004 / seed 002 通报). */
export function bulletinSection(ind: DashboardIndicator): BulletinSection {
  const ranking = [...ind.rows].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  return {
    indicatorId: ind.indicatorId,
    code: ind.code,
    name: ind.name,
    kind: ind.kind,
    unit: ind.unit,
    total: ind.total,
    ranking,
    praised: ranking.filter((r) => r.status === 'ahead' || (r.rate !== null && r.rate >= 1)),
    criticised: ranking.filter((r) => r.status === 'behind'),
    zero: ranking.filter((r) => r.status === 'zero'),
  };
}

/** Units a bulletin names (praised, criticised, zero). */
export function namedUnits(content: BulletinContent): number[] {
  const ids = new Set<number>();
  for (const s of content.sections) for (const r of [...s.praised, ...s.criticised, ...s.zero]) ids.add(r.unitId);
  return [...ids];
}

/** One notice per manager of each named unit, saying why the unit is named; once per bulletin and user. */
export function bulletinNotices(content: BulletinContent, bulletinId: number, recipients: Map<number, number[]>): NoticeInput[] {
  const named = new Map<number, string[]>();
  for (const s of content.sections) {
    const add = (r: ProgressRow, why: string) =>
      named.set(r.unitId, [...(named.get(r.unitId) ?? []), `${s.name}：${why}（完成 ${r.ratePct ?? '-'}%，序时进度 ${r.expectedPct}%）`]);
    s.praised.forEach((r) => add(r, '表扬'));
    s.criticised.forEach((r) => add(r, '批评：落后序时进度'));
    s.zero.forEach((r) => add(r, '批评：零完成'));
  }
  const out: NoticeInput[] = [];
  for (const [unitId, lines] of named) {
    for (const userId of recipients.get(unitId) ?? []) {
      out.push({
        recipientUserId: userId,
        kind: 'bulletin',
        subject: `${content.campaignName} ${content.date} 进度通报`,
        body: lines.join('\n'),
        link: { entity: 'bulletin', id: String(bulletinId) },
        dedupeKey: `bulletin-${bulletinId}-${userId}`,
      });
    }
  }
  return out;
}

/** Builds the bulletin content and inserts it unless (campaign, unit, date) already has one: { id, content } of the new row, or null. */
export async function storeBulletin(
  m: EntityManager,
  dashboards: { build: (m: EntityManager, campaignId: number, unitId: number, date: string, c?: CampaignContext) => Promise<Dashboard> },
  p: JobPayload<'progress.bulletin'>,
  now: Date,
  stores: BulletinStores = { campaigns: new CampaignReader(), bulletins: new BulletinRepository(), units: new UnitLookup() },
): Promise<{ id: number; content: BulletinContent } | null> {
  const c = await loadCampaign(stores.campaigns, m, p.campaignId);
  const dash = await dashboards.build(m, c.id, p.unitId, p.date, c);
  const unit = (await stores.units.unit(m, p.unitId))!;
  const content: BulletinContent = {
    campaignName: c.name,
    unitName: unit.name,
    date: p.date,
    expectedPct: dash.expectedPct,
    sections: dash.indicators.map(bulletinSection),
  };
  const id = await stores.bulletins.insert(m, {
    campaignId: c.id,
    unitId: p.unitId,
    date: p.date,
    trigger: p.trigger,
    requestedBy: p.requestedBy,
    generatedAt: now,
    content,
  });
  return id !== undefined ? { id, content } : null;
}

export function unitLabel(unit: string | null): string {
  return unit === 'yuan' ? '元' : unit === 'percent' ? '%' : '人';
}
