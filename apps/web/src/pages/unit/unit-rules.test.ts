import { describe, expect, it } from 'vitest';
import { batchOf, formFieldOf, messageOnRow, type ReportFormRow } from './report-rows';
import { countdown, daysLeft, expectedBy, milestoneSteps } from './task-progress';

describe('task countdown and milestones', () => {
  it('counts whole days to the deadline, overdue in red', () => {
    expect(daysLeft('2026-10-31', '2026-10-20')).toBe(11);
    expect(daysLeft('2026-03-01', '2026-02-28')).toBe(1);
    expect(countdown('2026-10-31', '2026-10-20', 'open')).toEqual({ text: '剩 11 天', tone: 'normal' });
    expect(countdown('2026-10-31', '2026-10-25', 'open')).toEqual({ text: '剩 6 天', tone: 'warning' });
    expect(countdown('2026-10-31', '2026-10-31', 'open')).toEqual({ text: '今天截止', tone: 'danger' });
    expect(countdown('2026-10-31', '2026-11-03', 'overdue')).toEqual({ text: '已逾期 3 天', tone: 'danger' });
    expect(countdown('2026-10-31', '2026-11-03', 'met')).toEqual({ text: '已完成', tone: 'done' });
  });

  it('judges each milestone up to the deadline against the figure', () => {
    // 1000 people: 25 % by 31 Mar is 250, 50 % by 30 Jun is 500, 75 % by 30 Sep is 750; the 31 Dec one is after the deadline
    const ms = [
      { dueOn: '2026-06-30', percent: '50.00' },
      { dueOn: '2026-03-31', percent: '25.00' },
      { dueOn: '2026-09-30', percent: '75.00' },
      { dueOn: '2026-12-31', percent: '100.00' },
    ];
    const task = { kind: 'count' as const, target: '1000.00', deadline: '2026-10-31' };
    expect(milestoneSteps(ms, task, '520', '2026-07-15')).toEqual([
      { dueOn: '2026-03-31', percent: '25.00', expected: '250.00', state: 'reached' },
      { dueOn: '2026-06-30', percent: '50.00', expected: '500.00', state: 'reached' },
      { dueOn: '2026-09-30', percent: '75.00', expected: '750.00', state: 'current' },
    ]);
    expect(milestoneSteps(ms, task, '240', '2026-07-15').map((s) => s.state)).toEqual(['missed', 'missed', 'current']);
    expect(milestoneSteps(ms, task, null, '2026-01-15').map((s) => s.state)).toEqual(['current', 'later', 'later']);
    // 333 × 33.33 % = 110.9889 → 110.99 (half up, two decimals)
    expect(expectedBy('count', '333', '33.33')).toBe('110.99');
    expect(expectedBy('ratio', '98.50', '25.00')).toBe('98.50');
  });
});

describe('the report form and the batch', () => {
  const rows: ReportFormRow[] = [
    { taskId: 11, kind: 'count', reportable: true, actual: 120 },
    { taskId: 12, kind: 'count', reportable: false, actual: 5 }, // split: never sent
    { taskId: 13, kind: 'ratio', reportable: true, actual: '90', denominator: '100', reason: '  ' },
    { taskId: 14, kind: 'count', reportable: true, actual: '' }, // left empty: not reported
    { taskId: 15, kind: 'amount', reportable: true, actual: '10.5', denominator: '3', reason: ' 补报 ' },
  ];

  it('sends only the filled, reportable rows, as strings, a denominator only for ratios', () => {
    expect(batchOf('2026-05-10', rows)).toEqual({
      body: {
        asOf: '2026-05-10',
        rows: [
          { taskId: 11, actual: '120' },
          { taskId: 13, actual: '90', denominator: '100' },
          { taskId: 15, actual: '10.5', reason: '补报' },
        ],
      },
      formIndex: [0, 2, 4],
    });
  });

  it("puts each bad row's error next to its own input", () => {
    const { formIndex } = batchOf('2026-05-10', rows);
    expect(formFieldOf('rows[1].denominator', formIndex)).toEqual(['rows', 2, 'denominator']);
    expect(formFieldOf('rows[2].actual', formIndex)).toEqual(['rows', 4, 'actual']);
    expect(formFieldOf('rows[0].taskId', formIndex)).toEqual(['rows', 0, 'actual']);
    expect(formFieldOf('rows[0].asOf', formIndex)).toEqual(['rows', 0, 'actual']);
    expect(formFieldOf('asOf', formIndex)).toEqual(['asOf']);
    expect(formFieldOf('rows[7].actual', formIndex)).toBeNull();
    expect(formFieldOf('rows', formIndex)).toBeNull();
  });

  it('sends a ratio with only its rate as a rate-only row (按比率填报), and a rate beside figures not at all', () => {
    const rated: ReportFormRow[] = [
      { taskId: 21, kind: 'ratio', reportable: true, rate: '98.5' },
      { taskId: 22, kind: 'ratio', reportable: true, actual: '90', denominator: '100', rate: '90' },
      { taskId: 23, kind: 'count', reportable: true, rate: '50' }, // a count has no rate: not sent
    ];
    expect(batchOf('2026-05-10', rated)).toEqual({
      body: {
        asOf: '2026-05-10',
        rows: [
          { taskId: 21, rate: '98.5' },
          { taskId: 22, actual: '90', denominator: '100' },
        ],
      },
      formIndex: [0, 1],
    });
    expect(formFieldOf('rows[0].rate', [0, 1])).toEqual(['rows', 0, 'rate']);
    expect(messageOnRow('第 2 行（单位V1）：分子不能大于分母 (numerator must not exceed the denominator)')).toBe(
      '分子不能大于分母 (numerator must not exceed the denominator)',
    );
    expect(messageOnRow('第 2 行：任务 9 不存在')).toBe('任务 9 不存在');
  });
});
