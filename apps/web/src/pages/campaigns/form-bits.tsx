import type { FormItemProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

/** A DatePicker's Form.Item keeps the calendar date as the API writes it (YYYY-MM-DD), not a dayjs. */
export const dateItem: Pick<FormItemProps, 'getValueProps' | 'getValueFromEvent'> = {
  getValueProps: (v?: string | null) => ({ value: v ? dayjs(v) : null }),
  getValueFromEvent: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};

/** Two columns on wide screens, one on phones. */
export const half = { xs: 24, md: 12 } as const;
export const third = { xs: 24, sm: 12, lg: 8 } as const;
