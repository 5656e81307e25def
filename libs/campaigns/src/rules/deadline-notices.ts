import type { NoticeInput } from '#notices';

/** What the notices of a task's deadline events name of the task. */
export interface NoticeTask {
  id: number;
  deadline: string;
  /** Null without a plan (such a task is met from the start, so it is never reminded nor overdue). */
  target: string | null;
  indicator_name: string;
  holder_name: string;
  campaign_name: string;
}

/** A due reminder of a deadline or milestone, as it is sent on its day. */
export interface ReminderOf {
  milestone: boolean;
  targetDate: string;
  offsetDays: number;
}

/** "序时进度节点 2026-03-31" or "完成时限 2026-12-31": what a reminder is about. */
export function reminderSubject(r: Pick<ReminderOf, 'milestone' | 'targetDate'>): string {
  return r.milestone ? `序时进度节点 ${r.targetDate}` : `完成时限 ${r.targetDate}`;
}

/**
 * The reminder to each user, `left` being its words for the days left. The dedupe key leaves out the deadline
 * version: a re-planned reminder for the same date and offset is not sent twice.
 */
export function reminderNotices(t: NoticeTask, r: ReminderOf, left: string, users: number[]): NoticeInput[] {
  const base = `task-${t.id}-${r.milestone ? 'milestone' : 'deadline'}-${r.targetDate}-${r.offsetDays}`;
  return users.map((u) => ({
    recipientUserId: u,
    kind: 'task.reminder',
    subject: `任务提醒：${left}`,
    body: `${t.campaign_name}：${t.holder_name}的“${t.indicator_name}”任务（目标 ${t.target ?? '未下达'}）${left}，请抓紧推进。`,
    link: { entity: 'task', id: t.id },
    dedupeKey: `${base}-u${u}`,
  }));
}

/** Who an overdue task is escalated to: the allocating unit's managers and leaders and the office, not its own holders, each once. */
export function escalationRecipients(managers: number[], office: number[], holders: number[]): number[] {
  return [...new Set([...managers, ...office])].filter((u) => !holders.includes(u));
}

/** The overdue notice to each holder and the escalation (督办) to each of `escalate`, once per deadline. */
export function overdueNotices(t: NoticeTask, holders: number[], escalate: number[]): NoticeInput[] {
  const key = `task-${t.id}-overdue-${t.deadline}`;
  return [
    ...holders.map<NoticeInput>((u) => ({
      recipientUserId: u,
      kind: 'task.overdue',
      subject: `任务逾期：${t.indicator_name}（完成时限 ${t.deadline}）`,
      body: `${t.campaign_name}：${t.holder_name}的“${t.indicator_name}”任务（目标 ${t.target ?? '未下达'}）已超过完成时限 ${t.deadline} 未完成。`,
      link: { entity: 'task', id: t.id },
      dedupeKey: `${key}-u${u}`,
    })),
    ...escalate.map<NoticeInput>((u) => ({
      recipientUserId: u,
      kind: 'task.escalation',
      subject: `逾期督办：${t.holder_name} ${t.indicator_name}（完成时限 ${t.deadline}）`,
      body: `${t.campaign_name}：${t.holder_name}的“${t.indicator_name}”任务（目标 ${t.target ?? '未下达'}）已超过完成时限 ${t.deadline} 未完成，请督促落实。`,
      link: { entity: 'task', id: t.id },
      dedupeKey: `${key}-escalation-u${u}`,
    })),
  ];
}
