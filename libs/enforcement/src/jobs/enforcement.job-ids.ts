// The ids of the jobs enforcement enqueues, each written once here (no ':' — BullMQ refuses it).

/** One reconcile per minute however many workers ask (the tick and the start-up catch-up share the bucket). */
export function reconcileJobId(at: Date): string {
  return `enforcement-reconcile-${Math.floor(at.getTime() / 60_000)}`;
}

/** The check of a case's rectification deadline at its reminder or overdue instant. */
export function rectificationCheckJobId(caseId: number, deadline: string, check: 'reminder' | 'overdue'): string {
  return `rectification-${caseId}-${deadline}-${check}`;
}

/** Progress's credit of the employees a rectified case enrolled. */
export function inspectionCreditJobId(caseId: number): string {
  return `credit-inspection-case-${caseId}`;
}
