import { describe, expect, it } from 'vitest';
import { OUTCOME_FIELDS, outcomeBody } from './case-labels';

describe('outcome forms', () => {
  it('asks each outcome for what the API requires of it', () => {
    const required = Object.fromEntries(Object.entries(OUTCOME_FIELDS).map(([k, fs]) => [k, fs.filter((f) => f.required).map((f) => f.field)]));
    expect(required).toEqual({
      visited: ['findings'],
      rectification_ordered: ['deadline'],
      rectified: ['enrolledCount'],
      referred_to_tax: [],
      penalised: ['amount'],
      closed: ['reason'],
    });
  });

  it("sends only the outcome's own fields, trimmed, and leaves out the empty ones", () => {
    const values = { findings: '  未参保 8 人 ', deadline: '2026-12-04', enrolledCount: 8, amount: 5000, reason: '' };
    expect(outcomeBody('rectification_ordered', values)).toEqual({ kind: 'rectification_ordered', deadline: '2026-12-04', findings: '未参保 8 人' });
    expect(outcomeBody('rectified', { enrolledCount: 0, findings: '   ' })).toEqual({ kind: 'rectified', enrolledCount: 0 });
    expect(outcomeBody('closed', values)).toEqual({ kind: 'closed' });
  });
});
