import { ProgressRow } from '../dto/dashboard.types';
import { bulletinNotices, bulletinSection, namedUnits, unitLabel } from './bulletin-content';

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
  total: row(99, 0, 'behind', 0.49, '49.0'),
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
  const s = bulletinSection(indicator);
  it('ranks by rank and splits praised, behind and zero', () => {
    expect(s.ranking.map((r) => r.unitId)).toEqual([2, 3, 1, 4, 5]);
    expect(s.praised.map((r) => r.unitId)).toEqual([2, 1]);
    expect(s.criticised.map((r) => r.unitId)).toEqual([3]);
    expect(s.zero.map((r) => r.unitId)).toEqual([4]);
  });

  it('names each praised or criticised unit once and tells its managers why', () => {
    const content = { campaignName: '2026年扩面征缴', unitName: '市', date: '2026-05-10', expectedPct: '50.0', sections: [s, s] };
    expect(namedUnits(content)).toEqual([2, 1, 3, 4]);
    // U2 has managers 21 and 22, U3 has 31, U1 and U4 none: three notices, U2's with one line per section
    const notices = bulletinNotices(
      content,
      42,
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
    expect(notices[0].subject).toBe('2026年扩面征缴 2026-05-10 进度通报');
    expect(notices[0].body).toBe('企业职工养老：表扬（完成 62.0%，序时进度 50.0%）\n企业职工养老：表扬（完成 62.0%，序时进度 50.0%）');
    expect(notices[2].body.split('\n')[0]).toBe('企业职工养老：批评：落后序时进度（完成 30.0%，序时进度 50.0%）');
  });

  it('labels units of measure', () => {
    expect([unitLabel('yuan'), unitLabel('percent'), unitLabel('person'), unitLabel(null)]).toEqual(['元', '%', '人', '人']);
  });
});
