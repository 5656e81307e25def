import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { CampaignPage } from '../../api/common-types';
import type { CampaignSettings, CampaignView, TaskSplit } from './campaign-types';
import type { Answer } from '../../api/answers';
import type { components, paths } from '../../api/schema';

export type CampaignListQuery = NonNullable<paths['/api/campaigns']['get']['parameters']['query']>;
type Schemas = components['schemas'];

/** The caller's campaigns, one page, filtered on the server. */
export function useCampaigns(query: CampaignListQuery) {
  return useQuery({
    queryKey: ['campaigns', query],
    queryFn: () => unwrap<CampaignPage>(api.GET('/api/campaigns', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** One campaign with its phases, milestones, members, indicators and top-level tasks. */
export function useCampaign(id: number) {
  return useQuery({
    queryKey: ['campaigns', id],
    queryFn: () => unwrap<CampaignView>(api.GET('/api/campaigns/{id}', { params: { path: { id } } })),
    enabled: id > 0,
  });
}

/** The city's split of each top-level task: the approved version and the one in progress (GET /api/tasks/:id each). */
export function useTopTaskSplits(taskIds: number[]) {
  return useQueries({
    queries: taskIds.map((id) => ({
      queryKey: ['tasks', id],
      queryFn: () => unwrap<TaskSplit>(api.GET('/api/tasks/{id}', { params: { path: { id } } })),
    })),
  });
}

export function useCreateCampaign() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateCampaignDto']) => unwrap<CampaignView>(api.POST('/api/campaigns', { body })),
    onSuccess: (c) => {
      qc.setQueryData(['campaigns', c.id], c);
      return qc.invalidateQueries({ queryKey: ['campaigns'], exact: false, predicate: (q) => typeof q.queryKey[1] !== 'number' });
    },
  });
}

/** PUT a draft (the wizard's body): the API answers 409 once the campaign has started. */
export function useUpdateCampaign(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['UpdateCampaignDto']) => unwrap<CampaignView>(api.PUT('/api/campaigns/{id}', { params: { path: { id } }, body })),
    onSuccess: (c) => {
      qc.setQueryData(['campaigns', id], c);
      return qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'campaigns' && q.queryKey[1] !== id });
    },
  });
}

/** What a new campaign's settings start from, as the API writes them (GET /api/campaigns/settings-defaults). */
export function useSettingsDefaults() {
  return useQuery({
    queryKey: ['campaigns', 'settings-defaults'],
    queryFn: () => unwrap<CampaignSettings>(api.GET('/api/campaigns/settings-defaults')),
    staleTime: Infinity,
  });
}

/** Activate (draft → active, with the targets not given at creation) or close (active → closed). */
export function useCampaignMove(id: number) {
  const qc = useQueryClient();
  const done = (c: CampaignView) => {
    qc.setQueryData(['campaigns', id], c);
    return qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'campaigns' && q.queryKey[1] !== id });
  };
  return {
    activate: useMutation({
      mutationFn: (targets: Schemas['TopTargetDto'][]) =>
        unwrap<CampaignView>(api.POST('/api/campaigns/{id}/activate', { params: { path: { id } }, body: targets.length ? { targets } : {} })),
      onSuccess: done,
    }),
    close: useMutation({
      mutationFn: () => unwrap<CampaignView>(api.POST('/api/campaigns/{id}/close', { params: { path: { id } } })),
      onSuccess: done,
    }),
  };
}

export function useCampaignSettings(id: number) {
  return useQuery({
    queryKey: ['campaigns', id, 'settings'],
    queryFn: () => unwrap<CampaignSettings>(api.GET('/api/campaigns/{id}/settings', { params: { path: { id } } })),
  });
}

/** PUT the sections given; the rest keep their values. */
export function useSaveSettings(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CampaignSettingsDto']) => unwrap<CampaignSettings>(api.PUT('/api/campaigns/{id}/settings', { params: { path: { id } }, body })),
    onSuccess: (s) => {
      qc.setQueryData(['campaigns', id, 'settings'], s);
      return qc.invalidateQueries({ queryKey: ['campaigns', id], exact: true });
    },
  });
}

export type UserRow = Answer<'/api/users', 'get'>['items'][number];
export interface Person {
  id: number;
  username: string;
  displayName: string;
}

/** People to pick as members: GET /api/users, searched on the server within the caller's subtree (phones masked). */
export function usePeopleSearch(q: string) {
  const users = useQuery({
    queryKey: ['users', { q }],
    queryFn: () => unwrap<Answer<'/api/users', 'get'>>(api.GET('/api/users', { params: { query: { q: q || undefined, pageSize: 20 } } })),
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 60_000,
  });
  const people: Person[] = users.data?.items ?? [];
  return { people, loading: users.isFetching, error: users.isError ? users.error : null };
}
