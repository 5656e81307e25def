import { loadWorkingCalendar } from './calendar-data';
import { staffSendAt } from './quiet-hours';

// 2026 from chinese-days: 国庆 1–7 October off, Saturday 10 October worked; Mon 7 Dec 2026 an ordinary Monday
const cal = loadWorkingCalendar();
const at = (cst: string) => new Date(`${cst}+08:00`);

describe('when a staff notice goes out by robot or SMS', () => {
  it('on a working day outside 21:00–08:00 China time: now', () => {
    expect(staffSendAt(at('2026-12-07T10:00:00'), cal)).toBeNull();
    expect(staffSendAt(at('2026-12-07T08:00:00'), cal)).toBeNull();
    expect(staffSendAt(at('2026-12-07T20:59:00'), cal)).toBeNull();
  });

  it('in the quiet hours: when they end, 08:00 China time (00:00 UTC)', () => {
    // an overdue notice filed at 00:00 on Monday 7 Dec goes at 08:00 the same day
    expect(staffSendAt(at('2026-12-07T00:00:00'), cal)).toEqual(new Date('2026-12-07T00:00:00Z'));
    // 21:00 on Tuesday 8 Dec: 08:00 on Wednesday 9 Dec
    expect(staffSendAt(at('2026-12-08T21:00:00'), cal)).toEqual(new Date('2026-12-09T00:00:00Z'));
  });

  it('on a day off, or when the quiet hours end on one: 08:00 on the next working day', () => {
    // Friday 4 Dec 22:00 → the quiet hours end on Saturday → Monday 7 Dec 08:00
    expect(staffSendAt(at('2026-12-04T22:00:00'), cal)).toEqual(new Date('2026-12-07T00:00:00Z'));
    // Saturday 5 Dec 10:00 → Monday 7 Dec 08:00
    expect(staffSendAt(at('2026-12-05T10:00:00'), cal)).toEqual(new Date('2026-12-07T00:00:00Z'));
    // overdue at 00:00 on Thursday 1 Oct (国庆) → Thursday 8 Oct 08:00
    expect(staffSendAt(at('2026-10-01T00:00:00'), cal)).toEqual(new Date('2026-10-08T00:00:00Z'));
    // Friday 9 Oct 23:00 → Saturday 10 Oct is a make-up working day: 08:00 then
    expect(staffSendAt(at('2026-10-09T23:00:00'), cal)).toEqual(new Date('2026-10-10T00:00:00Z'));
  });
});
