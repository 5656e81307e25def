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

export type DutyCatalogueItem = components['schemas']['DutyCatalogueItemDto'];
export type DutyInput = components['schemas']['CreateDutyDto'];
export type DutyChange = components['schemas']['UpdateDutyDto'];

/** What member departments deliver (seed 003 annex 2): codes with their Chinese labels. */
export function useDutyCatalogue(enabled: boolean) {
  return useQuery({
    queryKey: ['duty-catalogue'],
    queryFn: () => unwrap<DutyCatalogueItem[]>(api.GET('/api/duty-catalogue')),
    enabled,
    staleTime: 60 * 60_000,
  });
}

/** The office gives a department a duty, changes one (schedule and note) or removes one. */
export function useDutyChanges(campaignId: number) {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: ['duties'] });
  return {
    create: useMutation({
      mutationFn: (body: DutyInput) => unwrap<Duty>(api.POST('/api/campaigns/{id}/duties', { params: { path: { id: campaignId } }, body })),
      onSuccess: done,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: number; body: DutyChange }) => unwrap<Duty>(api.PUT('/api/duties/{id}', { params: { path: { id } }, body })),
      onSuccess: done,
    }),
    remove: useMutation({
      mutationFn: (id: number) => unwrap<void>(api.DELETE('/api/duties/{id}', { params: { path: { id } } })),
      onSuccess: done,
    }),
  };
}
