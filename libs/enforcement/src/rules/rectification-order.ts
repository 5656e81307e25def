// The 限期改正指令书 a case's latest rectification order prints as: its number, dates and the findings it rests on.
import { businessDate } from '#core';

/** The events of a case the order is read from (CaseEventRow), in order. */
export interface OrderEvent {
  kind: string;
  at: Date;
  actor: string | null;
  findings: string | null;
  deadline: string | null;
}

export interface RectificationOrder {
  /** 限改〔year〕<case>-<n>号: the n-th order on the case, in the year it was issued */
  number: string;
  /** the business date it was issued */
  issuedOn: string;
  deadline: string;
  /** what the latest visit before it found, else the order's own note */
  findings: string | null;
  /** who issued it */
  inspector: string | null;
}

/** The latest rectification order among a case's events (oldest first), or null when none was ordered. */
export function rectificationOrderOf(caseId: number, events: readonly OrderEvent[]): RectificationOrder | null {
  let n = 0;
  let order: RectificationOrder | null = null;
  let lastFindings: string | null = null;
  for (const ev of events) {
    if (ev.kind === 'visited') lastFindings = ev.findings;
    if (ev.kind !== 'rectification_ordered' || !ev.deadline) continue;
    n += 1;
    const issuedOn = businessDate(new Date(ev.at));
    order = {
      number: `限改〔${issuedOn.slice(0, 4)}〕${caseId}-${n}号`,
      issuedOn,
      deadline: ev.deadline,
      findings: lastFindings ?? ev.findings,
      inspector: ev.actor,
    };
  }
  return order;
}
