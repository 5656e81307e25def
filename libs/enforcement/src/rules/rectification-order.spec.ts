import { rectificationOrderOf } from './rectification-order';

describe('the rectification order a case prints', () => {
  const ev = (kind: string, at: string, extra: { findings?: string; deadline?: string; actor?: string } = {}) => ({
    kind,
    at: new Date(at),
    actor: extra.actor ?? '韩磊',
    findings: extra.findings ?? null,
    deadline: extra.deadline ?? null,
  });

  it('is null until one is ordered', () => {
    expect(rectificationOrderOf(7, [ev('opened', '2026-09-12T02:00:00Z'), ev('visited', '2026-09-13T02:00:00Z', { findings: '未参保 12 人' })])).toBeNull();
  });

  it("takes the latest order, numbered by its place among the case's orders and dated in China", () => {
    const order = rectificationOrderOf(7, [
      ev('visited', '2026-09-13T02:00:00Z', { findings: '未参保 12 人' }),
      ev('rectification_ordered', '2026-09-13T03:00:00Z', { deadline: '2026-09-28' }),
      ev('visited', '2026-12-31T10:00:00Z', { findings: '仍有 5 人未参保' }),
      // 31 Dec 16:30 UTC is 1 Jan 00:30 in China: issued in 2027
      ev('rectification_ordered', '2026-12-31T16:30:00Z', { deadline: '2027-01-15', actor: '何军' }),
    ]);
    expect(order).toEqual({
      number: '限改〔2027〕7-2号',
      issuedOn: '2027-01-01',
      deadline: '2027-01-15',
      findings: '仍有 5 人未参保',
      inspector: '何军',
    });
  });

  it("states what the visit found, or the order's own note when nobody visited first", () => {
    const visited = ev('visited', '2026-09-13T02:00:00Z', { findings: '未参保 12 人' });
    const ordered = ev('rectification_ordered', '2026-09-13T03:00:00Z', { deadline: '2026-09-28', findings: '下达限期改正指令书' });
    expect(rectificationOrderOf(3, [visited, ordered])).toMatchObject({ number: '限改〔2026〕3-1号', issuedOn: '2026-09-13', findings: '未参保 12 人' });
    expect(rectificationOrderOf(3, [ordered])).toMatchObject({ findings: '下达限期改正指令书' });
  });
});
