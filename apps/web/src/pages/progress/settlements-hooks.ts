import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Answer } from '../../api/answers';
import { api, unwrap } from '../../api/client';

export type SettlementPage = Answer<'/api/settlements', 'get'>;
export type SettlementSummary = SettlementPage['items'][number];
export type Settlement = Answer<'/api/settlements/{id}', 'get'>;
type TaskPage = Answer<'/api/tasks', 'get'>;

/** A campaign's settlements, newest first, without their lines. */
export function useSettlements(query: { campaignId?: number; page: number; pageSize: number }) {
  const { campaignId, ...paging } = query;
  return useQuery({
    queryKey: ['settlements', query],
    queryFn: () => unwrap<SettlementPage>(api.GET('/api/settlements', { params: { query: { campaignId: campaignId!, ...paging } } })),
    enabled: campaignId !== undefined,
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
      return qc.invalidateQueries({ queryKey: ['settlements'] });
    },
  });
}

export const useCreateSettlement = () =>
  useSettlementChange((body: { taskId: number; asOf?: string }) => unwrap<Settlement>(api.POST('/api/settlements', { body })));
export const useRecomputeSettlement = () =>
  useSettlementChange((id: number) => unwrap<Settlement>(api.POST('/api/settlements/{id}/recompute', { params: { path: { id } } })));
export const useConfirmSettlement = () =>
  useSettlementChange((id: number) => unwrap<Settlement>(api.POST('/api/settlements/{id}/confirm', { params: { path: { id } } })));
