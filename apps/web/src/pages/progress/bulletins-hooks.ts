import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Answer } from '../../api/answers';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type BulletinPage = Answer<'/api/bulletins', 'get'>;
export type BulletinSummary = BulletinPage['items'][number];
export type Bulletin = Answer<'/api/bulletins/{id}', 'get'>;
/** POST /api/bulletins answers 202 (Answer reads 200/201 only). */
export type BulletinRequested = components['schemas']['BulletinRequestedDto'];

/** A campaign's bulletins, newest date first; `poll` refetches every second (a bulletin being generated). */
export function useBulletins(query: { campaignId?: number; page: number; pageSize: number }, poll = false) {
  const { campaignId, ...paging } = query;
  return useQuery({
    queryKey: ['bulletins', query],
    queryFn: () => unwrap<BulletinPage>(api.GET('/api/bulletins', { params: { query: { campaignId: campaignId!, ...paging } } })),
    enabled: campaignId !== undefined,
    placeholderData: keepPreviousData,
    refetchInterval: poll ? 1000 : false,
  });
}

export function useBulletin(id: number | undefined) {
  return useQuery({
    queryKey: ['bulletin', id],
    queryFn: () => unwrap<Bulletin>(api.GET('/api/bulletins/{id}', { params: { path: { id: id! } } })),
    enabled: id !== undefined,
  });
}

/** Asks the worker for the bulletin of a date (today by default); answers the existing one's id if it is there already. */
export function useRequestBulletin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { campaignId: number; date?: string }) => unwrap<BulletinRequested>(api.POST('/api/bulletins', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['bulletins'] }),
  });
}
