import { DomainError } from '#core';
import { campaignCutoffOn, campaignCutoffs } from './campaign-cutoffs';

// two escalation windows: 15 Jan – 10 Feb 2026 and 25 Feb – 10 Mar 2026 (2026 is no leap year: February ends on the 28th)
const campaign = {
  settings: {
    calendars: [
      { window: { from: '2026-01-15', to: '2026-02-10' }, time: '17:00' },
      { window: { from: '2026-02-25', to: '2026-03-10' }, time: '09:30' },
    ],
  },
};

describe('a campaign’s cutoffs', () => {
  it('lists every window’s cutoffs in order, February’s third on its last day', () => {
    // window 1: 20 Jan, 30 Jan, 10 Feb (both ends count) ; window 2: 28 Feb, 10 Mar
    expect(campaignCutoffs(campaign).map((c) => c.date)).toEqual(['2026-01-20', '2026-01-30', '2026-02-10', '2026-02-28', '2026-03-10']);
    // 17:00 in Shanghai (UTC+8) is 09:00 UTC ; 09:30 is 01:30 UTC
    expect(campaignCutoffs(campaign)[0].at.toISOString()).toBe('2026-01-20T09:00:00.000Z');
    expect(campaignCutoffs(campaign)[3].at.toISOString()).toBe('2026-02-28T01:30:00.000Z');
  });

  it('has none without a window', () => {
    expect(campaignCutoffs({ settings: { calendars: [] } })).toEqual([]);
  });
});

describe('the cutoff on a date', () => {
  it('finds a cutoff date of any window', () => {
    expect(campaignCutoffOn(campaign, '2026-03-10').at.toISOString()).toBe('2026-03-10T01:30:00.000Z');
  });

  it('refuses a date that is no cutoff, or one outside the windows, naming cutoffDate', () => {
    // 20 Feb is a cutoff day of the month but lies between the windows ; 30 Feb does not exist ; 15 Jan opens a window but is no cutoff day
    for (const date of ['2026-02-20', '2026-02-30', '2026-01-15']) {
      let error: unknown;
      try {
        campaignCutoffOn(campaign, date);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).fields.map((f) => f.field)).toEqual(['cutoffDate']);
    }
  });
});
