import { CampaignSettings } from './settings.types';

/** The one file of defaults: written into a new campaign, and read for any setting a stored campaign lacks. */
export const DEFAULT_CAMPAIGN_SETTINGS: CampaignSettings = {
  deadlines: { reminderOffsetsDays: [7, 3, 1], allowOverAllocation: false },
  // seed 002: cutoffs from September to November at 17:00; three refusals make a candidate
  escalation: { windows: [{ from: '09-01', to: '11-30' }], time: '17:00', refusalThreshold: 3, submissionNoticeOnWorkingDay: false },
  // seed 000: A 80 %, B 60 %, X 20 yuan, Y 30 yuan, Z 10 yuan
  progress: {
    incentives: { a: 80, b: 60, x: 20, y: 30, z: 10 },
    bulletinCadences: ['biweekly'],
    milestoneMode: 'step',
    statusBandPct: 5,
    inspectionIndicatorIds: [],
    rosterIndicatorIds: [],
    // seed 003: 月度报告 (a monthly report)
    reportCadence: 'monthly',
  },
  registry: { referenceDate: null },
  // seed 004 counts time limits in 自然日 (natural days)
  inspection: { rectificationDays: 15, rectificationReminderDays: 3, caseDueDays: 30, dayUnit: 'natural' },
  notices: { reminderTime: '09:00', quietFrom: '21:00', quietUntil: '08:00', quietForWebhooks: true },
};
