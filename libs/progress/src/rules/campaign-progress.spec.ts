import { expectedOn, progressSettings, targetForRate } from './campaign-progress';
import { Exact } from './exact';

describe('progress settings', () => {
  it('reads the defaults for a campaign without settings: tiers A B X Y Z and 5 points as 0.05', () => {
    expect(progressSettings(null)).toEqual({
      incentives: { A: 80, B: 60, X: 20, Y: 30, Z: 10 },
      bulletinCadences: ['biweekly'],
      milestoneMode: 'step',
      statusBand: '0.05',
      inspectionIndicatorIds: [],
      rosterIndicatorIds: [],
    });
  });

  it('turns a band in percentage points into a fraction, exactly', () => {
    // 7.5 points / 100 = 0.075 ; 0.1 points = 0.001
    expect(progressSettings({ progress: { statusBandPct: 7.5 } }).statusBand).toBe('0.075');
    expect(progressSettings({ progress: { statusBandPct: 0.1, milestoneMode: 'linear' } })).toMatchObject({ statusBand: '0.001', milestoneMode: 'linear' });
  });
});

describe('expected rate of a campaign on a date', () => {
  const milestones = [
    { due: '2026-06-30', rate: '0.5' },
    { due: '2026-03-31', rate: '0.25' },
  ];
  const campaign = (milestoneMode: 'step' | 'linear') => ({ milestones, startsOn: '2026-01-01', endsOn: '2026-12-31', settings: { milestoneMode } });

  it('steps: the last milestone due on or before the date, 0 before the first', () => {
    expect(expectedOn(campaign('step'), '2026-03-30').toDecimalString()).toBe('0');
    expect(expectedOn(campaign('step'), '2026-03-31').toDecimalString()).toBe('0.25');
    expect(expectedOn(campaign('step'), '2026-05-15').toDecimalString()).toBe('0.25');
    expect(expectedOn(campaign('step'), '2026-12-31').toDecimalString()).toBe('0.5');
  });

  it('runs linearly from the campaign start and between milestones', () => {
    // 1 Jan -> 31 Mar is 89 days; 14 Feb is day 44: 0.25 * 44 / 89 = 11/89
    expect(expectedOn(campaign('linear'), '2026-02-14').cmp(Exact.of(11).div(89))).toBe(0);
    // 31 Mar -> 30 Jun is 91 days; 15 May is day 45: 0.25 + 0.25 * 45 / 91 = (22.75 + 11.25) / 91 = 34/91
    expect(expectedOn(campaign('linear'), '2026-05-15').cmp(Exact.of(34).div(91))).toBe(0);
    expect(expectedOn(campaign('linear'), '2026-03-31').toDecimalString()).toBe('0.25');
  });
});

describe('the target a rate is measured against', () => {
  it('reads a ratio target as a percentage and a count as it is', () => {
    // 98.5 % -> 0.985
    expect(targetForRate('ratio', '98.5')!.toDecimalString()).toBe('0.985');
    expect(targetForRate('count', '8000')!.toDecimalString()).toBe('8000');
    expect(targetForRate('amount', '12.34')!.toDecimalString()).toBe('12.34');
  });

  it('has none without a target', () => {
    expect(targetForRate('ratio', null)).toBeNull();
    expect(targetForRate('count', null)).toBeNull();
  });
});
