/**
 * Whether a case is overdue on a business date (YYYY-MM-DD, Asia/Shanghai): open and past its due date (the
 * rectification deadline once one is ordered), or its rectification deadline was marked overdue. The same test
 * as caseOverdueSql, which the case list filters by.
 */
export function caseOverdue(c: { status: string; dueDate: string; rectificationOverdueAt: Date | string | null }, today: string): boolean {
  return c.status === 'open' && (c.rectificationOverdueAt !== null || c.dueDate < today);
}

/** caseOverdue in SQL over inspection_case c, with the business date bound as parameter $n. */
export function caseOverdueSql(n: number): string {
  return `(c.status = 'open' AND (c.rectification_overdue_at IS NOT NULL OR c.due_date < $${n}::date))`;
}
