/**
 * Who owns each table (issue 18 item 2): the library whose migration created it. Only the owner writes
 * its tables; another library reads them through the owner's index (a reader service) or through one of
 * the owner's `views`, simple projections declared in a migration and named `<owner>_<what>_v`.
 * `table-owners.spec.ts` checks every SQL string under libs/<lib>/src against this map.
 */
export type Library = 'core' | 'org' | 'campaigns' | 'registry' | 'enforcement' | 'progress' | 'outreach' | 'notices' | 'platform';

export interface Ownership {
  tables: readonly string[];
  /** Views other libraries may read. */
  views: readonly string[];
}

export const TABLE_OWNERS: Readonly<Record<Library, Ownership>> = {
  core: { tables: ['audit_log', 'outbox', 'idempotency_key', 'worker_probe', 'installation'], views: ['core_outbox_v'] },
  org: {
    tables: ['org_unit', 'app_user', 'user_session', 'user_refresh_token', 'unknown_login_failure'],
    views: ['org_unit_v', 'org_user_v'],
  },
  campaigns: {
    tables: [
      'campaign',
      'campaign_member',
      'campaign_milestone',
      'campaign_phase',
      'indicator',
      'allocation',
      'allocation_line',
      'allocation_step',
      'task',
      'task_deadline_event',
    ],
    views: ['campaigns_campaign_v'],
  },
  registry: {
    tables: [
      'registry_person',
      'registry_employer',
      'registry_assignment',
      'registry_visit',
      'registry_import_job',
      'registry_import_error',
    ],
    views: ['registry_employer_v', 'registry_person_v', 'registry_visit_v'],
  },
  enforcement: {
    tables: [
      'cutoff_run',
      'cutoff_submission_entry',
      'inspection_list',
      'inspection_list_entry',
      'inspection_list_department',
      'inspection_case',
      'inspection_case_event',
    ],
    views: [],
  },
  progress: {
    tables: [
      'progress_report',
      'progress_credit',
      'progress_leaf',
      'progress_rollup',
      'bulletin',
      'settlement',
      'settlement_line',
      'settlement_payout',
    ],
    views: [],
  },
  outreach: { tables: ['reminder_round', 'outreach_message', 'notice_template'], views: [] },
  notices: { tables: ['notice', 'notice_item'], views: [] },
  // The composition layer: it boots the libraries and owns no table.
  platform: { tables: [], views: [] },
};

/** The library owning a table or view, or undefined for a name that is neither. */
export function ownerOf(name: string): Library | undefined {
  for (const [lib, o] of Object.entries(TABLE_OWNERS) as [Library, Ownership][]) {
    if (o.tables.includes(name) || o.views.includes(name)) return lib;
  }
  return undefined;
}
