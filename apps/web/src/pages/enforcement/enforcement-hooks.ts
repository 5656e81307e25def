import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Answer } from '../../api/answers';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';

export type CutoffRunPage = Answer<'/api/cutoff-runs', 'get'>;
export type CutoffRun = CutoffRunPage['items'][number];
export type CutoffRunDetail = Answer<'/api/cutoff-runs/{id}', 'get'>;
export type RunEntryPage = Answer<'/api/cutoff-runs/{id}/entries', 'get'>;
export type RunEntry = RunEntryPage['items'][number];
type Query<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never;
export type CutoffRunQuery = Query<'/api/cutoff-runs'>;
export type RunEntryQuery = Query<'/api/cutoff-runs/{id}/entries'>;
export type InspectionListQuery = Query<'/api/inspection-lists'>;
export type ListEntryQuery = Query<'/api/inspection-lists/{id}/entries'>;
export type CutoffTriggered = Answer<'/api/cutoff-runs', 'post'>;
export type InspectionListPage = Answer<'/api/inspection-lists', 'get'>;
export type InspectionList = InspectionListPage['items'][number];
export type CompiledList = Answer<'/api/inspection-lists', 'post'>;
export type DispatchedList = Answer<'/api/inspection-lists/{id}/dispatch', 'post'>;
export type ListEntryPage = Answer<'/api/inspection-lists/{id}/entries', 'get'>;
export type ListEntry = ListEntryPage['items'][number];
type UnitPage = Answer<'/api/org-units', 'get'>;

/** District submissions at cutoffs, newest cutoff first unless sorted (the office sees every district). */
export function useCutoffRuns(q: Omit<CutoffRunQuery, 'campaignId'> & { campaignId?: number }) {
  const { campaignId, ...rest } = q;
  return useQuery({
    queryKey: ['cutoff-runs', q],
    queryFn: () => unwrap<CutoffRunPage>(api.GET('/api/cutoff-runs', { params: { query: { campaignId: campaignId!, ...rest } } })),
    enabled: campaignId !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function useCutoffRun(id: number | undefined) {
  return useQuery({
    queryKey: ['cutoff-run', id],
    queryFn: () => unwrap<CutoffRunDetail>(api.GET('/api/cutoff-runs/{id}', { params: { path: { id: id! } } })),
    enabled: id !== undefined,
  });
}

/** One page of a submission's frozen entries, most refusals first unless sorted. */
export function useCutoffRunEntries(id: number | undefined, q: RunEntryQuery) {
  return useQuery({
    queryKey: ['cutoff-run', id, 'entries', q],
    queryFn: () => unwrap<RunEntryPage>(api.GET('/api/cutoff-runs/{id}/entries', { params: { path: { id: id! }, query: q } })),
    enabled: id !== undefined,
    placeholderData: keepPreviousData,
  });
}

/** Runs a due cutoff by hand; districts that submitted already are not run again. */
export function useTriggerCutoff() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { campaignId: number; cutoffDate: string }) => unwrap<CutoffTriggered>(api.POST('/api/cutoff-runs', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['cutoff-runs'] }),
  });
}

export function useInspectionLists(q: InspectionListQuery) {
  return useQuery({
    queryKey: ['inspection-lists', q],
    queryFn: () => unwrap<InspectionListPage>(api.GET('/api/inspection-lists', { params: { query: q } })),
    enabled: q.campaignId !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function useInspectionList(id: number | undefined) {
  return useQuery({
    queryKey: ['inspection-list', id],
    queryFn: () => unwrap<InspectionList>(api.GET('/api/inspection-lists/{id}', { params: { path: { id: id! } } })),
    enabled: id !== undefined,
  });
}

/** A list's entries (removed ones too unless filtered), by district, most uninsured first unless sorted. */
export function useListEntries(id: number | undefined, q: ListEntryQuery) {
  return useQuery({
    queryKey: ['inspection-list', id, 'entries', q],
    queryFn: () => unwrap<ListEntryPage>(api.GET('/api/inspection-lists/{id}/entries', { params: { path: { id: id! }, query: q } })),
    enabled: id !== undefined,
    placeholderData: keepPreviousData,
  });
}

/** Labour inspection, audit and the other member departments a list can be sent to. */
export function useDepartments(enabled: boolean) {
  return useQuery({
    queryKey: ['org-units', 'agency'],
    queryFn: () => unwrap<UnitPage>(api.GET('/api/org-units', { params: { query: { level: 'agency', pageSize: 100 } } })),
    enabled,
    staleTime: 10 * 60_000,
  });
}

function useListChange<V, R>(call: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ['inspection-lists'] }), qc.invalidateQueries({ queryKey: ['inspection-list'] })]),
  });
}

export const useCompileList = () =>
  useListChange((body: { campaignId: number; cutoffDate: string }) => unwrap<CompiledList>(api.POST('/api/inspection-lists', { body })));
export const useRemoveEntry = () =>
  useListChange((v: { listId: number; entryId: number; reason: string }) =>
    unwrap<ListEntry>(
      api.POST('/api/inspection-lists/{id}/entries/{entryId}/remove', { params: { path: { id: v.listId, entryId: v.entryId } }, body: { reason: v.reason } }),
    ),
  );
export const useDispatchList = () =>
  useListChange((v: { listId: number; departmentIds: number[] }) =>
    unwrap<DispatchedList>(api.POST('/api/inspection-lists/{id}/dispatch', { params: { path: { id: v.listId } }, body: { departmentIds: v.departmentIds } })),
  );
