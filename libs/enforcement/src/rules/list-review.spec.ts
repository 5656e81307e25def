import { AuthUser, Role } from '#core';
import { canReviewList, listActions } from './list-review';

// a city /1/ running the campaign, district /1/4/ below it
const user = (roles: Role[], orgUnitPath: string, seesAll = false): AuthUser => ({ id: 9, username: 'u', roles, orgUnitId: 0, orgUnitPath, seesAll });

describe('inspection list review', () => {
  it("is for the office at or above the campaign's unit (and admins), not a district's office nor a leader", () => {
    expect(canReviewList(user([Role.Office], '/1/'), '/1/')).toBe(true);
    expect(canReviewList(user([Role.Office], '/1/'), '/1/4/')).toBe(true);
    expect(canReviewList(user([Role.Office], '/1/4/'), '/1/')).toBe(false);
    expect(canReviewList(user([Role.Leader], '/1/'), '/1/')).toBe(false);
    expect(canReviewList(user([Role.Admin], '/', true), '/1/')).toBe(true);
  });

  it('answers review only while the list is compiled', () => {
    expect(listActions(user([Role.Office], '/1/'), { status: 'compiled', campaignUnitPath: '/1/' })).toEqual({ review: true });
    expect(listActions(user([Role.Office], '/1/'), { status: 'dispatched', campaignUnitPath: '/1/' })).toEqual({ review: false });
  });
});
