import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Answer } from '../../api/answers';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';

export type CasePage = Answer<'/api/inspection-cases', 'get'>;
export type InspectionCase = CasePage['items'][number];
export type CaseDetail = Answer<'/api/inspection-cases/{id}', 'get'>;
export type AssignEvenlyResult = Answer<'/api/inspection-cases/assign-evenly', 'post'>;
export type CaseQuery = NonNullable<paths['/api/inspection-cases']['get']['parameters']['query']>;
type UserPage = Answer<'/api/users', 'get'>;

/** The cases the caller may see, filtered and sorted on the server; each marked overdue as of today. */
export function useCases(q: CaseQuery) {
  return useQuery({
    queryKey: ['inspection-cases', q],
    queryFn: () => unwrap<CasePage>(api.GET('/api/inspection-cases', { params: { query: q } })),
    placeholderData: keepPreviousData,
  });
}

/** One case with the employer's visits, earlier cases and the case's history. */
export function useCase(id: number | undefined) {
  return useQuery({
    queryKey: ['inspection-case', id],
    queryFn: () => unwrap<CaseDetail>(api.GET('/api/inspection-cases/{id}', { params: { path: { id: id! } } })),
    enabled: id !== undefined,
  });
}

/** The inspectors the caller may pick (a department manager: those of the department). */
export function useInspectors(enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'inspectors'],
    queryFn: () => unwrap<UserPage>(api.GET('/api/users', { params: { query: { role: 'inspector', pageSize: 100 } } })),
    enabled,
    staleTime: 5 * 60_000,
  });
}

function useCaseChange<V, R>(call: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ['inspection-cases'] }), qc.invalidateQueries({ queryKey: ['inspection-case'] })]),
  });
}

export const useAssignCase = () =>
  useCaseChange((v: { caseId: number; inspectorId: number }) =>
    unwrap<InspectionCase>(api.POST('/api/inspection-cases/{id}/assign', { params: { path: { id: v.caseId } }, body: { inspectorId: v.inspectorId } })),
  );

export const useAssignEvenly = () =>
  useCaseChange((body: { departmentId: number; listId?: number }) => unwrap<AssignEvenlyResult>(api.POST('/api/inspection-cases/assign-evenly', { body })));
