import { AuthUser, Role } from '#core';
import { CampaignAccess, campaignActions, canApprove, canDraftFor, canRunCampaign, canSeeAllocation, canSeeCampaign, memberRoles } from './permissions';

// A city /1/ running the campaign, district /1/4/ below it, town /1/4/17/ below that, and district /1/5/ beside.
const user = (roles: Role[], orgUnitPath: string, orgUnitId = 0, seesAll = false): AuthUser => ({
  id: 9,
  username: 'u',
  roles,
  orgUnitId,
  orgUnitPath,
  seesAll,
});
const campaign = (over: Partial<CampaignAccess> = {}): CampaignAccess => ({
  id: 1,
  orgUnitId: 1,
  unitPath: '/1/4/',
  status: 'active',
  leadershipRole: null,
  officeMember: false,
  ...over,
});

describe('campaign permissions', () => {
  it('reads the leadership role and office membership from the memberships', () => {
    expect(memberRoles([])).toEqual({ leadershipRole: null, officeMember: false });
    expect(
      memberRoles([
        { body: 'office', role: 'member' },
        { body: 'leadership', role: 'deputy' },
      ]),
    ).toEqual({ leadershipRole: 'deputy', officeMember: true });
  });

  it('shows a campaign to units at, below and above its unit, to members and to admins, not beside it', () => {
    const c = campaign(); // run at district /1/4/
    expect(canSeeCampaign(user([Role.UnitManager], '/1/4/17/'), c)).toBe(true); // below
    expect(canSeeCampaign(user([Role.Office], '/1/'), c)).toBe(true); // above
    expect(canSeeCampaign(user([Role.UnitManager], '/1/5/'), c)).toBe(false); // beside
    expect(canSeeCampaign(user([Role.UnitManager], '/1/5/'), campaign({ officeMember: true }))).toBe(true);
    expect(canSeeCampaign(user([Role.Leader], '/1/5/'), campaign({ leadershipRole: 'member' }))).toBe(true);
    expect(canSeeCampaign(user([Role.Admin], '/1/5/', 0, true), c)).toBe(true);
  });

  it('lets the head, deputies, the office and the unit’s own office or leaders run it; a plain member of the group not', () => {
    expect(canRunCampaign(user([], '/1/5/'), campaign({ leadershipRole: 'head' }))).toBe(true);
    expect(canRunCampaign(user([], '/1/5/'), campaign({ leadershipRole: 'deputy' }))).toBe(true);
    expect(canRunCampaign(user([], '/1/5/'), campaign({ leadershipRole: 'member' }))).toBe(false);
    expect(canRunCampaign(user([], '/1/5/'), campaign({ officeMember: true }))).toBe(true);
    expect(canRunCampaign(user([Role.Office], '/1/4/'), campaign())).toBe(true); // the unit's own office
    expect(canRunCampaign(user([Role.Leader], '/1/'), campaign())).toBe(true); // a leader above
    expect(canRunCampaign(user([Role.Leader], '/1/4/17/'), campaign())).toBe(false); // a leader below
    expect(canRunCampaign(user([Role.UnitManager], '/1/4/'), campaign())).toBe(false);
  });

  it('lets the allocating unit’s own managers and the office in scope draft, not a manager of a unit below', () => {
    const c = campaign();
    expect(canDraftFor(user([Role.UnitManager], '/1/4/17/', 17), c, 17, '/1/4/17/')).toBe(true);
    expect(canDraftFor(user([Role.UnitManager], '/1/4/', 4), c, 17, '/1/4/17/')).toBe(false); // a manager above: not the unit's own
    expect(canDraftFor(user([Role.Office], '/1/4/', 4), c, 17, '/1/4/17/')).toBe(true);
    expect(canDraftFor(user([Role.Office], '/1/5/', 5), c, 17, '/1/4/17/')).toBe(false);
    expect(canDraftFor(user([], '/1/5/', 5), campaign({ officeMember: true }), 17, '/1/4/17/')).toBe(true);
  });

  it('lets only the head, deputies and admins approve', () => {
    expect(canApprove(user([], '/1/'), campaign({ leadershipRole: 'head' }))).toBe(true);
    expect(canApprove(user([], '/1/'), campaign({ leadershipRole: 'deputy' }))).toBe(true);
    expect(canApprove(user([], '/1/'), campaign({ leadershipRole: 'member', officeMember: true }))).toBe(false);
    expect(canApprove(user([Role.Admin], '/1/'), campaign())).toBe(true);
    expect(canApprove(user([Role.Leader, Role.Office], '/1/'), campaign())).toBe(false);
  });

  it('shows an allocation to campaign members and to the units above its holder', () => {
    expect(canSeeAllocation(user([Role.UnitManager], '/1/4/'), campaign(), '/1/4/17/')).toBe(true);
    expect(canSeeAllocation(user([Role.UnitManager], '/1/5/'), campaign(), '/1/4/17/')).toBe(false);
    expect(canSeeAllocation(user([Role.UnitManager], '/1/5/'), campaign({ leadershipRole: 'member' }), '/1/4/17/')).toBe(true);
  });

  it('answers the actions of a campaign as the routes decide them: role, scope or membership, and status', () => {
    const none = { run: false, editDraft: false, settings: false, split: false };
    // the district's office (/1/5/) on the city's campaign (/1/): it sees it (above it) but runs nothing
    expect(campaignActions(user([Role.Office], '/1/5/', 5), campaign({ unitPath: '/1/', status: 'draft' }))).toEqual(none);
    // the district office on its own draft / active campaign
    expect(campaignActions(user([Role.Office], '/1/4/', 4), campaign({ orgUnitId: 4, status: 'draft' }))).toEqual({
      run: true,
      editDraft: true,
      settings: true,
      split: false,
    });
    expect(campaignActions(user([Role.Office], '/1/4/', 4), campaign({ orgUnitId: 4 }))).toEqual({ run: true, editDraft: false, settings: true, split: true });
    // a leader above runs it but does not split (not the office, not the unit's manager)
    expect(campaignActions(user([Role.Leader], '/1/', 1), campaign({ orgUnitId: 4 }))).toEqual({ run: true, editDraft: false, settings: true, split: false });
    // the campaign unit's manager splits its own tasks only
    expect(campaignActions(user([Role.UnitManager], '/1/4/', 4), campaign({ orgUnitId: 4 }))).toEqual({ ...none, split: true });
    // the group's head without a leader or office role: runs it, but the edit and settings routes are for leaders and the office
    expect(campaignActions(user([], '/1/5/', 5), campaign({ leadershipRole: 'head', status: 'draft' }))).toEqual({ ...none, run: true });
    expect(campaignActions(user([Role.Office], '/1/4/', 4), campaign({ orgUnitId: 4, status: 'closed' }))).toEqual({
      run: true,
      editDraft: false,
      settings: true,
      split: false,
    });
  });
});
