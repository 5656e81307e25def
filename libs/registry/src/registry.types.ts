/**
 * Visit outcomes that fit a person (DOMAIN.md section 6; seed 001 for insured elsewhere and unreachable —
 * sent to the police station to check household registration —, seed 000 for not eligible: serving in the
 * army, in prison).
 */
export const PERSON_OUTCOMES = ['enrolled', 'will_enrol', 'refused', 'insured_elsewhere', 'unreachable', 'moved_away', 'not_eligible', 'deceased'] as const;

/**
 * Visit outcomes that fit an employer: it does not die and is not looked up at the police station; it is
 * deregistered (注销), moves out of the area (迁出, moved_away), stops trading (停业、歇业) or is not found at
 * its address (查无此单位). Insured elsewhere (a head office enrols its staff in another place) and not
 * eligible (outside the coverage scope, with the reason) fit both.
 */
export const EMPLOYER_OUTCOMES = [
  'enrolled',
  'will_enrol',
  'refused',
  'insured_elsewhere',
  'not_eligible',
  'moved_away',
  'deregistered',
  'suspended',
  'not_found',
] as const;

/** Every outcome of either kind. */
export const VISIT_OUTCOMES = [...PERSON_OUTCOMES, 'deregistered', 'suspended', 'not_found'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];

export const OUTCOMES_BY_KIND: Record<EntryKind, readonly VisitOutcome[]> = { person: PERSON_OUTCOMES, employer: EMPLOYER_OUTCOMES };

/** An employer that is gone: no longer there to refuse, so never an escalation candidate after such a visit. */
export const EMPLOYER_GONE_OUTCOMES = ['moved_away', 'deregistered', 'not_found'] as const satisfies readonly (typeof EMPLOYER_OUTCOMES)[number][];

export const VISIT_OUTCOME_LABELS: Record<VisitOutcome, string> = {
  enrolled: '已参保',
  will_enrol: '承诺参保',
  refused: '拒绝参保',
  insured_elsewhere: '异地参保',
  unreachable: '联系不上',
  moved_away: '已迁出',
  not_eligible: '不符合条件',
  deceased: '已死亡',
  deregistered: '已注销',
  suspended: '停业、歇业',
  not_found: '查无此单位',
};

/** An entry's status is its latest visit's outcome, or pending before the first visit. */
export const ENTRY_STATUSES = ['pending', ...VISIT_OUTCOMES] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/** What the console and exports call each status: the latest visit's outcome, 待走访 before the first. */
export const ENTRY_STATUS_LABELS: Record<EntryStatus, string> = { pending: '待走访', ...VISIT_OUTCOME_LABELS };

export const VISIT_METHODS = ['door_to_door', 'phone', 'wechat'] as const;
export type VisitMethod = (typeof VISIT_METHODS)[number];
export const VISIT_METHOD_LABELS: Record<VisitMethod, string> = { door_to_door: '上门走访', phone: '电话', wechat: '微信' };

/** The scheme seed 001's age rule recommends (rules/recommendation.ts). */
export const RECOMMENDATIONS = ['employee_pension', 'resident_pension'] as const;
export const RECOMMENDATION_LABELS: Record<(typeof RECOMMENDATIONS)[number], string> = {
  employee_pension: '企业职工基本养老保险',
  resident_pension: '城乡居民基本养老保险',
};

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
