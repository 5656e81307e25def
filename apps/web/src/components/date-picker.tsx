// The console's one DatePicker: antd's, with China's days off (休) and make-up working days (班) marked in its cells
// from GET /api/calendar (issue 20). Pages import DatePicker from here, not from antd.
import { useQueries } from '@tanstack/react-query';
import { DatePicker as AntDatePicker, type DatePickerProps, type GetProps } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { api, unwrap } from '../api/client';
import { businessToday } from '../lib/format';
import { calendarMark, type CalendarDay, yearsAround } from '../lib/work-calendar';

type CellRender = NonNullable<DatePickerProps['cellRender']>;
type RangePickerProps = GetProps<typeof AntDatePicker.RangePicker>;

/** The days off and make-up days of last year, this year and the next, fetched once per session. */
export function useWorkCalendar(): Map<string, CalendarDay> {
  const results = useQueries({
    queries: yearsAround(businessToday()).map((y) => ({
      queryKey: ['calendar', y],
      queryFn: () => unwrap<{ days: CalendarDay[] }>(api.GET('/api/calendar', { params: { query: { from: `${y}-01-01`, to: `${y}-12-31` } } })),
      staleTime: Infinity,
      retry: false,
    })),
  });
  const stamp = results.map((r) => r.dataUpdatedAt).join(',');
  return useMemo(() => new Map(results.flatMap((r) => r.data?.days ?? []).map((d) => [d.date, d])), [stamp]);
}

/** A cellRender that marks the date cells; month and year panels are left as antd draws them. */
export function useHolidayCellRender(): CellRender {
  const days = useWorkCalendar();
  return useMemo<CellRender>(
    () => (current, info) => {
      if (info.type !== 'date') return info.originNode;
      const mark = calendarMark(days, dayjs(current).format('YYYY-MM-DD'));
      if (!mark) return info.originNode;
      return (
        <div title={mark.title} data-calendar={mark.kind} style={{ position: 'relative' }}>
          {info.originNode}
          <span
            aria-label={mark.title}
            style={{
              position: 'absolute',
              top: -4,
              right: 0,
              fontSize: 9,
              lineHeight: 1,
              color: mark.kind === 'holiday' ? '#cf1322' : '#595959',
              pointerEvents: 'none',
            }}
          >
            {mark.label}
          </span>
        </div>
      );
    },
    [days],
  );
}

function Picker(props: DatePickerProps) {
  const cellRender = useHolidayCellRender();
  return <AntDatePicker cellRender={cellRender} {...props} />;
}

function RangePicker(props: RangePickerProps) {
  const cellRender = useHolidayCellRender();
  return <AntDatePicker.RangePicker cellRender={cellRender as RangePickerProps['cellRender']} {...props} />;
}

/** antd's DatePicker (and DatePicker.RangePicker) with the working calendar's marks. */
export const DatePicker = Object.assign(Picker, { RangePicker });
