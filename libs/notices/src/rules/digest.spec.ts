import { digestText } from './digest';

const item = (i: number) => ({ subject: `s${i}`, body: `b${i}`, linkEntity: 'task', linkId: String(i) });

describe('digestText', () => {
  it('reads as its one item, link included', () => {
    expect(digestText('task.overdue', 1, [item(1)])).toEqual({ subject: 's1', body: 'b1', linkEntity: 'task', linkId: '1' });
  });

  it('counts several items by kind and lists them one a line, without a link of its own', () => {
    expect(digestText('task.overdue', 2, [item(1), item(2)])).toEqual({ subject: '2 项任务已逾期', body: '1. b1\n2. b2', linkEntity: null, linkId: null });
  });

  it('lists the first 10 of 13 items and says 3 more; an unknown kind is counted generically', () => {
    const first = Array.from({ length: 10 }, (_, i) => item(i + 1));
    const t = digestText('other.kind', 13, first);
    expect(t.subject).toBe('13 条通知：s1等');
    const lines = t.body.split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[9]).toBe('10. b10');
    expect(lines[10]).toBe('……另有 3 项，见通知明细。');
  });
});
