/**
 * Every audit action name the platform writes, named once (audit_log.action). Stored rows and the audit
 * log's filter (?action=) use these strings: never rename one. Grouped by library; the older, unprefixed
 * names of org, notices and templates stay as they are.
 */
export const AUDIT_ACTIONS = [
  // org: units, users, logins
  'create',
  'update',
  'update+password',
  'move',
  'deactivate',
  'import',
  'replace_placeholder_root',
  'login',
  'login-failed',
  'login-refused',
  'lockout',
  'logout',
  'refresh-reuse',
  'password-change',
  // campaigns
  'campaign.create',
  'campaign.update',
  'campaign.activate',
  'campaign.close',
  'campaign.settings',
  'allocation.create',
  'allocation.update',
  'allocation.submit',
  'allocation.approve',
  'allocation.reject',
  'task.complete',
  'task.move-deadline',
  'duty.create',
  'duty.update',
  'duty.delete',
  'duty.deliver',
  // progress
  'progress.report',
  'progress.correct',
  'progress.credit',
  'bulletin.generate',
  'settlement.compute',
  'settlement.recompute',
  'settlement.confirm',
  // registry
  'registry.import',
  'registry.import.failed',
  'registry.entry.closed',
  'registry.person.read',
  'registry.employer.read',
  'registry.assign',
  'registry.visit',
  'registry_employer.enrolled_by_inspection',
  'hardship_person.record',
  'land_project.create',
  'land_project.update',
  'land_project.delete',
  'land_project.fund_split',
  'land_farmer.upsert',
  'land_farmer.verify',
  // enforcement
  'inspection_list.compile',
  'inspection_list.dispatch',
  'inspection_list.remove_entry',
  'inspection_case.assign',
  'inspection_case.visited',
  'inspection_case.rectification_ordered',
  'inspection_case.rectified',
  'inspection_case.referred_to_tax',
  'inspection_case.penalised',
  'inspection_case.closed',
  'cutoff.run',
  // notices: reminder rounds and their messages
  'plan',
  'start',
  'resend_failed',
  'delivery-report',
  'reminder_plan.create',
  'reminder_plan.cancel',
  'notice_robot.save',
  'notice_robot.delete',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** True for a string that is one of the catalogue's names (e.g. a filter given by a client). */
export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}
