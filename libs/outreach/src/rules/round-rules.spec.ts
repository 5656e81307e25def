import { missingRoundValue } from './round-values';
import { roundTotals } from './round-totals';

describe('missingRoundValue', () => {
  const all = ['name', 'amount', 'deadline', 'officePhone'];

  it('names the first variable without a value: amount, then deadline, then office phone', () => {
    expect(missingRoundValue('reminder.lapsed', all, {})).toEqual({
      field: 'amount',
      message: '通知模板 reminder.lapsed 用到了 {{amount}}，请填写金额（template reminder.lapsed uses {{amount}}: give the amount）',
    });
    expect(missingRoundValue('reminder.lapsed', all, { amount: 0 })).toEqual({
      field: 'deadline',
      message: '通知模板 reminder.lapsed 用到了 {{deadline}}，请填写截止日期（template reminder.lapsed uses {{deadline}}: give the deadline）',
    });
    expect(missingRoundValue('k.x', all, { amount: 3600, deadline: '2026-03-31', officePhone: '' })).toEqual({
      field: 'officePhone',
      message: '通知模板 k.x 用到了 {{officePhone}}，请填写办公室电话（template k.x uses {{officePhone}}: give the office phone）',
    });
  });

  it('asks only for what the template uses; an amount of 0 is a value', () => {
    expect(missingRoundValue('k.x', all, { amount: 0, deadline: '2026-03-31', officePhone: '0571-88886666' })).toBeNull();
    expect(missingRoundValue('k.x', ['name'], {})).toBeNull();
    expect(missingRoundValue('k.x', ['name', 'deadline'], { amount: undefined, deadline: '2026-03-31' })).toBeNull();
  });
});

describe('roundTotals', () => {
  it('lists every state, 0 when it has no message, and sums them', () => {
    // 3 delivered + 1 failed + 2 queued = 6
    expect(
      roundTotals([
        { state: 'delivered', n: 3 },
        { state: 'failed', n: 1 },
        { state: 'queued', n: 2 },
      ]),
    ).toEqual({ queued: 2, sending: 0, sent: 0, delivered: 3, failed: 1, skipped: 0, total: 6 });
    expect(roundTotals([])).toEqual({ queued: 0, sending: 0, sent: 0, delivered: 0, failed: 0, skipped: 0, total: 0 });
  });
});
