/**
 * The registry's audit action names, written once. The stored names are kept as they are (audit rows and
 * reports already hold them), including the one older style of the inspection's enrolment.
 */
export const REGISTRY_AUDIT = {
  personRead: 'registry.person.read',
  employerRead: 'registry.employer.read',
  visit: 'registry.visit',
  assign: 'registry.assign',
  imported: 'registry.import',
  importFailed: 'registry.import.failed',
  /** An entry closed by an upload: enrolled by the insured roster, deceased by civil affairs' death records. */
  entryClosed: 'registry.entry.closed',
  enrolledByInspection: 'registry_employer.enrolled_by_inspection',
} as const;

export type RegistryAuditAction = (typeof REGISTRY_AUDIT)[keyof typeof REGISTRY_AUDIT];
