/** The list a duty's data is uploaded as (department uploads): people, employers, or civil affairs' death records. */
export const UPLOAD_DATA_KINDS = ['person', 'employer', 'death'] as const;
export type UploadDataKind = (typeof UPLOAD_DATA_KINDS)[number];
export const UPLOAD_DATA_KIND_LABELS: Record<UploadDataKind, string> = { person: '人员名单', employer: '单位名单', death: '死亡人员名单' };

/**
 * What member departments deliver to a campaign: seed 003 annex 2 (盐城 三年提升行动, 成员单位及职责分工), its
 * section 1 (已纳税未参保, 已缴纳公积金未参保) and seed 002 (五个对接). A code, the data in Chinese, and the
 * department the seed names for it (a label only: the office gives a duty to whichever department unit holds it), and
 * the list its upload is (dataKind).
 */
export const DUTY_CATALOGUE = {
  population: { label: '全市人口基本信息', department: '公安局', dataKind: 'person' },
  low_income: { label: '低保人员信息', department: '民政局', dataKind: 'person' },
  destitute: { label: '特困人员信息', department: '民政局', dataKind: 'person' },
  deaths: { label: '殡葬（死亡）信息', department: '民政局', dataKind: 'death' },
  social_orgs: { label: '社会团体、民办非企业单位登记和注销信息', department: '民政局', dataKind: 'employer' },
  students_18: { label: '18周岁以上在校学生基本信息', department: '教育局', dataKind: 'person' },
  new_businesses: { label: '新办市场主体登记信息', department: '市场监管局、行政审批局', dataKind: 'employer' },
  deregistered_businesses: { label: '市场主体注销信息', department: '市场监管局、行政审批局', dataKind: 'employer' },
  taxed_uninsured: { label: '已纳税未参保用人单位信息', department: '税务局', dataKind: 'employer' },
  fund_uninsured: { label: '已缴纳公积金未参保人员信息', department: '住房公积金中心', dataKind: 'person' },
  land_farmers: { label: '被征地农民名单', department: '自然资源和规划局', dataKind: 'person' },
  corrections: { label: '社区矫正等服刑人员信息', department: '司法局', dataKind: 'person' },
  park_enterprises: { label: '服务业集聚区企业和重大投资项目信息', department: '发改委', dataKind: 'employer' },
  agri_enterprises: { label: '农业龙头企业信息', department: '农业农村局', dataKind: 'employer' },
  zone_enterprises: { label: '省级及以上开发区、高新区、合作园区企业信息', department: '商务局', dataKind: 'employer' },
  tourism_enterprises: { label: '旅游园区企业信息', department: '文广旅局', dataKind: 'employer' },
  employment_registrations: { label: '就业登记和培训补贴人员信息', department: '就业和培训部门', dataKind: 'person' },
  tech_subsidy_enterprises: { label: '享受科技型中小企业补贴企业信息', department: '科委', dataKind: 'employer' },
  loan_small_enterprises: { label: '享受“一助两促”贷款的小微企业信息', department: '金融部门', dataKind: 'employer' },
  ftz_enterprises: { label: '自贸区登记注册企业信息', department: '自贸区管委会', dataKind: 'employer' },
  export_rebate_enterprises: { label: '出口退税企业信息', department: '海关', dataKind: 'employer' },
} as const satisfies Record<string, { label: string; department: string; dataKind: UploadDataKind }>;

export type DutyCode = keyof typeof DUTY_CATALOGUE;
export const DUTY_CODES = Object.keys(DUTY_CATALOGUE) as DutyCode[];

/** How often a duty is due: once (on a date), every month or every quarter (on a day of the month). */
export const DUTY_CADENCES = ['once', 'monthly', 'quarterly'] as const;
export type DutyCadence = (typeof DUTY_CADENCES)[number];
export const DUTY_CADENCE_LABELS: Record<DutyCadence, string> = { once: '一次', monthly: '每月', quarterly: '每季度' };
