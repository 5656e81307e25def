// China's days off and make-up working days as the date pickers mark them (GET /api/calendar; issue 20).
export interface CalendarDay {
  date: string;
  kind: 'holiday' | 'makeup';
  name?: string | null;
}

export interface CalendarMark {
  /** 休: an official day off; 班: a weekend day that is worked (调休上班). */
  label: '休' | '班';
  title: string;
  kind: CalendarDay['kind'];
}

/** The years a picker opened on `today` asks for: last year, this year and the next. */
export function yearsAround(today: string): number[] {
  const y = Number(today.slice(0, 4));
  return [y - 1, y, y + 1];
}

/** The mark of a date (YYYY-MM-DD) by the calendar's days, or null for an ordinary day. */
export function calendarMark(days: ReadonlyMap<string, CalendarDay>, date: string): CalendarMark | null {
  const d = days.get(date);
  if (!d) return null;
  const name = d.name ?? '';
  return d.kind === 'holiday' ? { label: '休', title: `${name}放假`, kind: d.kind } : { label: '班', title: `${name}调休上班`, kind: d.kind };
}
