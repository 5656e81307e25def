import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Answer } from '../../api/answers';
import { api, unwrap } from '../../api/client';
import type { operations } from '../../api/schema';

export type SettlementPage = Answer<'/api/settlements', 'get'>;
export type SettlementSummary = SettlementPage['items'][number];
export type Settlement = Answer<'/api/settlements/{id}', 'get'>;
export type SettlementLinePage = Answer<'/api/settlements/{id}/lines', 'get'>;
type ListQuery = operations['SettlementsController_list']['parameters']['query'];
export type SettlementLineQuery = NonNullable<operations['SettlementsController_lines']['parameters']['query']>;
type Sorting = { sort?: string; order?: 'asc' | 'desc' };
type TaskPage = Answer<'/api/tasks', 'get'>;

/** A campaign's settlements (of one state), newest first unless sorted, without their lines. */
export function useSettlements(query: { campaignId?: number; state?: string; page: number; pageSize: number } & Sorting) {
  const { campaignId, state, sort, ...paging } = query;
  return useQuery({
    queryKey: ['settlements', query],
    queryFn: () =>
      unwrap<SettlementPage>(
        // sort and state come from the column keys and the state filter; the API refuses anything else with a 400
        api.GET('/api/settlements', {
          params: {
            query: {
              campaignId: campaignId!,
              ...paging,
              ...(sort ? { sort: sort as ListQuery['sort'] } : {}),
              ...(state ? { state: state as ListQuery['state'] } : {}),
            },
          },
        }),
      ),
    enabled: campaignId !== undefined,
    placeholderData: keepPreviousData,
  });
}

/** A page of one settlement's lines, sorted and filtered (tier) on the server. */
export function useSettlementLines(id: number | undefined, query: SettlementLineQuery) {
  const { sort, tier, ...paging } = query;
  return useQuery({
    queryKey: ['settlement', id, 'lines', query],
    queryFn: () =>
      unwrap<SettlementLinePage>(
        api.GET('/api/settlements/{id}/lines', {
          params: {
            path: { id: id! },
            query: { ...paging, ...(sort ? { sort } : {}), ...(tier ? { tier } : {}) },
          },
        }),
      ),
    enabled: id !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function useSettlement(id: number | undefined) {
  return useQuery({
    queryKey: ['settlement', id],
    queryFn: () => unwrap<Settlement>(api.GET('/api/settlements/{id}', { params: { path: { id: id! } } })),
    enabled: id !== undefined,
  });
}

/** The tasks a settlement can be made for: the campaign unit's own count tasks (each settles its whole subtree). */
export function useSettleableTasks(campaignId: number | undefined, holderUnitId: number | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['tasks', { campaignId, holderUnitId }],
    queryFn: () => unwrap<TaskPage>(api.GET('/api/tasks', { params: { query: { campaignId, holderUnitId, pageSize: 200 } } })),
    enabled: enabled && campaignId !== undefined && holderUnitId !== undefined,
    select: (page) => page.items.filter((t) => t.kind === 'count'),
  });
}

function useSettlementChange<V>(call: (v: V) => Promise<Settlement>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (s) => {
      qc.setQueryData(['settlement', s.id], s);
      return Promise.all([qc.invalidateQueries({ queryKey: ['settlements'] }), qc.invalidateQueries({ queryKey: ['settlement', s.id, 'lines'] })]);
    },
  });
}

export const useCreateSettlement = () =>
  useSettlementChange((body: { taskId: number; asOf?: string }) => unwrap<Settlement>(api.POST('/api/settlements', { body })));
export const useRecomputeSettlement = () =>
  useSettlementChange((id: number) => unwrap<Settlement>(api.POST('/api/settlements/{id}/recompute', { params: { path: { id } } })));
export const useConfirmSettlement = () =>
  useSettlementChange((id: number) => unwrap<Settlement>(api.POST('/api/settlements/{id}/confirm', { params: { path: { id } } })));
