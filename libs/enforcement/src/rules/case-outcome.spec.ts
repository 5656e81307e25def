import { DomainError } from '#core';
import { outcomeEvent } from './case-outcome';

const TODAY = '2026-09-15';
const none = { findings: null, deadline: null, enrolled_count: null, amount: null, reason: null };

/** The field a rejected outcome names (the 400's fields[0].field). */
function rejectedField(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return (e as DomainError).fields[0].field;
  }
  throw new Error('not rejected');
}

describe('case outcomes: the checks an outcome passes and the event it records', () => {
  it('a visit needs its findings', () => {
    expect(outcomeEvent({ kind: 'visited', findings: '花名册不符' }, TODAY, 15)).toEqual({ ...none, findings: '花名册不符' });
    expect(rejectedField(() => outcomeEvent({ kind: 'visited' }, TODAY, 15))).toBe('findings');
  });

  it('a rectification order defaults to today + the campaign days and must end after today', () => {
    // 2026-09-15 + 15 days = 2026-09-30
    expect(outcomeEvent({ kind: 'rectification_ordered' }, TODAY, 15)).toEqual({ ...none, deadline: '2026-09-30' });
    // 2026-09-15 + 17 days crosses into October: 2026-10-02
    expect(outcomeEvent({ kind: 'rectification_ordered', findings: '下达指令书' }, TODAY, 17)).toEqual({
      ...none,
      deadline: '2026-10-02',
      findings: '下达指令书',
    });
    expect(outcomeEvent({ kind: 'rectification_ordered', deadline: '2026-09-16' }, TODAY, 15).deadline).toBe('2026-09-16');
    expect(rejectedField(() => outcomeEvent({ kind: 'rectification_ordered', deadline: TODAY }, TODAY, 15))).toBe('deadline');
    expect(() => outcomeEvent({ kind: 'rectification_ordered', deadline: '2026-09-14' }, TODAY, 15)).toThrow(
      'deadline: 限期改正的期限须晚于今天（2026-09-15）（the rectification deadline must be after today (2026-09-15)）',
    );
  });

  it('rectified needs the number enrolled (0 is a number), penalised the amount, closed the reason', () => {
    expect(outcomeEvent({ kind: 'rectified', enrolledCount: 0 }, TODAY, 15)).toEqual({ ...none, enrolled_count: 0 });
    expect(rejectedField(() => outcomeEvent({ kind: 'rectified' }, TODAY, 15))).toBe('enrolledCount');
    expect(outcomeEvent({ kind: 'penalised', amount: 2000, findings: '逾期' }, TODAY, 15)).toEqual({ ...none, amount: 2000, findings: '逾期' });
    expect(rejectedField(() => outcomeEvent({ kind: 'penalised' }, TODAY, 15))).toBe('amount');
    expect(outcomeEvent({ kind: 'closed', reason: '企业注销' }, TODAY, 15)).toEqual({ ...none, reason: '企业注销' });
    expect(rejectedField(() => outcomeEvent({ kind: 'closed', reason: '' }, TODAY, 15))).toBe('reason');
  });

  it('a referral to the tax office needs nothing; the fields of other kinds are not carried', () => {
    expect(outcomeEvent({ kind: 'referred_to_tax' }, TODAY, 15)).toEqual(none);
    expect(outcomeEvent({ kind: 'closed', reason: '企业注销', findings: 'x', amount: 5 }, TODAY, 15)).toEqual({ ...none, reason: '企业注销' });
  });
});
