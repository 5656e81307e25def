import { AuthUser, hasRole, pathInScope, Role } from '#core';

/** The campaign facts every permission check needs. */
export interface CampaignAccess {
  id: number;
  orgUnitId: number;
  unitPath: string;
  status: string;
  /** The caller's roles in the campaign's leadership group / office. */
  leadershipRole: string | null;
  officeMember: boolean;
}

/** The caller's place in a campaign from its memberships (body and role, one row each). */
export function memberRoles(memberships: { body: string; role: string }[]): Pick<CampaignAccess, 'leadershipRole' | 'officeMember'> {
  return {
    leadershipRole: memberships.find((x) => x.body === 'leadership')?.role ?? null,
    officeMember: memberships.some((x) => x.body === 'office'),
  };
}

/** Visible to the campaign's members, to the units above or in the campaign unit (everyone below holds its tasks), and to admins. */
export function canSeeCampaign(user: AuthUser, c: CampaignAccess): boolean {
  return user.seesAll || c.leadershipRole !== null || c.officeMember || pathInScope(user, c.unitPath) || user.orgUnitPath.startsWith(c.unitPath);
}

/** Leaders and the office of the campaign (or the campaign unit's office / leader roles) run the campaign itself. */
export function canRunCampaign(user: AuthUser, c: CampaignAccess): boolean {
  if (hasRole(user, Role.Admin) || c.leadershipRole === 'head' || c.leadershipRole === 'deputy' || c.officeMember) return true;
  return (user.roles.includes(Role.Office) || user.roles.includes(Role.Leader)) && pathInScope(user, c.unitPath);
}

/** Issue 3: the allocating unit's managers and the office draft and submit. */
export function canDraftFor(user: AuthUser, c: CampaignAccess, unitId: number, unitPath: string): boolean {
  if (hasRole(user, Role.Admin) || c.officeMember) return true;
  if (user.roles.includes(Role.UnitManager) && user.orgUnitId === unitId) return true;
  return user.roles.includes(Role.Office) && pathInScope(user, unitPath);
}

/** Issue 3: only the leadership group's head or deputies (or an admin) approve or reject. */
export function canApprove(user: AuthUser, c: CampaignAccess): boolean {
  return user.roles.includes(Role.Admin) || c.leadershipRole === 'head' || c.leadershipRole === 'deputy';
}

/** A campaign member sees every allocation of the campaign; anyone else those of units in their scope. */
export function canSeeAllocation(user: AuthUser, c: CampaignAccess, holderPath: string): boolean {
  return c.leadershipRole !== null || c.officeMember || pathInScope(user, holderPath);
}

/** What the caller may do with a campaign now: the flags the campaign routes answer, from the rules the services enforce. */
export interface CampaignActions {
  /** activate a draft, close an active campaign (canRunCampaign) */
  run: boolean;
  /** PUT the draft: a leader or the office (the route's roles) who runs it, while a draft */
  editDraft: boolean;
  /** PUT .../settings: a leader or the office (the route's roles) who runs it */
  settings: boolean;
  /** split the campaign unit's own tasks (canDraftFor the campaign unit), while active */
  split: boolean;
}

export function campaignActions(user: AuthUser, c: CampaignAccess): CampaignActions {
  const run = canRunCampaign(user, c);
  const edits = run && hasRole(user, Role.Leader, Role.Office);
  return {
    run,
    editDraft: edits && c.status === 'draft',
    settings: edits,
    split: c.status === 'active' && canDraftFor(user, c, c.orgUnitId, c.unitPath),
  };
}
