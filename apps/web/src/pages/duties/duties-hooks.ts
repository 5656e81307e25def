import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type Duty = components['schemas']['DutyViewDto'];
type DutyPage = { items: Duty[]; total: number; page: number; pageSize: number };

/** A page of the campaign's member-department duties the caller may see (a department: its own). */
export function useDuties(campaignId: number, page: number, pageSize = 20) {
  return useQuery({
    queryKey: ['duties', campaignId, page, pageSize],
    queryFn: () => unwrap<DutyPage>(api.GET('/api/campaigns/{id}/duties', { params: { path: { id: campaignId }, query: { page, pageSize } } })),
    enabled: campaignId > 0,
    placeholderData: keepPreviousData,
  });
}

/** Marks the due date a duty waits on delivered, today (the server's date). */
export function useDeliverDuty() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap<Duty>(api.POST('/api/duties/{id}/deliveries', { params: { path: { id } }, body: {} })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['duties'] }),
  });
}
