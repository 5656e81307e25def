import { bulletinDatesDue } from './bulletin-schedule';
import { Exact } from './exact';
import { expectedRate } from './expected-rate';
import { incentiveFor } from './incentives';
import { rank } from './ranking';
import { reportProblem } from './report-rules';
import { completionRate, percent1, percent2, rollup } from './rollup';
import { progressStatus } from './status';

const E = (v: string | number) => Exact.of(v);

describe('ranking rates with two decimals (seed 002 annex 5)', () => {
  it('prints the annex figures exactly', () => {
    // 武清 17028/10000 = 1.7028 -> 170.28 ; 静海 3773/8000 = 0.4716250 -> 47.16 ;
    // 宝坻 2138/78500 = 0.0272356 -> 2.72 ; 宁河 0/4000 -> 0.00 ; 合计 88468/450000 = 0.1965955... -> 19.66
    expect(percent2(completionRate(E(17028), 10000))).toBe('170.28');
    expect(percent2(completionRate(E(3773), 8000))).toBe('47.16');
    expect(percent2(completionRate(E(2138), 78500))).toBe('2.72');
    expect(percent2(completionRate(E(0), 4000))).toBe('0.00');
    expect(percent2(completionRate(E(88468), 450000))).toBe('19.66');
    // a tie at the third decimal rounds up: 1/8 = 12.5 % ; 1/16 = 6.25 % ; 1/160 = 0.625 % -> 0.63
    expect(percent2(completionRate(E(1), 160))).toBe('0.63');
  });
});

describe('rollup and completion rate (seed 002 annex 3)', () => {
  it('Tianjin total 2 727 334 / 2 891 437 = 94.3 %', () => {
    // 2727334 / 2891437 = 0.94324517... -> 94.324... -> 94.3
    const r = completionRate(E(2727334), 2891437);
    expect(percent1(r)).toBe('94.3');
    expect(r!.toDecimalString(6)).toBe('0.943245');
  });
  it('Wuqing 129 703 / 129 499 = 100.2 % and Hangu 31 629 / 36 832 = 85.9 %', () => {
    // 129703 / 129499 = 1.0015753 -> 100.2 ; 31629 / 36832 = 0.8587369 -> 85.9
    expect(percent1(completionRate(E(129703), 129499))).toBe('100.2');
    expect(percent1(completionRate(E(31629), 36832))).toBe('85.9');
  });
  it('sums counts exactly up the tree', () => {
    // Wuqing + Hangu: 129703 + 31629 = 161332 ; 129499 + 36832 = 166331 ; 161332/166331 = 0.96994... -> 97.0
    const up = rollup('count', [{ actual: 129703 }, { actual: '31629' }]);
    expect(up.actual.toDecimalString()).toBe('161332');
    expect(up.denominator).toBeNull();
    expect(percent1(completionRate(up.value, 166331))).toBe('97.0');
  });
  it('sums amounts with cents exactly', () => {
    // 0.1 + 0.2 = 0.3 exactly (not 0.30000000000000004)
    expect(rollup('amount', [{ actual: '0.1' }, { actual: '0.2' }]).actual.toDecimalString()).toBe('0.3');
  });
  it('rolls a ratio up as sum of numerators over sum of denominators, never an average of rates', () => {
    // V1 9/10 = 90 %, V2 500/1000 = 50 %: (9+500)/(10+1000) = 509/1010 = 0.5039603... (the average would be 70 %)
    const up = rollup('ratio', [
      { actual: 9, denominator: 10 },
      { actual: 500, denominator: 1000 },
    ]);
    expect(up.actual.toDecimalString()).toBe('509');
    expect(up.denominator!.toDecimalString()).toBe('1010');
    expect(percent1(up.value)).toBe('50.4');
    // against a 98.5 % coverage target: 0.5039603 / 0.985 = 0.5116349 -> 51.2
    expect(percent1(completionRate(up.value, '0.985'))).toBe('51.2');
  });
  it('has no ratio value without a denominator and no rate without a positive target', () => {
    expect(rollup('ratio', []).value).toBeNull();
    expect(completionRate(E(5), 0)).toBeNull();
    expect(completionRate(E(5), null)).toBeNull();
    expect(percent1(null)).toBeNull();
  });
  it('rounds half-up on exact ties where binary floats would not', () => {
    // 245/2000 = 12.25 % -> 12.3 (toFixed gives 12.2) ; 2001/2000 = 100.05 % -> 100.1 (toFixed gives 100.0)
    expect(percent1(completionRate(E(245), 2000))).toBe('12.3');
    expect(percent1(completionRate(E(2001), 2000))).toBe('100.1');
    expect(percent1(completionRate(E(0), 2000))).toBe('0.0');
  });
});

describe('expected rate from cumulative milestones (seed 000: Q1 25 %, Q2 50 %, Q3 75 %, Q4 100 %)', () => {
  const ms = [
    { due: '2026-06-30', rate: 0.5 },
    { due: '2026-03-31', rate: 0.25 },
    { due: '2026-09-30', rate: 0.75 },
    { due: '2026-12-31', rate: 1 },
  ];
  it('steps: the last milestone due on or before the date', () => {
    expect(expectedRate(ms, '2026-03-30').toDecimalString()).toBe('0');
    expect(expectedRate(ms, '2026-03-31').toDecimalString()).toBe('0.25');
    expect(expectedRate(ms, '2026-05-15').toDecimalString()).toBe('0.25');
    expect(expectedRate(ms, '2026-12-31').toDecimalString()).toBe('1');
    expect(expectedRate(ms, '2027-02-01').toDecimalString()).toBe('1');
  });
  it('interpolates linearly between milestones from the campaign start', () => {
    // 1 Jan -> 15 Feb = 45 days of 89 (1 Jan -> 31 Mar): 0.25 * 45/89 = 0.1264044... -> 12.6
    expect(percent1(expectedRate(ms, '2026-02-15', 'linear', '2026-01-01'))).toBe('12.6');
    // 31 Mar -> 15 May = 45 days of 91: 0.25 + 0.25 * 45/91 = 0.3736263... -> 37.4
    expect(percent1(expectedRate(ms, '2026-05-15', 'linear', '2026-01-01'))).toBe('37.4');
    expect(expectedRate(ms, '2026-06-30', 'linear', '2026-01-01').toDecimalString()).toBe('0.5');
    expect(expectedRate(ms, '2025-12-01', 'linear', '2026-01-01').toDecimalString()).toBe('0');
  });
});

describe('status against the expected rate', () => {
  const exp = E('0.5');
  it('is zero, behind, on track, ahead or no plan', () => {
    expect(progressStatus(E(0), E(0), exp)).toBe('zero');
    expect(progressStatus(E(49), E('0.49'), exp)).toBe('behind');
    expect(progressStatus(E(50), E('0.5'), exp)).toBe('on_track');
    expect(progressStatus(E(54), E('0.54'), exp)).toBe('on_track');
    // 0.55 = expected + 5 points band
    expect(progressStatus(E(55), E('0.55'), exp)).toBe('ahead');
    // completed is ahead even when the expected rate is 100 %
    expect(progressStatus(E(100), E(1), E(1))).toBe('ahead');
    expect(progressStatus(E(5), null, exp)).toBeNull();
    // no plan (seed 002 annex 5, 汉沽 388 without a target): a state of its own, whatever was done
    expect(progressStatus(E(388), null, exp, '0.05', false)).toBe('no_plan');
    expect(progressStatus(E(0), null, exp, '0.05', false)).toBe('no_plan');
  });
});

describe('ranking (seed 002 annex 5)', () => {
  it('ranks by completion rate, then actual, then code, 1..n without gaps; units without a plan get no rank', () => {
    const row = (code: string, actual: number, target: number | null) => ({
      code,
      actual: E(actual),
      rate: target ? E(actual).div(target) : null,
      planned: target !== null,
    });
    const ranked = rank([
      row('静海', 3773, 8000), // 47.16 %
      row('汉沽', 388, null),
      row('武清', 17028, 10000), // 170.28 %
      row('西青', 12126, 27000), // 44.91 %
      row('大港', 2237, null),
      row('T-B', 100, 200), // 50 %, higher actual than T-A
      row('T-A', 50, 100), // 50 %
      row('T-C', 50, 100), // 50 %, same as T-A: code decides
    ]);
    expect(ranked.map((r) => `${r.rank}:${r.code}`)).toEqual(['1:武清', '2:T-B', '3:T-A', '4:T-C', '5:静海', '6:西青', 'null:大港', 'null:汉沽']);
  });

  it('ranks a unit with a plan but no rate last, with a rank', () => {
    // a ratio without a denominator has a plan and no rate: last, but ranked
    const ranked = rank([
      { code: 'A', actual: null, rate: null },
      { code: 'B', actual: E(1), rate: E('0.1') },
    ]);
    expect(ranked.map((r) => `${r.rank}:${r.code}`)).toEqual(['1:B', '2:A']);
  });
});

describe('rewards and penalties (DOMAIN.md section 9)', () => {
  const s = { A: 80, B: 60, X: 20, Y: 30, Z: 10 };
  const at = (actual: number, target = 100) => {
    const o = incentiveFor(s, E(actual), E(target), E(actual).div(target));
    return { tier: o.tier, reward: o.reward.toDecimalString(), deduction: o.deduction.toDecimalString(), criticism: o.criticism, talk: o.talk };
  };
  it('pays Y per enrolee at 100 % or more, X from A % up to 100 %', () => {
    expect(at(120)).toEqual({ tier: 'full', reward: '3600', deduction: '0', criticism: false, talk: false }); // 30 x 120
    expect(at(100)).toEqual({ tier: 'full', reward: '3000', deduction: '0', criticism: false, talk: false }); // 30 x 100
    expect(at(99)).toEqual({ tier: 'partial', reward: '1980', deduction: '0', criticism: false, talk: false }); // 20 x 99
    expect(at(80)).toEqual({ tier: 'partial', reward: '1600', deduction: '0', criticism: false, talk: false }); // A inclusive
  });
  it('pays nothing between B and A, criticises below B (exclusive), deducts Z per target at zero', () => {
    expect(at(79)).toMatchObject({ tier: 'none', reward: '0', criticism: false });
    expect(at(60)).toMatchObject({ tier: 'none', reward: '0', criticism: false }); // exactly B: not criticised
    expect(at(59)).toEqual({ tier: 'criticised', reward: '0', deduction: '0', criticism: true, talk: true });
    const zero = incentiveFor(s, E(0), E(250), E(0));
    expect(zero).toMatchObject({ tier: 'zero', criticism: true, admonition: true, writtenExplanation: true });
    expect(zero.deduction.toDecimalString()).toBe('2500'); // 10 x 250
  });
  it('neither criticises nor deducts a share of 0, and pays in full whoever it mobilised anyway', () => {
    // target 0: before, a null rate read as zero completion: criticism, admonition and Z x 0 deducted
    const idle = incentiveFor(s, E(0), E(0), null);
    expect([idle.tier, idle.reward.toDecimalString(), idle.deduction.toDecimalString(), idle.criticism]).toEqual(['none', '0', '0', false]);
    const keen = incentiveFor(s, E(4), E(0), null); // 4 mobilised: 4 x Y(30) = 120
    expect([keen.tier, keen.reward.toDecimalString(), keen.criticism]).toEqual(['full', '120', false]);
  });
  it('decides the tier by the figure and pays only the enrolees the line mobilised itself', () => {
    // a town at 700 / 600 (full) whose villages mobilised 650 of them: 30 x 50 = 1500, not 30 x 700
    const o = incentiveFor(s, E(700), E(600), E(700).div(600), E(50));
    expect([o.tier, o.reward.toDecimalString()]).toEqual(['full', '1500']);
  });
});

describe('bulletin due dates', () => {
  it('biweekly: every 14 days after the start', () => {
    expect(bulletinDatesDue('biweekly', '2026-01-01', '2026-12-31', '2026-02-15')).toEqual(['2026-01-15', '2026-01-29', '2026-02-12']);
  });
  it('monthly: month ends, February included', () => {
    expect(bulletinDatesDue('monthly', '2026-01-10', '2026-12-31', '2026-03-31')).toEqual(['2026-01-31', '2026-02-28', '2026-03-31']);
  });
  it('quarterly: quarter ends, never past the campaign end', () => {
    expect(bulletinDatesDue('quarterly', '2026-01-01', '2026-12-31', '2027-03-31')).toEqual(['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31']);
    expect(bulletinDatesDue('quarterly', '2026-01-01', '2026-08-15', '2027-03-31')).toEqual(['2026-03-31', '2026-06-30']);
  });
});

describe('report acceptance', () => {
  const ctx = {
    kind: 'count' as const,
    today: '2026-05-10',
    campaignStart: '2026-01-01',
    previous: { asOf: '2026-04-30', actual: '120' },
    sameDateExists: false,
  };
  it('accepts a cumulative report that does not go down', () => {
    expect(reportProblem({ asOf: '2026-05-10', actual: '130' }, ctx)).toBeNull();
  });
  it('refuses future, before start, negative, lower without reason, correction without reason', () => {
    expect(reportProblem({ asOf: '2026-05-11', actual: '130' }, ctx)?.field).toBe('asOf');
    expect(reportProblem({ asOf: '2025-12-31', actual: '130' }, ctx)?.field).toBe('asOf');
    expect(reportProblem({ asOf: '2026-05-10', actual: '-1' }, ctx)?.field).toBe('actual');
    expect(reportProblem({ asOf: '2026-05-10', actual: '119' }, ctx)).toEqual({
      field: 'actual',
      message: 'is lower than the 2026-04-30 value 120: give a correction reason',
      zh: '低于 2026-04-30 的上报数 120，须填写更正原因',
    });
    expect(reportProblem({ asOf: '2026-05-10', actual: '119', reason: '重复统计' }, ctx)).toBeNull();
    expect(reportProblem({ asOf: '2026-05-10', actual: '140' }, { ...ctx, sameDateExists: true })?.field).toBe('reason');
  });
  it('keeps a backdated report between its neighbours: not above a later date already reported', () => {
    // 30 Apr 120 and 10 May 150 exist; a report for 5 May must lie in [120, 150]
    const between = { ...ctx, next: { asOf: '2026-05-10', actual: '150' } };
    expect(reportProblem({ asOf: '2026-05-05', actual: '150' }, between)).toBeNull();
    expect(reportProblem({ asOf: '2026-05-05', actual: '120' }, between)).toBeNull();
    expect(reportProblem({ asOf: '2026-05-05', actual: '151' }, between)).toEqual({
      field: 'actual',
      message: 'is higher than the 2026-05-10 value 150 already reported for a later date (figures are cumulative): give a correction reason',
      zh: '高于之后 2026-05-10 已上报的 150（上报数为累计数），须填写更正原因',
    });
    expect(reportProblem({ asOf: '2026-05-05', actual: '151', reason: '5月10日漏报1人' }, between)).toBeNull();
    expect(reportProblem({ asOf: '2026-05-05', actual: '119' }, between)?.message).toBe('is lower than the 2026-04-30 value 120: give a correction reason');
  });
  it('refuses a report on a task split further, saying over what', () => {
    expect(reportProblem({ asOf: '2026-05-10', actual: '130' }, { ...ctx, split: { units: 2, cadres: 0 } })).toEqual({
      field: 'taskId',
      message: 'this task is split over 2 sub-units; its figure is the sum of theirs: report on their tasks instead',
      zh: '该任务已分解到 2 个下级单位，完成数为其合计：请在分解后的任务上上报',
    });
    expect(reportProblem({ asOf: '2026-05-10', actual: '130' }, { ...ctx, split: { units: 1, cadres: 3 } })?.message).toBe(
      'this task is split over 1 sub-unit and 3 cadres; its figure is the sum of theirs: report on their tasks instead',
    );
    expect(reportProblem({ asOf: '2026-05-10', actual: '130' }, { ...ctx, split: { units: 1, cadres: 3 } })?.zh).toBe(
      '该任务已分解到 1 个下级单位、3 名干部，完成数为其合计：请在分解后的任务上上报',
    );
    expect(reportProblem({ asOf: '2026-05-10', actual: '130' }, { ...ctx, split: { units: 0, cadres: 0 } })).toBeNull();
  });
  it('needs a denominator for a ratio and only for a ratio', () => {
    const r = { ...ctx, kind: 'ratio' as const, previous: null };
    expect(reportProblem({ asOf: '2026-05-10', actual: '9' }, r)?.field).toBe('denominator');
    expect(reportProblem({ asOf: '2026-05-10', actual: '11', denominator: '10' }, r)?.field).toBe('actual');
    expect(reportProblem({ asOf: '2026-05-10', actual: '9', denominator: '10' }, r)).toBeNull();
    expect(reportProblem({ asOf: '2026-05-10', actual: '9', denominator: '10' }, ctx)?.field).toBe('denominator');
  });
});

describe('a ratio reported as a rate only (issue 17 point 6)', () => {
  const ratio = { kind: 'ratio' as const, today: '2026-05-10', campaignStart: '2026-01-01', previous: null, sameDateExists: false };
  it('accepts a rate between 0 and 100 alone, after figures or before them, without comparing it with them', () => {
    expect(reportProblem({ asOf: '2026-05-10', rate: '98.5' }, ratio)).toBeNull();
    // 0 after 970 of 1000 would be "lower" for a figure; a rate holds no figure
    expect(reportProblem({ asOf: '2026-05-10', rate: '95' }, { ...ratio, previous: { asOf: '2026-04-30', actual: '970' } })).toBeNull();
    // a numerator after a rate-only report (actual stored 0) or before one is not compared with its 0
    expect(
      reportProblem({ asOf: '2026-04-20', actual: '900', denominator: '1000' }, { ...ratio, next: { asOf: '2026-04-30', actual: '0', rateOnly: true } }),
    ).toBeNull();
  });
  it('refuses a rate for a count, out of 0..100, beside a figure, and a second one for the date without a reason', () => {
    expect(reportProblem({ asOf: '2026-05-10', rate: '98.5' }, { ...ratio, kind: 'count' })).toEqual({
      field: 'rate',
      message: 'only a ratio indicator is reported as a rate',
      zh: '只有比率类指标可以按比率填报',
    });
    expect(reportProblem({ asOf: '2026-05-10', rate: '100.1' }, ratio)?.zh).toBe('比率须在 0 至 100 之间（单位 %）');
    expect(reportProblem({ asOf: '2026-05-10', rate: '-0.1' }, ratio)?.field).toBe('rate');
    expect(reportProblem({ asOf: '2026-05-10', rate: '98.5', denominator: '1000' }, ratio)?.zh).toBe(
      '按比率填报时不填分子、分母：请只填比率，或只填分子和分母',
    );
    expect(reportProblem({ asOf: '2026-05-10', rate: '98.5' }, { ...ratio, sameDateExists: true })?.field).toBe('reason');
    expect(reportProblem({ asOf: '2026-05-10', rate: '98.5', reason: '按医保系统数据更正' }, { ...ratio, sameDateExists: true })).toBeNull();
    expect(reportProblem({ asOf: '2026-05-10' }, ratio)?.zh).toBe('须填写完成数（比率类指标也可只填比率）');
  });
});
