import { withRateOnly } from './rate-only';

// C1 (/1/) -> D1 (/1/2/) -> T1 (/1/2/4/) -> V1 (/1/2/4/6/), V2 (/1/2/4/7/); indicator 9; tasks: T1 40, V1 60, V2 70
const TOPS_T1 = [
  { taskId: 40, indicatorId: 9, unitId: 4 },
  { taskId: 60, indicatorId: 9, unitId: 6 },
  { taskId: 70, indicatorId: 9, unitId: 7 },
];

describe('rate-only reports on a dashboard (issue 17 point 6)', () => {
  it("gives a child's row its own rate and counts it out of the total, adding no figure", () => {
    // V2 190 / 200 known; V1 reported 97 % alone
    const cells = [
      { indicatorId: 9, childId: null, total: true, actual: '190', denominator: '200' },
      { indicatorId: 9, childId: 7, total: false, actual: '190', denominator: '200' },
    ];
    expect(withRateOnly(cells, [{ task_id: 60, indicator_id: 9, path: '/1/2/4/6/', rate: '97' }], { id: 4, path: '/1/2/4/' }, TOPS_T1)).toEqual([
      { indicatorId: 9, childId: null, total: true, actual: '190', denominator: '200', rateOnlyBelow: 1 },
      { indicatorId: 9, childId: 7, total: false, actual: '190', denominator: '200' },
      { indicatorId: 9, childId: 6, total: false, actual: '0', denominator: '0', rate: '97' },
    ]);
  });

  it("counts a grandchild's rate under its ancestor's row, and gives the unit's own rate to its total", () => {
    const atC1 = withRateOnly([], [{ task_id: 60, indicator_id: 9, path: '/1/2/4/6/', rate: '97' }], { id: 1, path: '/1/' }, [
      { taskId: 20, indicatorId: 9, unitId: 2 },
    ]);
    expect(atC1).toEqual([
      { indicatorId: 9, childId: null, total: true, actual: '0', denominator: '0', rateOnlyBelow: 1 },
      { indicatorId: 9, childId: 2, total: false, actual: '0', denominator: '0', rateOnlyBelow: 1 },
    ]);
    const atV1 = withRateOnly([], [{ task_id: 60, indicator_id: 9, path: '/1/2/4/6/', rate: '97' }], { id: 6, path: '/1/2/4/6/' }, TOPS_T1);
    expect(atV1).toEqual([{ indicatorId: 9, childId: null, total: true, actual: '0', denominator: '0', rate: '97' }]);
  });
});
