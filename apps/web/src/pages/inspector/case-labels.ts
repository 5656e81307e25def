// Chinese words of inspection cases, and which fields each outcome's form asks for (the API's rules in
// libs/enforcement rules/case-outcome.ts: a visit says what was found, rectified gives the number enrolled, ...).
import type { CaseOutcomeKind } from './inspector-hooks';

export const OUTCOME_LABELS: Record<CaseOutcomeKind, string> = {
  visited: '现场检查',
  rectification_ordered: '责令限期改正',
  rectified: '已整改参保',
  referred_to_tax: '移交税务征收',
  penalised: '行政处罚',
  closed: '结案',
};

export const EVENT_LABELS: Record<string, string> = { opened: '立案', assigned: '分派', overdue: '逾期未改正', ...OUTCOME_LABELS };

export type OutcomeField = 'findings' | 'deadline' | 'enrolledCount' | 'amount' | 'reason';

export interface FieldSpec {
  field: OutcomeField;
  label: string;
  required: boolean;
}

const note = (label = '情况说明'): FieldSpec => ({ field: 'findings', label, required: false });

/** The fields an outcome's form shows, in order; the required ones are those the API refuses without. */
export const OUTCOME_FIELDS: Record<CaseOutcomeKind, FieldSpec[]> = {
  visited: [{ field: 'findings', label: '检查发现', required: true }],
  rectification_ordered: [{ field: 'deadline', label: '改正期限', required: true }, note('违法事实')],
  rectified: [{ field: 'enrolledCount', label: '已参保职工人数', required: true }, note()],
  referred_to_tax: [note('移交说明')],
  penalised: [{ field: 'amount', label: '罚款金额（元）', required: true }, note()],
  closed: [{ field: 'reason', label: '结案原因', required: true }],
};

/** The body to send: the outcome's own fields, trimmed, without the ones it does not carry or left empty. */
export function outcomeBody(kind: CaseOutcomeKind, values: Partial<Record<OutcomeField, unknown>>): Record<string, unknown> & { kind: CaseOutcomeKind } {
  const body: Record<string, unknown> & { kind: CaseOutcomeKind } = { kind };
  for (const { field } of OUTCOME_FIELDS[kind]) {
    const v = values[field];
    const value = typeof v === 'string' ? v.trim() : v;
    if (value !== undefined && value !== null && value !== '') body[field] = value;
  }
  return body;
}
