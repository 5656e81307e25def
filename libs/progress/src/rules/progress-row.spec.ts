import { Exact } from './exact';
import { exactRate, figure, progressRow } from './progress-row';

const COUNT = { id: 1, code: 'EP-NEW', name: '新增参保人数', kind: 'count' as const, unit: 'person' };
const RATIO = { id: 2, code: 'MED-COV', name: '参保率', kind: 'ratio' as const, unit: 'percent' };
const DH = { id: 7, code: 'DH', name: '东湖区' };
const E = (v: string | number) => Exact.of(v);

describe('a dashboard row', () => {
  it('measures a count against its target and the expected rate', () => {
    // 600 / 1000 = 0.6 -> 60.0 % ; expected 0.5 -> gap 0.1 (10.0 points) ; 0.6 >= 0.5 + 0.05: ahead
    expect(progressRow(COUNT, DH, { taskId: 3, target: '1000' }, { actual: '600', denominator: null }, E('0.5'), '0.05')).toEqual({
      unitId: 7,
      code: 'DH',
      name: '东湖区',
      taskId: 3,
      target: '1000',
      actual: '600',
      denominator: null,
      value: null,
      rateOnly: false,
      reportedRate: null,
      rateOnlyBelow: 0,
      rate: 0.6,
      ratePct: '60.0',
      expectedRate: 0.5,
      expectedPct: '50.0',
      gap: 0.1,
      gapPct: '10.0',
      status: 'ahead',
      rank: null,
    });
  });

  it('is on track inside the band and behind below the expected rate', () => {
    // 520 / 1000 = 0.52: at least 0.5, below 0.55 ; 499 / 1000 = 0.499 < 0.5, gap -0.001 -> -0.1 points
    expect(progressRow(COUNT, DH, { taskId: 3, target: '1000' }, { actual: '520', denominator: null }, E('0.5'), '0.05').status).toBe('on_track');
    const behind = progressRow(COUNT, DH, { taskId: 3, target: '1000' }, { actual: '499', denominator: null }, E('0.5'), '0.05');
    expect([behind.status, behind.gapPct]).toEqual(['behind', '-0.1']);
  });

  it('measures a ratio by numerator over denominator against a target in percent', () => {
    // 197 / 200 = 0.985 ; target 98.5 % = 0.985 -> rate 1 (100.0 %): ahead, done ; expected 0.75 -> gap 25.0 points
    const r = progressRow(RATIO, DH, { taskId: 4, target: '98.5' }, { actual: '197', denominator: '200' }, E('0.75'), '0.05');
    expect(r).toMatchObject({ actual: '197', denominator: '200', value: 0.985, rate: 1, ratePct: '100.0', gapPct: '25.0', status: 'ahead' });
  });

  it('has no rate for a ratio without a denominator, no plan for a unit without a task, and zero for nothing reported', () => {
    const noDenominator = progressRow(RATIO, DH, { taskId: 4, target: '98.5' }, { actual: '0', denominator: '0' }, E('0.25'), '0.05');
    expect(noDenominator).toMatchObject({ value: null, rate: null, ratePct: null, gap: null, gapPct: null, status: null });
    const noTask = progressRow(COUNT, DH, null, { actual: '40', denominator: null }, E('0.25'), '0.05');
    expect(noTask).toMatchObject({ taskId: null, target: null, actual: '40', rate: null, status: 'no_plan' });
    // no cell: nothing reported, 0 / 1000 = 0
    expect(progressRow(COUNT, DH, { taskId: 3, target: '1000' }, null, E('0.25'), '0.05')).toMatchObject({
      actual: '0',
      rate: 0,
      ratePct: '0.0',
      status: 'zero',
    });
  });
});

describe('what a ranking compares', () => {
  const row = (actual: string, denominator: string | null, target: string | null) =>
    progressRow(denominator === null ? COUNT : RATIO, DH, target === null ? null : { taskId: 1, target }, { actual, denominator }, E(0), '0.05');

  it('ranks by the exact rate', () => {
    // 250 / 1000 = 0.25 ; (197 / 200) / 0.985 = 1
    expect(exactRate(COUNT, row('250', null, '1000'))!.toDecimalString()).toBe('0.25');
    expect(exactRate(RATIO, row('197', '200', '98.5'))!.toDecimalString()).toBe('1');
    expect(exactRate(RATIO, row('5', '0', '98.5'))).toBeNull();
    expect(exactRate(COUNT, row('5', null, null))).toBeNull();
  });

  it('breaks ties by the figure: a count’s actual, a ratio’s value (0 without a denominator)', () => {
    expect(figure(COUNT, row('250', null, '1000')).toDecimalString()).toBe('250');
    // 197 / 200 = 0.985
    expect(figure(RATIO, row('197', '200', '98.5')).toDecimalString()).toBe('0.985');
    expect(figure(RATIO, row('5', '0', '98.5')).toDecimalString()).toBe('0');
  });
});

describe('a ratio reported as a rate only (issue 17 point 6)', () => {
  it("shows the unit's own rate against its target, counted nowhere else", () => {
    // 97 % of a 98.5 % target: 0.97 / 0.985 = 0.98477... -> 98.5 % ; expected 0.75 -> gap 0.23477 -> 23.5 points ; ahead
    const r = progressRow(RATIO, DH, { taskId: 4, target: '98.5' }, { actual: '0', denominator: '0', rate: '97' }, E('0.75'), '0.05');
    expect(r).toMatchObject({ actual: '0', denominator: '0', value: 0.97, rateOnly: true, reportedRate: '97', rateOnlyBelow: 0, ratePct: '98.5' });
    expect(r).toMatchObject({ gapPct: '23.5', status: 'ahead' });
    expect(exactRate(RATIO, r)!.toFixedHalfUp(6)).toBe('0.984772');
    expect(figure(RATIO, r).toDecimalString()).toBe('0.97');
  });

  it('a parent shows the rate of the known figures and counts the rate-only tasks it leaves out', () => {
    // known children 190 / 200 = 0.95 ; 0.95 / 0.985 = 0.96446... -> 96.4 % ; one child reported a rate only
    const r = progressRow(RATIO, DH, { taskId: 4, target: '98.5' }, { actual: '190', denominator: '200', rateOnlyBelow: 1 }, E('0.75'), '0.05');
    expect(r).toMatchObject({ value: 0.95, rateOnly: false, reportedRate: null, rateOnlyBelow: 1, ratePct: '96.4' });
    // only rate-only children: nothing known, no rate
    const none = progressRow(RATIO, DH, { taskId: 4, target: '98.5' }, { actual: '0', denominator: '0', rateOnlyBelow: 2 }, E('0.75'), '0.05');
    expect(none).toMatchObject({ value: null, rate: null, ratePct: null, rateOnlyBelow: 2 });
  });
});
