// The cadre's words for visits: outcomes that fit each kind of entry (as libs/registry registry.types.ts has them),
// and what each outcome asks for (libs/registry VisitDto: proof for insured elsewhere, a reason for not eligible).
import type { components } from '../../api/schema';

export type Outcome = components['schemas']['VisitDto']['outcome'];
export type Method = components['schemas']['VisitDto']['method'];
export type Kind = components['schemas']['VisitDto']['kind'];

export const OUTCOMES_BY_KIND: Record<Kind, readonly Outcome[]> = {
  person: ['enrolled', 'will_enrol', 'refused', 'insured_elsewhere', 'unreachable', 'moved_away', 'not_eligible', 'deceased'],
  employer: ['enrolled', 'will_enrol', 'refused', 'insured_elsewhere', 'not_eligible', 'moved_away', 'deregistered', 'suspended', 'not_found'],
};

/** The text an outcome needs before the visit can be saved, as the API's VisitDto requires it. */
export const OUTCOME_NEEDS: Partial<Record<Outcome, { field: 'proofReference' | 'ineligibleReason'; label: string; placeholder: string }>> = {
  insured_elsewhere: { field: 'proofReference', label: '参保凭证', placeholder: '如：外地参保证明编号' },
  not_eligible: { field: 'ineligibleReason', label: '不符合条件的原因', placeholder: '如：现役军人、服刑人员' },
};

export const STATUS_COLORS: Record<string, string> = {
  pending: 'default',
  enrolled: 'green',
  will_enrol: 'cyan',
  refused: 'red',
  unreachable: 'orange',
  insured_elsewhere: 'blue',
};
