import { AuthUser, DomainError, hasRole, pathInScope, Role } from '#core';
import { EntityManager } from 'typeorm';

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

export async function campaignAccess(m: EntityManager, user: AuthUser, campaignId: number): Promise<CampaignAccess> {
  const [row]: { id: number; org_unit_id: number; path: string; status: string }[] = await m.query(
    `SELECT c.id, c.org_unit_id, u.path, c.status FROM campaign c JOIN org_unit u ON u.id = c.org_unit_id WHERE c.id = $1`,
    [campaignId],
  );
  if (!row) throw DomainError.notFound('campaign', campaignId);
  const members: { body: string; role: string }[] = await m.query(`SELECT body, role FROM campaign_member WHERE campaign_id = $1 AND user_id = $2`, [
    campaignId,
    user.id,
  ]);
  const access: CampaignAccess = {
    id: row.id,
    orgUnitId: row.org_unit_id,
    unitPath: row.path,
    status: row.status,
    leadershipRole: members.find((x) => x.body === 'leadership')?.role ?? null,
    officeMember: members.some((x) => x.body === 'office'),
  };
  // Visible to the campaign's members, to the units above or in the campaign unit (everyone below holds its tasks), and to admins.
  const visible = user.seesAll || access.leadershipRole !== null || access.officeMember || pathInScope(user, row.path) || user.orgUnitPath.startsWith(row.path);
  if (!visible) throw DomainError.outOfScope(`campaign ${campaignId} is outside your organisation unit`);
  return access;
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
