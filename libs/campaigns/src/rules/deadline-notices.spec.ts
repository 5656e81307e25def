import { escalationRecipients, overdueNotices, reminderNotices, reminderSubject } from './deadline-notices';

const task = { id: 5, deadline: '2026-12-31', target: '100.00', indicator_name: '新增参保', holder_name: '单位D1', campaign_name: '2026年扩面专项行动' };

describe('deadline notices', () => {
  it('names what a reminder is about', () => {
    expect(reminderSubject({ milestone: false, targetDate: '2026-12-31' })).toBe('完成时限 2026-12-31');
    expect(reminderSubject({ milestone: true, targetDate: '2026-03-31' })).toBe('序时进度节点 2026-03-31');
  });

  it('keys a reminder by date and offset, not by deadline version', () => {
    expect(reminderNotices(task, { milestone: true, targetDate: '2026-03-31', offsetDays: 7 }, '距序时进度节点 2026-03-31还有7天', [11])).toEqual([
      {
        recipientUserId: 11,
        kind: 'task.reminder',
        subject: '任务提醒：距序时进度节点 2026-03-31还有7天',
        body: '2026年扩面专项行动：单位D1的“新增参保”任务（目标 100.00）距序时进度节点 2026-03-31还有7天，请抓紧推进。',
        link: { entity: 'task', id: 5 },
        dedupeKey: 'task-5-milestone-2026-03-31-7-u11',
      },
    ]);
  });

  it('escalates to managers and the office once each, never to the task’s own holders', () => {
    expect(escalationRecipients([3, 4], [4, 5, 11], [11])).toEqual([3, 4, 5]);
    expect(escalationRecipients([], [], [1])).toEqual([]);
  });

  it('tells the holders the task is overdue and escalates to the others, once per deadline', () => {
    expect(overdueNotices(task, [11], [3]).map((n) => [n.recipientUserId, n.kind, n.subject, n.dedupeKey])).toEqual([
      [11, 'task.overdue', '任务逾期：新增参保（完成时限 2026-12-31）', 'task-5-overdue-2026-12-31-u11'],
      [3, 'task.escalation', '逾期督办：单位D1 新增参保（完成时限 2026-12-31）', 'task-5-overdue-2026-12-31-escalation-u3'],
    ]);
  });
});
