/** Visit outcomes (DOMAIN.md section 6; seed 001 for insured elsewhere and unreachable, seed 000 for not eligible). */
export const VISIT_OUTCOMES = ['enrolled', 'will_enrol', 'refused', 'insured_elsewhere', 'unreachable', 'moved_away', 'not_eligible', 'deceased'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];

/** An entry's status is its latest visit's outcome, or pending before the first visit. */
export const ENTRY_STATUSES = ['pending', ...VISIT_OUTCOMES] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export const VISIT_METHODS = ['door_to_door', 'phone', 'wechat'] as const;
export type VisitMethod = (typeof VISIT_METHODS)[number];

/** Seed 001's priority groups. */
export const SOURCE_GROUPS = [
  'small_business',
  'land_expropriated_farmer',
  'platform_worker',
  'freelancer',
  'resident_pension_well_off',
  'hardship',
  'lapsed_contributor',
  'other',
] as const;
export type SourceGroup = (typeof SOURCE_GROUPS)[number];

/** Chinese labels accepted in import files, and used in exports. */
export const SOURCE_GROUP_LABELS: Record<SourceGroup, string> = {
  small_business: '小微企业从业人员',
  land_expropriated_farmer: '被征地农民',
  platform_worker: '新就业形态劳动者',
  freelancer: '灵活就业人员',
  resident_pension_well_off: '参加城乡居民养老保险的较高收入人员',
  hardship: '困难群体',
  lapsed_contributor: '中断缴费人员',
  other: '其他',
};

export const EMPLOYER_FLAGS = ['suspected_dispatch', 'suspected_outsourcing', 'new_registration'] as const;
export type EmployerFlag = (typeof EMPLOYER_FLAGS)[number];
export const EMPLOYER_FLAG_LABELS: Record<EmployerFlag, string> = {
  suspected_dispatch: '疑似劳务派遣',
  suspected_outsourcing: '疑似业务外包',
  new_registration: '新登记',
};

export type EntryKind = 'person' | 'employer';
export type ImportStatus = 'queued' | 'running' | 'done' | 'failed';

/** Employers with this many uninsured staff or more must be visited on site (seed 002 annex 1). */
export const ONSITE_VISIT_THRESHOLD = 50;
