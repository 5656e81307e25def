import type { NoticeInput } from '#notices';
import { DUTY_CATALOGUE, type DutyCode } from './duty-catalogue';

/** What a duty's notices name. */
export interface NoticeDuty {
  id: number;
  code: DutyCode;
  department_name: string;
  campaign_name: string;
}

/** The reminder before a due date to each of the department's users, once per duty, due date and offset. */
export function dutyReminderNotices(d: NoticeDuty, due: string, offsetDays: number, daysLeft: number, users: number[]): NoticeInput[] {
  const what = DUTY_CATALOGUE[d.code].label;
  const left = daysLeft > 0 ? `距报送截止日 ${due} 还有${daysLeft}天` : `报送截止日 ${due} 就在今天`;
  return users.map((u) => ({
    recipientUserId: u,
    kind: 'duty.reminder',
    subject: `报送提醒：${what}（${left}）`,
    body: `${d.campaign_name}：${d.department_name}应报送的“${what}”${left}，请按时报送。`,
    link: { entity: 'duty', id: d.id },
    dedupeKey: `duty-${d.id}-${due}-${offsetDays}-u${u}`,
  }));
}

/** The overdue notice, once per duty and due date, to the department's users and to the campaign office. */
export function dutyOverdueNotices(d: NoticeDuty, due: string, department: number[], office: number[]): NoticeInput[] {
  const what = DUTY_CATALOGUE[d.code].label;
  const subject = `报送逾期：${d.department_name} ${what}（截止 ${due}）`;
  const body = `${d.campaign_name}：${d.department_name}应于 ${due} 前报送的“${what}”已逾期未报送。`;
  return [...new Set([...department, ...office])].map((u) => ({
    recipientUserId: u,
    kind: 'duty.overdue',
    subject,
    body,
    link: { entity: 'duty', id: d.id },
    dedupeKey: `duty-${d.id}-overdue-${due}-u${u}`,
  }));
}
