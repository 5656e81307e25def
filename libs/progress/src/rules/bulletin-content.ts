import type { NoticeInput } from '#notices';
import { BulletinContent, BulletinSection } from '../dto/bulletin.types';
import { DashboardIndicator, ProgressRow } from '../dto/dashboard.types';
import { byRank } from './ranking';

/** Splits a dashboard indicator into the bulletin's ranking, praise and criticism (seed 004 / seed 002 通报). */
export function bulletinSection(ind: DashboardIndicator): BulletinSection {
  const ranking = byRank(ind.rows);
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

export function unitLabel(unit: string | null): string {
  return unit === 'yuan' ? '元' : unit === 'percent' ? '%' : '人';
}
