// The leadership's approval queue: splits (allocations) by status, one version with its lines, approve, reject.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { Answer } from '../../api/answers';
import type { paths } from '../../api/schema';

export type AllocationPage = Answer<'/api/allocations', 'get'>;
export type AllocationView = Answer<'/api/allocations/{id}', 'get'>;
export type AllocationListQuery = NonNullable<paths['/api/allocations']['get']['parameters']['query']>;
export type AllocationStatus = NonNullable<AllocationListQuery['status']>;

export function useAllocations(query: AllocationListQuery) {
  return useQuery({
    queryKey: ['allocations', query],
    queryFn: () => unwrap<AllocationPage>(api.GET('/api/allocations', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** One version with its lines, trail and the other versions of the same split. */
export function useAllocation(id: number | null | undefined) {
  return useQuery({
    queryKey: ['allocations', 'one', id],
    queryFn: () => unwrap<AllocationView>(api.GET('/api/allocations/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}

function useDecision<V>(call: (id: number, v: V) => Promise<AllocationView>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...v }: { id: number } & V) => call(id, v as V),
    // the queue, the counts on the home page and the tasks an approval creates are stale now
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ['allocations'] }), qc.invalidateQueries({ queryKey: ['tasks'] })]),
  });
}

export const useApprove = () =>
  useDecision<{ comment?: string }>((id, body) => unwrap<AllocationView>(api.POST('/api/allocations/{id}/approve', { params: { path: { id } }, body })));

export const useReject = () =>
  useDecision<{ reason: string }>((id, body) => unwrap<AllocationView>(api.POST('/api/allocations/{id}/reject', { params: { path: { id } }, body })));
