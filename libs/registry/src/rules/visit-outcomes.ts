import { EntryKind, OUTCOMES_BY_KIND, VISIT_OUTCOME_LABELS, VisitOutcome } from '../registry.types';

const KIND_ZH: Record<EntryKind, string> = { person: '个人', employer: '用人单位' };

/** Why an outcome does not fit the kind of entry visited (an employer is not deceased), or null when it fits. */
export function outcomeMisfit(kind: EntryKind, outcome: VisitOutcome): string | null {
  const fits = OUTCOMES_BY_KIND[kind];
  if (fits.includes(outcome)) return null;
  return (
    `${KIND_ZH[kind]}的走访结果不能登记为“${VISIT_OUTCOME_LABELS[outcome]}”，可选：${fits.map((o) => VISIT_OUTCOME_LABELS[o]).join('、')}` +
    ` (outcome ${outcome} does not fit kind ${kind}: ${fits.join(', ')})`
  );
}
