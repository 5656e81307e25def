import type { NoticeInput } from '#notices';

/** What a land project's notices name. */
export interface NoticeLandProject {
  id: number;
  name: string;
  unit_name: string;
  listed: number;
  verified: number;
}

const left = (p: NoticeLandProject) => `已核实${p.verified}人，共${p.listed}人`;

/** The reminder before the verification deadline to the project unit's managers and office, once per project, date and offset. */
export function landReminderNotices(p: NoticeLandProject, due: string, offsetDays: number, daysLeft: number, users: number[]): NoticeInput[] {
  const when = daysLeft > 0 ? `距核实完成时限 ${due} 还有${daysLeft}天` : `核实完成时限 ${due} 就在今天`;
  return users.map((u) => ({
    recipientUserId: u,
    kind: 'land.reminder',
    subject: `被征地农民信息核实提醒：${p.name}（${when}）`,
    body: `${p.unit_name}的征地项目“${p.name}”被征地农民信息核实${when}（${left(p)}），请按时完成。`,
    link: { entity: 'land_project', id: p.id },
    dedupeKey: `land-${p.id}-${due}-${offsetDays}-u${u}`,
  }));
}

/** The overdue notice, once per project and deadline, to the unit's managers and office and those above. */
export function landOverdueNotices(p: NoticeLandProject, due: string, users: number[]): NoticeInput[] {
  const subject = `被征地农民信息核实逾期：${p.name}（时限 ${due}）`;
  const body = `${p.unit_name}的征地项目“${p.name}”应于 ${due} 前完成被征地农民信息核实，已逾期未完成（${left(p)}）。`;
  return [...new Set(users)].map((u) => ({
    recipientUserId: u,
    kind: 'land.overdue',
    subject,
    body,
    link: { entity: 'land_project', id: p.id },
    dedupeKey: `land-${p.id}-overdue-${due}-u${u}`,
  }));
}
