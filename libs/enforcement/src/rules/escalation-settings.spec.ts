import { escalationSettings, escalationWindows } from './escalation-settings';

describe('escalation settings of a campaign', () => {
  it('reads the campaign values', () => {
    expect(
      escalationSettings(
        { escalationWindow: { from: '2026-09-01', to: '2026-11-30' }, escalationTime: '16:30', refusalThreshold: 4, rectificationDays: 10 },
        '2026-01-01',
        '2026-12-31',
      ),
    ).toEqual({
      refusalThreshold: 4,
      calendars: [{ window: { from: '2026-09-01', to: '2026-11-30' }, time: '16:30' }],
      rectificationDays: 10,
      rectificationReminderDays: 3,
      caseDueDays: 30,
      dayUnit: 'natural',
      submissionNoticeOnWorkingDay: false,
      reminderTime: '09:00',
    });
  });
  it('falls back to 3 refusals, 17:00, 15 days and September to November', () => {
    expect(escalationSettings(null, '2026-01-01', '2026-12-31')).toEqual({
      refusalThreshold: 3,
      calendars: [{ window: { from: '2026-09-01', to: '2026-11-30' }, time: '17:00' }],
      rectificationDays: 15,
      rectificationReminderDays: 3,
      caseDueDays: 30,
      dayUnit: 'natural',
      submissionNoticeOnWorkingDay: false,
      reminderTime: '09:00',
    });
    expect(escalationSettings({ refusalThreshold: 0, escalationTime: '5pm' }, '2026-01-01', '2026-12-31')).toMatchObject({
      refusalThreshold: 3,
      calendars: [{ time: '17:00' }],
    });
  });
  it('repeats a MM-DD window in every year of the campaign, clipped to its dates', () => {
    // campaign 2026-10-15 .. 2028-10-31: 2026 starts late, 2027 whole, 2028 ends early
    expect(escalationWindows({ from: '09-01', to: '11-30' }, '2026-10-15', '2028-10-31')).toEqual([
      { from: '2026-10-15', to: '2026-11-30' },
      { from: '2027-09-01', to: '2027-11-30' },
      { from: '2028-09-01', to: '2028-10-31' },
    ]);
    // across the new year; 02-29 is the 28th in 2027 (and in 2026); the window opened in December 2025 gives the campaign its first two months
    expect(escalationWindows({ from: '12-01', to: '02-29' }, '2026-01-01', '2027-12-31')).toEqual([
      { from: '2026-01-01', to: '2026-02-28' },
      { from: '2026-12-01', to: '2027-02-28' },
      { from: '2027-12-01', to: '2027-12-31' },
    ]);
    expect(escalationWindows({ from: 'September', to: '11-30' }, '2026-01-01', '2026-12-31')).toEqual([]);
  });
});
