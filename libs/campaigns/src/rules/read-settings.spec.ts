import { mergeCampaignSettings, readCampaignSettings, settingSql } from './read-settings';
import { DEFAULT_CAMPAIGN_SETTINGS } from '../settings/settings.defaults';

describe('campaign settings: the one reader', () => {
  it('fills every section with its defaults', () => {
    expect(readCampaignSettings(null)).toEqual(DEFAULT_CAMPAIGN_SETTINGS);
    expect(readCampaignSettings({ escalation: { time: '16:30' } }).escalation).toEqual({
      windows: [{ from: '09-01', to: '11-30' }],
      time: '16:30',
      refusalThreshold: 3,
      submissionNoticeOnWorkingDay: false,
    });
  });

  it('gives a malformed stored field its default and keeps the good ones beside it', () => {
    const s = readCampaignSettings({
      escalation: { windows: [{ from: '13-40', to: 'banana' }], refusalThreshold: 4 },
      progress: { incentives: { a: 50, b: 70 }, statusBandPct: 'wide' },
      inspection: { caseDueDays: 0, rectificationDays: 12, dayUnit: 'weekdays' },
    });
    expect(s.escalation).toEqual({ windows: [{ from: '09-01', to: '11-30' }], time: '17:00', refusalThreshold: 4, submissionNoticeOnWorkingDay: false });
    // b 70 above a 50: the tiers as a whole take the defaults
    expect(s.progress.incentives).toEqual({ a: 80, b: 60, x: 20, y: 30, z: 10 });
    expect(s.progress.statusBandPct).toBe(5);
    // an unknown day unit reads as natural days (seed 004: 自然日)
    expect(s.inspection).toEqual({ rectificationDays: 12, rectificationReminderDays: 3, caseDueDays: 30, dayUnit: 'natural' });
  });

  it('reads the flat keys stored before the sections', () => {
    const s = readCampaignSettings({
      escalationWindow: { from: '10-01', to: '10-31' },
      statusBand: '0.075',
      allowOverAllocation: true,
      rectificationReminderDays: 5,
    });
    expect(s.escalation.windows).toEqual([{ from: '10-01', to: '10-31' }]);
    // 0.075 as a fraction = 7.5 points
    expect(s.progress.statusBandPct).toBe(7.5);
    expect(s.deadlines.allowOverAllocation).toBe(true);
    expect(s.inspection.rectificationReminderDays).toBe(5);
  });

  it('reads one bulletin cadence of before as a list of one, and several cadences as stored', () => {
    expect(readCampaignSettings({ bulletinCadence: 'monthly' }).progress.bulletinCadences).toEqual(['monthly']);
    expect(readCampaignSettings({ progress: { bulletinCadence: 'quarterly' } }).progress.bulletinCadences).toEqual(['quarterly']);
    expect(readCampaignSettings({ progress: { bulletinCadences: ['monthly', 'yearly'] } }).progress.bulletinCadences).toEqual(['monthly', 'yearly']);
    // an unknown cadence or an empty list reads as the default
    expect(readCampaignSettings({ progress: { bulletinCadences: ['weekly'] } }).progress.bulletinCadences).toEqual(['biweekly']);
    expect(readCampaignSettings({ progress: { bulletinCadences: [] } }).progress.bulletinCadences).toEqual(['biweekly']);
    const bad = mergeCampaignSettings(DEFAULT_CAMPAIGN_SETTINGS, { progress: { bulletinCadences: ['monthly', 'monthly', 'daily'] } });
    expect(bad.errors).toEqual([
      { field: 'progress.bulletinCadences', message: '通报周期须为 biweekly（每两周）、monthly（每月）、quarterly（每季度）或 yearly（每年）' },
      { field: 'progress.bulletinCadences', message: "列表中有重复项 (All bulletinCadences's elements must be unique)" },
    ]);
  });

  it('merges a change field by field, tiers one level down, and names what is wrong from the root', () => {
    const { settings, errors } = mergeCampaignSettings(DEFAULT_CAMPAIGN_SETTINGS, {
      progress: { incentives: { a: 90 } },
      registry: { referenceDate: '2026-03-02' },
    });
    expect(errors).toEqual([]);
    expect(settings.progress.incentives).toEqual({ a: 90, b: 60, x: 20, y: 30, z: 10 });
    expect(settings.registry.referenceDate).toBe('2026-03-02');
    expect(settings.escalation).toBe(DEFAULT_CAMPAIGN_SETTINGS.escalation);
    const bad = mergeCampaignSettings(DEFAULT_CAMPAIGN_SETTINGS, { escalation: { windows: [{ from: '09-01', to: '11-31' }] } });
    expect(bad.errors.map((e) => e.field)).toEqual(['escalation.windows[0].to']);
  });

  it('names the JSON path of a setting for SQL, with the flat key of before where there was one', () => {
    expect(settingSql('c', 'registry', 'referenceDate')).toBe("coalesce(c.settings #>> '{registry,referenceDate}', c.settings->>'referenceDate')");
    expect(settingSql('c', 'notices', 'reminderTime')).toBe("coalesce(c.settings #>> '{notices,reminderTime}')");
  });
});
