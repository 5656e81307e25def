import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Answer } from '../../api/answers';
import { api, unwrap } from '../../api/client';
import type { components, paths } from '../../api/schema';

export type PlanPage = Answer<'/api/reminder-plans', 'get'>;
export type Plan = PlanPage['items'][number];
export type CreatePlan = components['schemas']['CreatePlanDto'];
export type PlanListQuery = NonNullable<paths['/api/reminder-plans']['get']['parameters']['query']>;
export type CountPage = Answer<'/api/reminder-counts', 'get'>;
export type CountQuery = NonNullable<paths['/api/reminder-counts']['get']['parameters']['query']>;

export function usePlans(q: PlanListQuery) {
  return useQuery({
    queryKey: ['reminder-plans', q],
    queryFn: () => unwrap<PlanPage>(api.GET('/api/reminder-plans', { params: { query: q } })),
    enabled: q.campaignId !== undefined,
    placeholderData: keepPreviousData,
  });
}

function usePlanChange<V, R>(call: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: call, onSuccess: () => qc.invalidateQueries({ queryKey: ['reminder-plans'] }) });
}

export const useCreatePlan = () => usePlanChange((body: CreatePlan) => unwrap<Plan>(api.POST('/api/reminder-plans', { body })));
export const useCancelPlan = () => usePlanChange((id: number) => unwrap<Plan>(api.POST('/api/reminder-plans/{id}/cancel', { params: { path: { id } } })));

/** How many reminders each person of the campaign got this year (all of them, or those below a number). */
export function useReminderCounts(q: CountQuery | undefined) {
  return useQuery({
    queryKey: ['reminder-counts', q],
    queryFn: () => unwrap<CountPage>(api.GET('/api/reminder-counts', { params: { query: q! } })),
    enabled: q !== undefined,
    placeholderData: keepPreviousData,
  });
}
