/**
 * Issue 12 point 6: the one typed model of campaign.settings (jsonb), stored in sections. Every library
 * reads it through `readCampaignSettings` (rules/read-settings.ts); it is written only through the campaigns
 * library (services/campaign-settings.service.ts), validated per section (dto/settings.dto.ts), with the
 * defaults of settings.defaults.ts.
 * What GET /api/campaigns/:id/settings returns has the same names and units as what PUT accepts.
 */

export const SETTINGS_SECTIONS = ['deadlines', 'escalation', 'progress', 'registry', 'inspection', 'notices'] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];

export const MILESTONE_MODES = ['step', 'linear'] as const;
/** Seed 004: every two weeks; seed 002: monthly and quarterly; seed 003: monthly, quarterly and yearly. */
export const BULLETIN_CADENCE_VALUES = ['biweekly', 'monthly', 'quarterly', 'yearly'] as const;
export type BulletinCadenceValue = (typeof BULLETIN_CADENCE_VALUES)[number];
/** How often units holding tasks report (seed 003: 月度报告): weekly, fortnightly from the campaign's start, monthly. */
export const REPORT_CADENCE_VALUES = ['weekly', 'biweekly', 'monthly'] as const;

/** Deadlines and milestones: reminders before a task's deadline and each milestone, and how targets may be split. */
export interface DeadlineSettings {
  /** Days before a deadline or milestone at which a task holder is reminded. */
  reminderOffsetsDays: number[];
  /** Whether an allocation's lines may add up to more than the parent target (counts and amounts). */
  allowOverAllocation: boolean;
}

/** A window of escalation cutoffs, inclusive: both MM-DD (recurs each year of the campaign) or both YYYY-MM-DD. */
export interface EscalationWindowSetting {
  from: string;
  to: string;
}

/** Escalation (seed 002): cutoffs in the windows at `time`, and the refusals that make an employer a candidate. */
export interface EscalationSettingsSection {
  windows: EscalationWindowSetting[];
  /** Wall-clock time HH:MM (Asia/Shanghai) of each cutoff. */
  time: string;
  refusalThreshold: number;
  /**
   * Issue 20: a cutoff stays on its date (seed 002: the 10th, 20th and 30th) even on a day off; when this is true
   * the office's notice of the district's submission waits for the next working day (at notices.reminderTime).
   */
  submissionNoticeOnWorkingDay: boolean;
}

/** Incentive tiers of seed 000: a and b in percent (80 = 80 %), x, y, z in yuan. */
export interface IncentiveTiers {
  a: number;
  b: number;
  x: number;
  y: number;
  z: number;
}

/** Progress and incentives. */
export interface ProgressSettingsSection {
  incentives: IncentiveTiers;
  /** The bulletin series the campaign issues, each on its own calendar (several at once: seeds 002 to 004). */
  bulletinCadences: BulletinCadenceValue[];
  /** How the expected (序时) rate runs between milestones. */
  milestoneMode: (typeof MILESTONE_MODES)[number];
  /** Percentage points above the expected rate from which a unit is "ahead" (5 = 5 points). */
  statusBandPct: number;
  /** Count indicators credited with the enrolments of inspection cases closed as rectified. */
  inspectionIndicatorIds: number[];
  /** Count indicators credited with the registry entries the insured roster closes as enrolled (one person each; an employer its uninsured staff). */
  rosterIndicatorIds: number[];
  /** How often each unit holding a task must report; who has not reported in the period is listed and reminded. */
  reportCadence: (typeof REPORT_CADENCE_VALUES)[number];
}

/** Registry: the date ages are counted at (seed 001); null = the campaign's start. */
export interface RegistrySettings {
  referenceDate: string | null;
}

/** Inspection (劳动保障监察) cases. */
export interface InspectionSettings {
  /** 限期改正: days an inspector gives by default. */
  rectificationDays: number;
  /** Days before a rectification deadline that the inspector is reminded. */
  rectificationReminderDays: number;
  /** Days from dispatch to a case's due date until a rectification deadline replaces it. */
  caseDueDays: number;
  /** How rectificationDays (the default 限期改正 period) is counted: natural days (自然日, seed 004) or working days. */
  dayUnit: 'natural' | 'working';
}

/** Notices: the time of day (HH:MM, Asia/Shanghai) reminders to task holders and inspectors are sent. */
export interface NoticeSettings {
  reminderTime: string;
  /** Quiet hours (HH:MM, Asia/Shanghai): no reminder to the public is sent from quietFrom to quietUntil (21:00–08:00); equal: none. */
  quietFrom: string;
  quietUntil: string;
  /** Whether quiet hours hold webhook calls too (the receiving system may message people at once). */
  quietForWebhooks: boolean;
}

export interface CampaignSettings {
  deadlines: DeadlineSettings;
  escalation: EscalationSettingsSection;
  progress: ProgressSettingsSection;
  registry: RegistrySettings;
  inspection: InspectionSettings;
  notices: NoticeSettings;
}
