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
  /** Temporary tables the library creates in a transaction of its own (CREATE TEMP TABLE … ON COMMIT DROP). */
  temporary?: readonly string[];
}

export const TABLE_OWNERS: Readonly<Record<Library, Ownership>> = {
  core: { tables: ['audit_log', 'outbox', 'idempotency_key', 'worker_probe', 'installation', 'upload_file', 'upload_chunk'], views: ['core_outbox_v'] },
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
      'campaign_duty',
      'campaign_duty_delivery',
    ],
    views: ['campaigns_campaign_v', 'campaigns_task_v', 'campaigns_indicator_v'],
  },
  registry: {
    tables: [
      'registry_person',
      'registry_employer',
      'registry_assignment',
      'registry_visit',
      'registry_import_job',
      'registry_import_error',
      'registry_hardship_person',
      'registry_roster_person',
      'registry_roster_employer',
      'registry_entry_source',
      'land_project',
      'land_farmer',
    ],
    views: ['registry_employer_v', 'registry_person_v', 'registry_visit_v', 'registry_import_v', 'registry_land_project_v', 'registry_indicator_fact_v'],
    temporary: ['registry_import_stage', 'registry_match_stage'],
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
      'reporting_reminder',
    ],
    views: [],
  },
  outreach: { tables: ['reminder_round', 'outreach_message', 'notice_template', 'reminder_plan'], views: [] },
  notices: { tables: ['notice', 'notice_item', 'notice_robot', 'notice_preference', 'notice_dispatch', 'notice_reescalation'], views: [] },
  // The composition layer: it boots the libraries and owns no table.
  platform: { tables: [], views: [] },
};

/**
 * SQL functions (declared in migrations) that write tables when code calls them: a call counts as a write of
 * each, so only their owner may call the function.
 */
export const SQL_FUNCTION_WRITES: Readonly<Record<string, readonly string[]>> = {
  // migration TaskMetStatus1764001000000: UPDATE task SET status, met_on, overdue_at
  task_attainment_refresh: ['task'],
};

// A partition of a partitioned table: `<table>_default`, or a campaign's `<table>_c<id>` (registry entry-load).
const PARTITION = /^(.+)_(?:default|c?\d+)$/;

/** The library owning a table or view (a partition: its parent table's owner), or undefined for a name that is neither. */
export function ownerOf(name: string): Library | undefined {
  const owners = Object.entries(TABLE_OWNERS) as [Library, Ownership][];
  const direct = owners.find(([, o]) => o.tables.includes(name) || o.views.includes(name) || o.temporary?.includes(name));
  if (direct) return direct[0];
  const parent = PARTITION.exec(name)?.[1];
  return parent === undefined ? undefined : owners.find(([, o]) => o.tables.includes(parent))?.[0];
}

/**
 * Table names a library passes through a template literal's `${…}`, by library and expression: the tables each
 * may stand for (for a partition of one, the partitioned table). `table-owners.spec.ts` fails on a `${…}` in a
 * table's place (after a keyword in capitals) that is not listed here, and on an entry no source still has.
 */
export const INTERPOLATED_TABLES: Readonly<Partial<Record<Library, Readonly<Record<string, readonly string[]>>>>> = {
  // login-failure.repository.ts: FailureTarget's table
  org: { table: ['app_user', 'unknown_login_failure'], 'target.table': ['app_user', 'unknown_login_failure'] },
  registry: {
    // entry.repository.ts TABLE, entry-load.repository.ts EntryTableName (LoadTarget.table), demo-registry.ts
    'TABLE[kind]': ['registry_person', 'registry_employer'],
    table: ['registry_person', 'registry_employer'],
    't.table': ['registry_person', 'registry_employer'],
    // entry-load.repository.ts: a campaign's partition (campaignPartition) of either entry table
    part: ['registry_person', 'registry_employer'],
    // entry-load.repository.ts: the staging table, or a partition with its column list
    STAGE: ['registry_import_stage'],
    target: ['registry_import_stage', 'registry_person', 'registry_employer'],
    // entry-load.repository.ts linkPeople: registry_employer or a first load's new partition of it
    employers: ['registry_employer'],
    // match.repository.ts KIND[kind].roster: the insured roster of people or employers
    roster: ['registry_roster_person', 'registry_roster_employer'],
  },
  // settlement.repository.ts: a settlement with its task's unit and indicator
  progress: { VIEW_FROM: ['settlement', 'campaigns_task_v', 'org_unit_v', 'campaigns_indicator_v'] },
};
