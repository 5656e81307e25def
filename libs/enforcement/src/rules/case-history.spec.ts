import { withHistory } from './case-history';

describe('case history on a checklist', () => {
  it("attaches the employer's visits and its other cases, in the order given, without the employer ids", () => {
    const at = (d: string) => new Date(`${d}T02:00:00Z`);
    const visits = [
      { employerId: 5, visitedAt: at('2026-09-03'), method: 'door_to_door', outcome: 'refused', note: null, visitor: '张三' },
      { employerId: 6, visitedAt: at('2026-09-02'), method: 'phone', outcome: 'refused', note: 'x', visitor: null },
      { employerId: 5, visitedAt: at('2026-09-01'), method: 'phone', outcome: 'refused', note: null, visitor: '张三' },
    ];
    const cases = [
      { id: 20, employerId: 5, departmentName: '审计', openedAt: at('2026-09-12'), closedAt: null, resolution: null, closeReason: null },
      { id: 10, employerId: 5, departmentName: '劳动监察', openedAt: at('2026-09-12'), closedAt: null, resolution: null, closeReason: null },
      { id: 2, employerId: 5, departmentName: '劳动监察', openedAt: at('2026-03-01'), closedAt: at('2026-04-01'), resolution: 'rectified', closeReason: null },
    ];
    const [c10, c11] = withHistory(
      [
        { id: 10, employerId: 5 },
        { id: 11, employerId: 7 },
      ],
      visits,
      cases,
    );
    expect(c10.visits.map((v) => v.visitedAt)).toEqual([at('2026-09-03'), at('2026-09-01')]);
    expect(c10.visits[0]).not.toHaveProperty('employerId');
    expect(c10.previousCases.map((p) => p.id)).toEqual([20, 2]);
    expect(c11).toEqual({ id: 11, employerId: 7, visits: [], previousCases: [] });
  });
});
