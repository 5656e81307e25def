import type { RegistryLabelDto, RegistryReferenceDto } from '../dto/reference.response';
import { EMPLOYER_COLUMNS, PERSON_COLUMNS } from '../import/column-sets';
import {
  EMPLOYER_FLAG_LABELS,
  EMPLOYER_FLAGS,
  EMPLOYER_OUTCOMES,
  ENTRY_STATUS_LABELS,
  ENTRY_STATUSES,
  PERSON_OUTCOMES,
  RECOMMENDATION_LABELS,
  RECOMMENDATIONS,
  SOURCE_GROUP_LABELS,
  SOURCE_GROUPS,
  VISIT_METHOD_LABELS,
  VISIT_METHODS,
  VISIT_OUTCOME_LABELS,
} from '../registry.types';

const labelled = <K extends string>(codes: readonly K[], labels: Record<K, string>): RegistryLabelDto[] =>
  codes.map((value) => ({ value, label: labels[value] }));

/** The registry's codes and their labels, in the order the API lists them, and the import columns. */
export function registryReference(): RegistryReferenceDto {
  return {
    entryStatuses: labelled(ENTRY_STATUSES, ENTRY_STATUS_LABELS),
    personOutcomes: labelled(PERSON_OUTCOMES, VISIT_OUTCOME_LABELS),
    employerOutcomes: labelled(EMPLOYER_OUTCOMES, VISIT_OUTCOME_LABELS),
    visitMethods: labelled(VISIT_METHODS, VISIT_METHOD_LABELS),
    sourceGroups: labelled(SOURCE_GROUPS, SOURCE_GROUP_LABELS),
    recommendations: labelled(RECOMMENDATIONS, RECOMMENDATION_LABELS),
    employerFlags: labelled(EMPLOYER_FLAGS, EMPLOYER_FLAG_LABELS),
    columns: { person: PERSON_COLUMNS.map((c) => ({ ...c })), employer: EMPLOYER_COLUMNS.map((c) => ({ ...c })) },
  };
}
