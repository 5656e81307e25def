import { ProgressRow } from '../dto/dashboard.types';
import {
  bulletinNotices,
  bulletinSection,
  bulletinSentences,
  bulletinTitle,
  chineseDate,
  issueLabel,
  issuerName,
  namedUnits,
  unitLabel,
  unreportedSentence,
} from './bulletin-content';

const row = (unitId: number, rank: number, status: ProgressRow['status'], rate: number | null, ratePct: string | null): ProgressRow => ({
  unitId,
  code: `U${unitId}`,
  name: `单位${unitId}`,
  taskId: unitId * 10,
  target: '100',
  actual: '0',
  denominator: null,
  value: null,
  rate,
  ratePct,
  expectedRate: 0.5,
  expectedPct: '50.0',
  gap: null,
  gapPct: null,
  status,
  rank,
});

// Four child units: U1 rank 3 done (rate 1.02 >= 1, status ahead), U2 rank 1 ahead (0.62 >= 0.5 + band),
// U3 rank 2 behind (0.3 < 0.5), U4 rank 4 zero; and U5 on track (0.52, rank 5) named nowhere.
const indicator = {
  indicatorId: 7,
  code: 'EP',
  name: '企业职工养老',
  kind: 'count',
  unit: 'person',
  total: { ...row(99, 0, 'behind', 0.49, '49.0'), actual: '49' },
  rows: [
    row(1, 3, 'ahead', 1.02, '102.0'),
    row(2, 1, 'ahead', 0.62, '62.0'),
    row(3, 2, 'behind', 0.3, '30.0'),
    row(4, 4, 'zero', 0, '0.0'),
    row(5, 5, 'on_track', 0.52, '52.0'),
  ],
  own: null,
};

describe('bulletin content (seed 004: ranking, praise, criticism)', () => {
  const say = { date: '2026-05-10', unitName: '市本级' };
  const s = bulletinSection(indicator, say);
  it('ranks by rank and splits praised, behind and zero', () => {
    expect(s.ranking.map((r) => r.unitId)).toEqual([2, 3, 1, 4, 5]);
    expect(s.praised.map((r) => r.unitId)).toEqual([2, 1]);
    expect(s.criticised.map((r) => r.unitId)).toEqual([3]);
    expect(s.zero.map((r) => r.unitId)).toEqual([4]);
  });

  it('names each praised or criticised unit once and tells its managers why', () => {
    const content = {
      title: '2026年扩面征缴双周进度通报',
      issuer: '市社会保险扩面征缴工作领导小组办公室',
      campaignName: '2026年扩面征缴',
      unitName: '市',
      date: '2026-05-10',
      expectedPct: '50.0',
      sections: [s, s],
    };
    expect(namedUnits(content)).toEqual([2, 1, 3, 4]);
    // U2 has managers 21 and 22, U3 has 31, U1 and U4 none: three notices, U2's with one line per section
    const notices = bulletinNotices(
      content,
      { id: 42, issueNo: 3 },
      new Map([
        [2, [21, 22]],
        [3, [31]],
      ]),
    );
    expect(notices.map((n) => [n.recipientUserId, n.dedupeKey])).toEqual([
      [21, 'bulletin-42-21'],
      [22, 'bulletin-42-22'],
      [31, 'bulletin-42-31'],
    ]);
    expect(notices[0].subject).toBe('2026年扩面征缴双周进度通报（第3期，2026-05-10）');
    expect(notices[0].body).toBe('企业职工养老：表扬（完成 62.0%，序时进度 50.0%）\n企业职工养老：表扬（完成 62.0%，序时进度 50.0%）');
    expect(notices[2].body.split('\n')[0]).toBe('企业职工养老：批评：落后序时进度（完成 30.0%，序时进度 50.0%）');
  });

  it('labels units of measure', () => {
    expect([unitLabel('yuan'), unitLabel('percent'), unitLabel('person'), unitLabel(null)]).toEqual(['元', '%', '人', '人']);
  });
});

describe('bulletin sentences (seed 003 通报表扬 / 通报批评, seed 000 零完成)', () => {
  const say = { date: '2026-05-10', unitName: '市本级' };
  const section = (over: Partial<typeof indicator>) => bulletinSection({ ...indicator, ...over }, say);

  it('says the figure, then praise (done, then ahead) and criticism (behind, then zero) in rank order', () => {
    // ranking 2, 3, 1, 4, 5: U1 at 102 % is done, U2 at 62 % ahead; U3 behind, U4 zero; U5 on track is not named
    expect(section({}).sentences).toEqual([
      '截至2026年5月10日，市本级企业职工养老完成49人，目标任务100人，完成进度49.0%，序时进度50.0%。',
      '单位1已完成目标任务，单位2完成进度超过序时进度，予以表扬；单位3落后序时进度，单位4零完成，予以通报批评。',
    ]);
  });

  it('praises only, criticises only, or says everyone keeps pace', () => {
    const [, , , , onTrack] = indicator.rows;
    expect(section({ rows: [indicator.rows[1], onTrack] }).sentences[1]).toBe('单位2完成进度超过序时进度，予以表扬。');
    expect(section({ rows: [indicator.rows[3], indicator.rows[2]] }).sentences[1]).toBe('单位3落后序时进度，单位4零完成，予以通报批评。');
    expect(section({ rows: [onTrack] }).sentences[1]).toBe('各单位完成进度与序时进度基本持平。');
    expect(section({ rows: [row(6, 1, null, null, null), row(7, 2, null, null, null)] }).sentences[1]).toBe('各单位暂无完成进度。');
    // no child unit: the figure only
    expect(section({ rows: [] }).sentences).toEqual(['截至2026年5月10日，市本级企业职工养老完成49人，目标任务100人，完成进度49.0%，序时进度50.0%。']);
  });

  it('names several units with 、', () => {
    const behind = [row(6, 1, 'behind', 0.4, '40.0'), row(7, 2, 'behind', 0.3, '30.0'), row(8, 3, 'behind', 0.2, '20.0')];
    expect(section({ rows: behind }).sentences[1]).toBe('单位6、单位7、单位8落后序时进度，予以通报批评。');
  });

  it('writes a ratio as a rate against its target, yuan with two decimals, and a unit without a target by its figure only', () => {
    // ratio: 0.96124 -> 96.1 % of persons insured; target 98.50 -> 98.5 %
    const ratio = { ...row(99, 0, 'behind', 0.9759, '97.6'), target: '98.50', actual: '961240', denominator: '1000000', value: 0.96124 };
    expect(bulletinSentences({ ...section({ rows: [] }), kind: 'ratio', unit: 'percent', name: '基本医疗保险参保率', total: ratio }, say)).toEqual([
      '截至2026年5月10日，市本级基本医疗保险参保率为96.1%（目标98.5%），完成进度97.6%，序时进度50.0%。',
    ]);
    // two units below reported a rate alone: the figure is of the others, and says so
    expect(bulletinSentences({ ...section({ rows: [] }), kind: 'ratio', unit: 'percent', name: '参保率', total: { ...ratio, rateOnlyBelow: 2 } }, say)[0]).toBe(
      '截至2026年5月10日，市本级参保率为96.1%（目标98.5%），完成进度97.6%，序时进度50.0%（另有2个单位按比率填报，未计入）。',
    );
    const unreported = { ...ratio, actual: '0', denominator: null, value: null, rate: null, ratePct: null };
    expect(bulletinSentences({ ...section({ rows: [] }), kind: 'ratio', unit: 'percent', name: '参保率', total: unreported }, say)[0]).toBe(
      '截至2026年5月10日，市本级参保率暂无上报数（目标98.5%），序时进度50.0%。',
    );
    const yuan = { ...row(99, 0, 'behind', 0.617275, '61.7'), target: '20000.00', actual: '12345.5' };
    expect(bulletinSentences({ ...section({ rows: [] }), kind: 'amount', unit: 'yuan', name: '征缴收入', total: yuan }, say)[0]).toBe(
      '截至2026年5月10日，市本级征缴收入完成12345.50元，目标任务20000.00元，完成进度61.7%，序时进度50.0%。',
    );
    const untargeted = { ...row(99, 0, null, null, null), target: null, actual: '12' };
    expect(bulletinSentences({ ...section({ rows: [] }), total: untargeted }, say)[0]).toBe('截至2026年5月10日，市本级企业职工养老完成12人，序时进度50.0%。');
  });

  it('titles, numbers and signs a bulletin as the offices do', () => {
    expect(bulletinTitle('2026年扩面征缴', 'quarterly')).toBe('2026年扩面征缴季度进度通报');
    expect(bulletinTitle('2026年扩面征缴', 'biweekly')).toBe('2026年扩面征缴双周进度通报');
    expect(issueLabel(12)).toBe('第12期');
    expect(issuerName('天津市')).toBe('天津市社会保险扩面征缴工作领导小组办公室');
    expect([chineseDate('2024-02-29'), chineseDate('2026-10-01')]).toEqual(['2024年2月29日', '2026年10月1日']);
  });
});

describe('unreportedSentence', () => {
  const unit = (name: string, ...indicators: string[]) => ({ unitId: 1, code: name, name, lastReportOn: null, indicators });
  const base = { cadence: 'monthly' as const, periodStart: '2026-07-01', periodEnd: '2026-07-31', expectedUnits: 4 };

  it('names the units that had not reported with their indicators, or says all did', () => {
    expect(unreportedSentence({ ...base, total: 1, units: [unit('汉沽区', '企业职工养老保险缴费人数')] })).toBe(
      '本期（2026年7月1日至7月31日）应报送进度的4个单位中，汉沽区（企业职工养老保险缴费人数）1个单位未报送，请抓紧报送。',
    );
    expect(unreportedSentence({ ...base, total: 0, units: [] })).toBe('本期（2026年7月1日至7月31日）应报送进度的4个单位均已报送。');
  });

  it('names the first ones of many with 等, and writes a period across the year end in full', () => {
    const u = {
      ...base,
      periodStart: '2026-12-21',
      periodEnd: '2027-01-03',
      expectedUnits: 30,
      total: 12,
      units: [unit('甲', 'A'), unit('乙', 'A', 'B'), unit('丙', 'B')],
    };
    expect(unreportedSentence(u, 2)).toBe('本期（2026年12月21日至2027年1月3日）应报送进度的30个单位中，甲（A）、乙（A、B）等12个单位未报送，请抓紧报送。');
  });
});
