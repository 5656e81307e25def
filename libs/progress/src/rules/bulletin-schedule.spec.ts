import { bulletinDatesDue, bulletinsDue, orderedCadences, periodEndFor } from './bulletin-schedule';

describe('bulletin calendars (seeds 002 to 004)', () => {
  it('ends months on their last day, 29 February in a leap year', () => {
    expect(bulletinDatesDue('monthly', '2024-01-15', '2024-12-31', '2024-04-30')).toEqual(['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30']);
    expect(bulletinDatesDue('monthly', '2025-02-01', '2025-12-31', '2025-03-30')).toEqual(['2025-02-28']);
  });

  it('counts two weeks across a leap day and a year end', () => {
    // 2024-02-15 + 14 = 2024-02-29; + 14 = 2024-03-14
    expect(bulletinDatesDue('biweekly', '2024-02-15', '2024-12-31', '2024-03-14')).toEqual(['2024-02-29', '2024-03-14']);
    // 2026-12-10 + 14 = 2026-12-24; + 14 = 2027-01-07
    expect(bulletinDatesDue('biweekly', '2026-12-10', '2027-06-30', '2027-01-07')).toEqual(['2026-12-24', '2027-01-07']);
  });

  it('issues a yearly bulletin on 31 December of each year of a three-year campaign (seed 003), none after its end', () => {
    expect(bulletinDatesDue('yearly', '2022-01-01', '2024-12-31', '2030-01-01')).toEqual(['2022-12-31', '2023-12-31', '2024-12-31']);
    expect(bulletinDatesDue('yearly', '2022-03-01', '2024-06-30', '2030-01-01')).toEqual(['2022-12-31', '2023-12-31']);
    expect(bulletinDatesDue('yearly', '2026-01-01', '2026-12-31', '2026-12-30')).toEqual([]);
  });

  it('runs several cadences at once, by date then biweekly, monthly, quarterly, yearly', () => {
    // a campaign from 1 Jan 2026: on 31 Mar the biweekly 15 Jan … 26 Mar, month ends and the first quarter end
    expect(bulletinsDue(['yearly', 'quarterly', 'monthly', 'biweekly'], '2026-01-01', '2026-12-31', '2026-03-31')).toEqual([
      { cadence: 'biweekly', periodEnd: '2026-01-15' },
      { cadence: 'biweekly', periodEnd: '2026-01-29' },
      { cadence: 'monthly', periodEnd: '2026-01-31' },
      { cadence: 'biweekly', periodEnd: '2026-02-12' },
      { cadence: 'biweekly', periodEnd: '2026-02-26' },
      { cadence: 'monthly', periodEnd: '2026-02-28' },
      { cadence: 'biweekly', periodEnd: '2026-03-12' },
      { cadence: 'biweekly', periodEnd: '2026-03-26' },
      { cadence: 'monthly', periodEnd: '2026-03-31' },
      { cadence: 'quarterly', periodEnd: '2026-03-31' },
    ]);
    // on 31 Dec the month, the quarter and the year end together
    expect(bulletinsDue(['quarterly', 'yearly', 'monthly'], '2026-01-01', '2026-12-31', '2026-12-31').filter((d) => d.periodEnd === '2026-12-31')).toEqual([
      { cadence: 'monthly', periodEnd: '2026-12-31' },
      { cadence: 'quarterly', periodEnd: '2026-12-31' },
      { cadence: 'yearly', periodEnd: '2026-12-31' },
    ]);
    expect(orderedCadences(['yearly', 'biweekly', 'yearly'])).toEqual(['biweekly', 'yearly']);
  });

  it('puts a bulletin issued early into the period its date falls in; after the last period end, the campaign end', () => {
    expect(periodEndFor('monthly', '2026-01-01', '2026-12-31', '2026-02-10')).toBe('2026-02-28');
    expect(periodEndFor('monthly', '2026-01-01', '2026-12-31', '2026-02-28')).toBe('2026-02-28');
    expect(periodEndFor('quarterly', '2026-01-01', '2026-12-31', '2026-04-01')).toBe('2026-06-30');
    expect(periodEndFor('yearly', '2026-01-01', '2026-12-31', '2026-05-09')).toBe('2026-12-31');
    // biweekly from 1 Jan: 7 May, then 21 May
    expect(periodEndFor('biweekly', '2026-01-01', '2026-12-31', '2026-05-09')).toBe('2026-05-21');
    // a campaign ending 15 Dec: the last two weeks end 3 Dec; 10 Dec belongs to the campaign's end
    expect(periodEndFor('biweekly', '2026-01-01', '2026-12-15', '2026-12-10')).toBe('2026-12-15');
    // a yearly bulletin of a campaign ending mid-year: the campaign's end; a date after the end too
    expect(periodEndFor('yearly', '2026-01-01', '2026-06-30', '2026-06-01')).toBe('2026-06-30');
    expect(periodEndFor('monthly', '2026-01-01', '2026-12-31', '2027-01-10')).toBe('2026-12-31');
  });
});
