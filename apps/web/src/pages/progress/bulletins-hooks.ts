import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Answer } from '../../api/answers';
import { api, unwrap } from '../../api/client';
import type { components, operations } from '../../api/schema';

export type BulletinPage = Answer<'/api/bulletins', 'get'>;
export type BulletinSummary = BulletinPage['items'][number];
export type Bulletin = Answer<'/api/bulletins/{id}', 'get'>;
/** POST /api/bulletins answers 202 (Answer reads 200/201 only). */
export type BulletinRequested = components['schemas']['BulletinRequestedDto'];

type BulletinQuery = operations['BulletinsController_list']['parameters']['query'];

/** A campaign's bulletins, newest date first unless sorted; `poll` refetches every second (a bulletin being generated). */
export function useBulletins(query: { campaignId?: number; page: number; pageSize: number; sort?: string; order?: 'asc' | 'desc' }, poll = false) {
  const { campaignId, sort, ...paging } = query;
  return useQuery({
    queryKey: ['bulletins', query],
    queryFn: () =>
      unwrap<BulletinPage>(
        // sort is one of the list's keys (the column's dataIndex); the API refuses any other with a 400
        api.GET('/api/bulletins', { params: { query: { campaignId: campaignId!, ...paging, ...(sort ? { sort: sort as BulletinQuery['sort'] } : {}) } } }),
      ),
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

export type BulletinCadence = BulletinSummary['cadence'];

/**
 * Asks the worker for the bulletin of a series (a cadence of the campaign, for the campaign's unit or the caller's)
 * and the period a date falls in (today by default); answers the existing one's id if that period has one.
 */
export function useRequestBulletin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { campaignId: number; cadence?: BulletinCadence; date?: string }) => unwrap<BulletinRequested>(api.POST('/api/bulletins', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['bulletins'] }),
  });
}
