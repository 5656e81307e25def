import type { NoticeInput } from '#notices';
import { BulletinContent, BulletinSection } from '../dto/bulletin.types';
import type { BulletinUnreported } from '../dto/reporting-completeness.types';
import { DashboardIndicator, ProgressRow } from '../dto/dashboard.types';
import { byRank } from './ranking';
import { BulletinCadence, CADENCE_ZH } from './bulletin-schedule';
import { Exact } from './exact';
import { percent1 } from './rollup';

/** Splits a dashboard indicator into the bulletin's ranking, praise and criticism (seed 004 / seed 002 通报), and says them in sentences. */
export function bulletinSection(ind: DashboardIndicator, say: SentenceContext): BulletinSection {
  const ranking = byRank(ind.rows);
  const section = {
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
  return { ...section, sentences: bulletinSentences(section, say) };
}

/** What the sentences of a bulletin say besides its figures: the date and the issuing unit. */
export interface SentenceContext {
  date: string;
  unitName: string;
}

/** 2026-05-07 as a bulletin writes it: 2026年5月7日. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * What the bulletin says of reporting (issue 17 point 2), after the indicators:
 * 本期（2026年7月1日至7月31日）应报送进度的4个单位中，汉沽区（企业职工养老保险缴费人数）1个单位未报送，请抓紧报送。
 * Units are named with their missing indicators, the first `named` of them, then 等N个单位; none missing:
 * 本期（…）应报送进度的4个单位均已报送。
 */
export function unreportedSentence(u: BulletinUnreported, named = 10): string {
  const [, sm, sd] = u.periodStart.split('-').map(Number);
  const end = u.periodEnd.slice(0, 4) === u.periodStart.slice(0, 4) ? chineseDate(u.periodEnd).slice(5) : chineseDate(u.periodEnd);
  const period = `本期（${u.periodStart.slice(0, 4)}年${sm}月${sd}日至${end}）应报送进度的${u.expectedUnits}个单位`;
  if (!u.total) return `${period}均已报送。`;
  const list = u.units
    .slice(0, named)
    .map((x) => `${x.name}（${x.indicators.join('、')}）`)
    .join('、');
  return `${period}中，${list}${u.total > named ? '等' : ''}${u.total}个单位未报送，请抓紧报送。`;
}

/** Seed 002 / 003: the office of the leadership group issues the bulletin (XX市社会保险扩面征缴工作领导小组办公室). */
export function issuerName(unitName: string): string {
  return `${unitName}社会保险扩面征缴工作领导小组办公室`;
}

/** The bulletin's title: the campaign and the series (2026年扩面征缴专项行动月度进度通报); the number 第N期 goes under it. */
export function bulletinTitle(campaignName: string, cadence: BulletinCadence): string {
  return `${campaignName}${CADENCE_ZH[cadence]}进度通报`;
}

/** 第N期. */
export function issueLabel(issueNo: number): string {
  return `第${issueNo}期`;
}

/** The name a bulletin's document downloads under: issuing unit, title, 第N期 and date (单位C1…双周进度通报第9期（2026-05-07）.pdf). */
export function bulletinFileName(b: { issueNo: number; date: string; content: { unitName: string; title: string } }, ext: 'pdf' | 'xlsx'): string {
  return `${b.content.unitName}${b.content.title}${issueLabel(b.issueNo)}（${b.date}）.${ext}`;
}

/** A figure as a bulletin prints it: persons as counted, yuan with two decimals, a ratio as a percentage with one decimal. */
function figureText(kind: string, unit: string | null, value: string): string {
  if (kind === 'ratio') return `${Exact.of(value).toDecimalString(4)}%`;
  if (unit === 'yuan') return `${Exact.of(value).toFixedHalfUp(2)}元`;
  return `${Exact.of(value).toDecimalString()}${unitLabel(unit)}`;
}

const names = (rows: ProgressRow[]) => rows.map((r) => r.name).join('、');

/**
 * The bulletin's sentences on one indicator (seed 003 予以通报表扬 / 予以通报批评, seed 000 零完成 criticised):
 * 1. the issuing unit's figure: 截至2026年5月7日，市本级企业职工养老保险新增参保完成2500人，目标任务10000人，完成进度25.0%，序时进度25.0%。
 *    (a ratio: …参保率为96.1%（目标98.5%），完成进度97.6%…, or …参保率暂无上报数（目标98.5%）…; without a target only what was done;
 *    a ratio whose figure leaves out units that reported a rate alone ends …（另有2个单位按比率填报，未计入）。);
 * 2. praise then criticism, units in rank order: units at 100 % or more 已完成目标任务, the other praised ones
 *    完成进度超过序时进度, …，予以表扬; then those behind 落后序时进度 and those at zero 零完成, …，予以通报批评;
 *    the two halves joined by '；'. Nobody praised or criticised: 各单位完成进度与序时进度基本持平。, or 各单位暂无完成进度。 where no
 *    unit has a rate (nothing reported, no target). No child rows: no second sentence.
 */
export function bulletinSentences(s: Omit<BulletinSection, 'sentences'>, say: SentenceContext): string[] {
  const t = s.total;
  let head = `截至${chineseDate(say.date)}，${say.unitName}${s.name}`;
  if (s.kind === 'ratio') {
    head += t.value === null ? '暂无上报数' : `为${percent1(Exact.of(t.value))}%`;
    if (t.target !== null) head += `（目标${figureText('ratio', s.unit, t.target)}）`;
  } else {
    head += `完成${figureText(s.kind, s.unit, t.actual)}`;
    if (t.target !== null) head += `，目标任务${figureText(s.kind, s.unit, t.target)}`;
  }
  if (t.ratePct !== null) head += `，完成进度${t.ratePct}%`;
  // a rate reported alone is no numerator or denominator: the figure leaves those units out, and says so
  const leftOut = s.kind === 'ratio' && t.rateOnlyBelow ? `（另有${t.rateOnlyBelow}个单位按比率填报，未计入）` : '';
  const out = [`${head}，序时进度${t.expectedPct}%${leftOut}。`];
  if (!s.ranking.length) return out;
  const completed = s.praised.filter((r) => r.rate !== null && r.rate >= 1);
  const ahead = s.praised.filter((r) => !completed.includes(r));
  const praise = [completed.length ? `${names(completed)}已完成目标任务` : '', ahead.length ? `${names(ahead)}完成进度超过序时进度` : ''].filter(Boolean);
  const blame = [s.criticised.length ? `${names(s.criticised)}落后序时进度` : '', s.zero.length ? `${names(s.zero)}零完成` : ''].filter(Boolean);
  const halves = [praise.length ? `${praise.join('，')}，予以表扬` : '', blame.length ? `${blame.join('，')}，予以通报批评` : ''].filter(Boolean);
  const unrated = s.ranking.every((r) => r.status === null);
  out.push(halves.length ? `${halves.join('；')}。` : unrated ? '各单位暂无完成进度。' : '各单位完成进度与序时进度基本持平。');
  return out;
}

/** Units a bulletin names (praised, criticised, zero). */
export function namedUnits(content: BulletinContent): number[] {
  const ids = new Set<number>();
  for (const s of content.sections) for (const r of [...s.praised, ...s.criticised, ...s.zero]) ids.add(r.unitId);
  return [...ids];
}

/** One notice per manager of each named unit, saying why the unit is named; once per bulletin and user. */
export function bulletinNotices(content: BulletinContent, bulletin: { id: number; issueNo: number }, recipients: Map<number, number[]>): NoticeInput[] {
  const bulletinId = bulletin.id;
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
        subject: `${content.title}（${issueLabel(bulletin.issueNo)}，${content.date}）`,
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
