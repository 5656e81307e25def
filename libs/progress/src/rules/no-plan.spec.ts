import { Exact } from './exact';
import { exactRate, figure, planned, progressRow } from './progress-row';
import { byRank, rank } from './ranking';
import { percent2 } from './rollup';

// Seed 002 annex 5 (2015年建设项目农民工工伤保险完成情况表): 1-7月新增参保人数, 年度计划指标, 完成率. 汉沽 and 大港
// have no plan: blank plan and rate, no place in the ranking; their actuals still count in 合计.
const COUNT = { id: 1, code: 'WI-NEW', name: '建设项目农民工工伤保险新增参保人数', kind: 'count' as const, unit: 'person' };
const ANNEX5: [string, string, number, number | null][] = [
  ['TJ01', '武清', 17028, 10000],
  ['TJ02', '静海', 3773, 8000],
  ['TJ03', '西青', 12126, 27000],
  ['TJ04', '南开', 5626, 13000],
  ['TJ05', '津南', 7803, 19000],
  ['TJ06', '蓟县', 1560, 5500],
  ['TJ07', '东丽', 3564, 13500],
  ['TJ08', '河西', 7032, 29000],
  ['TJ09', '开发', 5057, 25000],
  ['TJ10', '北辰', 5900, 30500],
  ['TJ11', '高新', 1869, 10000],
  ['TJ12', '保税', 2169, 13000],
  ['TJ13', '河东', 1425, 10000],
  ['TJ14', '红桥', 1555, 16000],
  ['TJ15', '和平', 286, 3000],
  ['TJ16', '河北', 1837, 22000],
  ['TJ17', '塘沽', 5095, 113000],
  ['TJ18', '汉沽', 388, null],
  ['TJ19', '大港', 2237, null],
  ['TJ20', '宝坻', 2138, 78500],
  ['TJ21', '宁河', 0, 4000],
];
const expected = Exact.of('0.5');

function rows() {
  // shuffled, so that the order comes from the ranking and not from the input
  const input = [...ANNEX5]
    .reverse()
    .map(([code, name, actual, target], i) =>
      progressRow(
        COUNT,
        { id: i + 1, code, name },
        { taskId: 100 + i, target: target === null ? null : String(target) },
        { actual: String(actual), denominator: null },
        expected,
        '0.05',
      ),
    );
  const ranks = new Map(
    rank(input.map((r) => ({ code: r.code, rate: exactRate(COUNT, r), actual: figure(COUNT, r), planned: planned(r) }))).map((x) => [x.code, x.rank]),
  );
  return byRank(input.map((r) => ({ ...r, rank: ranks.get(r.code) ?? null })));
}

describe('no plan (seed 002 annex 5)', () => {
  it('reproduces the annex: 19 districts ranked 1..19 by rate, 汉沽 and 大港 unranked with blank plan and rate', () => {
    // 武清 17028/10000 = 170.28 % ... 宝坻 2138/78500 = 0.027235... -> 2.72 ; 宁河 0/4000 = 0.00
    const printed = rows().map((r) => [r.rank, r.name, r.actual, r.target, percent2(exactRate(COUNT, r)), r.status]);
    expect(printed).toEqual([
      [1, '武清', '17028', '10000', '170.28', 'ahead'],
      [2, '静海', '3773', '8000', '47.16', 'behind'], // 3773/8000 = 0.471625
      [3, '西青', '12126', '27000', '44.91', 'behind'], // 0.449111
      [4, '南开', '5626', '13000', '43.28', 'behind'], // 0.432769
      [5, '津南', '7803', '19000', '41.07', 'behind'], // 0.410684
      [6, '蓟县', '1560', '5500', '28.36', 'behind'], // 0.283636
      [7, '东丽', '3564', '13500', '26.40', 'behind'], // 0.264
      [8, '河西', '7032', '29000', '24.25', 'behind'], // 0.242483
      [9, '开发', '5057', '25000', '20.23', 'behind'], // 0.20228
      [10, '北辰', '5900', '30500', '19.34', 'behind'], // 0.193443
      [11, '高新', '1869', '10000', '18.69', 'behind'],
      [12, '保税', '2169', '13000', '16.68', 'behind'], // 0.166846
      [13, '河东', '1425', '10000', '14.25', 'behind'],
      [14, '红桥', '1555', '16000', '9.72', 'behind'], // 0.0971875
      [15, '和平', '286', '3000', '9.53', 'behind'], // 0.095333
      [16, '河北', '1837', '22000', '8.35', 'behind'], // 0.0835
      // the seed prints 6.83 here, which its own figures do not give: 5095/113000 = 0.0450885 -> 4.51 (and 合计 450000 needs
      // the 113000); the place is the same either way, between 河北 8.35 and 宝坻 2.72
      [17, '塘沽', '5095', '113000', '4.51', 'behind'],
      [18, '宝坻', '2138', '78500', '2.72', 'behind'],
      [19, '宁河', '0', '4000', '0.00', 'zero'],
      [null, '汉沽', '388', null, null, 'no_plan'],
      [null, '大港', '2237', null, null, 'no_plan'],
    ]);
  });

  it('leaves a unit without a plan blank: no rate, gap or rank, status no_plan, its actual kept', () => {
    const hangu = rows().find((r) => r.name === '汉沽')!;
    expect(hangu).toMatchObject({ target: null, actual: '388', rate: null, ratePct: null, gap: null, gapPct: null, status: 'no_plan', rank: null });
    // a unit that holds no task at all is the same
    const none = progressRow(COUNT, { id: 9, code: 'X', name: '无任务' }, null, { actual: '40', denominator: null }, expected, '0.05');
    expect(none).toMatchObject({ taskId: null, target: null, actual: '40', rate: null, status: 'no_plan' });
  });

  it('keeps a target of 0 a plan: ranked, no rate, status null', () => {
    // 0 is a plan of nothing (a share not given): it has no rate to divide by, but it is not "no plan"
    const zero = progressRow(COUNT, { id: 9, code: 'Z', name: '零目标' }, { taskId: 9, target: '0' }, { actual: '5', denominator: null }, expected, '0.05');
    expect(zero).toMatchObject({ target: '0', rate: null, status: null });
    expect(planned(zero)).toBe(true);
  });

  it('prints 合计 as the seed does: every actual over the planned targets only', () => {
    // actuals of all 21 districts, 汉沽 388 and 大港 2237 included: 88468 ; plans of the 19 others: 450000 ;
    // 88468 / 450000 = 0.196595... -> 19.66 % (without 汉沽 and 大港 it would be 85843 / 450000 = 19.08 %)
    const sumActual = ANNEX5.reduce((s, [, , a]) => s + a, 0);
    const sumPlan = ANNEX5.reduce((s, [, , , t]) => s + (t ?? 0), 0);
    expect([sumActual, sumPlan]).toEqual([88468, 450000]);
    const total = progressRow(
      COUNT,
      { id: 0, code: 'TJ', name: '合计' },
      { taskId: 1, target: '450000' },
      { actual: '88468', denominator: null },
      expected,
      '0.05',
    );
    expect([total.actual, total.target, percent2(exactRate(COUNT, total)), total.rank]).toEqual(['88468', '450000', '19.66', null]);
  });
});
