// The inspector's day: the checklist of open cases assigned to them, one case, and recording an outcome on it.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Answer } from '../../api/answers';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type ChecklistPage = Answer<'/api/inspection-checklist', 'get'>;
export type ChecklistItem = ChecklistPage['items'][number];
export type CaseDetail = Answer<'/api/inspection-cases/{id}', 'get'>;
export type CaseOutcomeBody = components['schemas']['CaseOutcomeDto'];
export type CaseOutcomeKind = CaseOutcomeBody['kind'];

/** Open cases assigned to the caller, by due date. */
export function useChecklist(q: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['inspection-checklist', q],
    queryFn: () => unwrap<ChecklistPage>(api.GET('/api/inspection-checklist', { params: { query: q } })),
    placeholderData: keepPreviousData,
  });
}

export function useCase(id: number | undefined) {
  return useQuery({
    queryKey: ['inspection-case', id],
    queryFn: () => unwrap<CaseDetail>(api.GET('/api/inspection-cases/{id}', { params: { path: { id: id! } } })),
    enabled: id !== undefined && Number.isInteger(id),
  });
}

/** Records an outcome; the case and the checklist are read again (rectified and closed take it off the list). */
export function useRecordOutcome(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CaseOutcomeBody) =>
      unwrap<Answer<'/api/inspection-cases/{id}/outcomes', 'post'>>(api.POST('/api/inspection-cases/{id}/outcomes', { params: { path: { id } }, body })),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ['inspection-case', id] }), qc.invalidateQueries({ queryKey: ['inspection-checklist'] })]),
  });
}
