import { caseOverdue } from './case-overdue';

describe('caseOverdue', () => {
  const open = { status: 'open', dueDate: '2026-10-15', rectificationOverdueAt: null };

  it('is not overdue on its due date, and is from the day after', () => {
    expect(caseOverdue(open, '2026-10-15')).toBe(false);
    expect(caseOverdue(open, '2026-10-16')).toBe(true);
  });

  it('is overdue once the rectification deadline was marked so, even before a later due date', () => {
    expect(caseOverdue({ ...open, rectificationOverdueAt: '2026-10-15T16:00:00.000Z' }, '2026-10-01')).toBe(true);
  });

  it('is never overdue once closed', () => {
    expect(caseOverdue({ status: 'closed', dueDate: '2026-09-01', rectificationOverdueAt: new Date('2026-09-02T00:00:00Z') }, '2026-10-16')).toBe(false);
  });
});
