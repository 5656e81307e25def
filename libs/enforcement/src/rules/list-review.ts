import { AuthUser, hasRole, pathInScope, Role } from '#core';

/** Reviewing a key-inspection list (removing entries) and dispatching it: the office of the campaign's unit or above. */
export function canReviewList(user: AuthUser, campaignUnitPath: string): boolean {
  return hasRole(user, Role.Office) && pathInScope(user, campaignUnitPath);
}

/** What the caller may do with a list now: review and dispatch while it is compiled (not yet dispatched). */
export function listActions(user: AuthUser, list: { status: string; campaignUnitPath: string }): { review: boolean } {
  return { review: list.status === 'compiled' && canReviewList(user, list.campaignUnitPath) };
}
