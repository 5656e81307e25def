import { MESSAGE_STATES, MessageState, RoundTotals } from '../outreach.types';

/** A round's totals from its message count per state: every state present (0 when none), and the sum. */
export function roundTotals(counts: readonly { state: MessageState; n: number }[]): RoundTotals {
  const t = Object.fromEntries(MESSAGE_STATES.map((s) => [s, 0])) as RoundTotals;
  t.total = 0;
  for (const r of counts) {
    t[r.state] = r.n;
    t.total += r.n;
  }
  return t;
}
