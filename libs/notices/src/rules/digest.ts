/**
 * How a digest reads (issue 12 §2). A staff notice is a digest: one per (recipient, kind, business day),
 * listing its items. With one item it reads as that item; with more, its subject counts them
 * ("3 项任务已逾期") and its body lists the first DIGEST_BODY_LINES items (all of them are in `items`).
 */
export const DIGEST_BODY_LINES = 10;

/** "n 项..." per kind; a kind without its own wording is counted generically. */
const TITLES: Record<string, (n: number) => string> = {
  'task.overdue': (n) => `${n} 项任务已逾期`,
  'task.escalation': (n) => `${n} 项逾期任务待督办`,
  'task.escalation.unread': (n) => `${n} 项督办通知未读`,
  'task.reminder': (n) => `${n} 项任务临近时限`,
  'task.assigned': (n) => `${n} 项新任务`,
  'duty.reminder': (n) => `${n} 项成员单位报送临近截止`,
  'duty.overdue': (n) => `${n} 项成员单位报送已逾期`,
  'land.reminder': (n) => `${n} 个征地项目被征地农民信息核实临近时限`,
  'land.overdue': (n) => `${n} 个征地项目被征地农民信息核实已逾期`,
  'allocation.submitted': (n) => `${n} 份任务分解待审批`,
  'allocation.rejected': (n) => `${n} 份任务分解被退回`,
  'allocation.out-of-step': (n) => `${n} 份任务分解需重新分解`,
  bulletin: (n) => `${n} 份进度通报`,
  'progress.unreported': (n) => `${n} 个单位本期进度未报送`,
  'escalation.submission': (n) => `${n} 份拒不参保用人单位报送`,
  'inspection.list_dispatched': (n) => `${n} 份重点检查名单已下发`,
  'inspection.case_assigned': (n) => `${n} 件检查任务已分派`,
  'inspection.rectification_reminder': (n) => `${n} 件整改临近期限`,
  'inspection.rectification_overdue': (n) => `${n} 件整改已逾期`,
};

export interface DigestItem {
  subject: string;
  body: string;
  linkEntity: string | null;
  linkId: string | null;
}

export interface DigestText {
  subject: string;
  body: string;
  linkEntity: string | null;
  linkId: string | null;
}

/**
 * The digest's subject, body and link from its item count and its first items (oldest first). One item: that
 * item as it is (its link too); several: the count by kind, the items one a line, and no link of its own.
 */
export function digestText(kind: string, count: number, first: DigestItem[]): DigestText {
  if (count <= 1 && first.length) return { ...first[0] };
  const subject = TITLES[kind]?.(count) ?? `${count} 条通知：${first[0]?.subject ?? kind}等`;
  const lines = first.slice(0, DIGEST_BODY_LINES).map((it, i) => `${i + 1}. ${it.body}`);
  if (count > lines.length) lines.push(`……另有 ${count - lines.length} 项，见通知明细。`);
  return { subject, body: lines.join('\n'), linkEntity: null, linkId: null };
}
