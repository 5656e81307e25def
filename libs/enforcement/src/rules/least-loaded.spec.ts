import { leastLoadedPlan } from './least-loaded';

describe('least-loaded assignment', () => {
  it('tops up the least loaded first, ties to the lower user id, and answers the final loads', () => {
    // loads 11:2 12:0 13:1. Case 1 → 12 (0 is least; 12:1). Case 2 → 12 (12 and 13 tie at 1, 12 is lower; 12:2).
    // Case 3 → 13 (1 is least; 13:2). Case 4 → 11 (all at 2, 11 lowest; 11:3). Case 5 → 12 (12 and 13 tie at 2; 12:3).
    const { plan, loads } = leastLoadedPlan(
      [1, 2, 3, 4, 5],
      new Map([
        [11, 2],
        [12, 0],
        [13, 1],
      ]),
    );
    expect(plan).toEqual([
      { caseId: 1, inspectorId: 12 },
      { caseId: 2, inspectorId: 12 },
      { caseId: 3, inspectorId: 13 },
      { caseId: 4, inspectorId: 11 },
      { caseId: 5, inspectorId: 12 },
    ]);
    expect([...loads.entries()]).toEqual([
      [11, 3],
      [12, 3],
      [13, 2],
    ]);
  });

  it('leaves the loads it was given alone and plans nothing for no cases', () => {
    const given = new Map([[11, 4]]);
    expect(leastLoadedPlan([], given)).toEqual({ plan: [], loads: new Map([[11, 4]]) });
    leastLoadedPlan([9], given);
    expect(given.get(11)).toBe(4);
  });
});
