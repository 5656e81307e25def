// The organisation tree: units, their children (the tree loads lazily), changes and tree imports.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Answer } from '../../api/answers';
import { api, unwrap } from '../../api/client';
import type { components, paths } from '../../api/schema';
import { multipart } from '../../api/upload';

export type OrgUnit = Answer<'/api/org-units/{id}', 'get'>;
export type OrgLevel = OrgUnit['level'];
export type UnitListQuery = NonNullable<paths['/api/org-units']['get']['parameters']['query']>;

export const LEVEL_LABELS: Record<OrgLevel, string> = {
  city: '市',
  district: '区县',
  town: '乡镇（街道）',
  village: '村（社区）',
  agency: '成员单位',
};

/** Levels whose units hold no others in the demo and in practice: the tree shows them as leaves. */
export const LEAF_LEVELS: readonly OrgLevel[] = ['village', 'agency'];

export const childrenKey = (id: number) => ['org-units', id, 'children'] as const;

export function fetchChildren(id: number) {
  return unwrap<Answer<'/api/org-units/{id}/children', 'get'>>(api.GET('/api/org-units/{id}/children', { params: { path: { id } } }));
}

export function useChildren(id: number | undefined) {
  return useQuery({ queryKey: childrenKey(id ?? 0), queryFn: () => fetchChildren(id!), enabled: id !== undefined, staleTime: 60_000 });
}

export function useOrgUnit(id: number | undefined) {
  return useQuery({
    queryKey: ['org-units', id],
    queryFn: () => unwrap<OrgUnit>(api.GET('/api/org-units/{id}', { params: { path: { id: id! } } })),
    enabled: id !== undefined,
  });
}

export function useAncestors(id: number | undefined) {
  return useQuery({
    queryKey: ['org-units', id, 'ancestors'],
    queryFn: () => unwrap<Answer<'/api/org-units/{id}/ancestors', 'get'>>(api.GET('/api/org-units/{id}/ancestors', { params: { path: { id: id! } } })),
    enabled: id !== undefined,
  });
}

/** Units in scope matching a text (the unit search and pickers). */
export function useUnitSearch(query: UnitListQuery, enabled = true) {
  return useQuery({
    queryKey: ['org-units', 'list', query],
    queryFn: () => unwrap<Answer<'/api/org-units', 'get'>>(api.GET('/api/org-units', { params: { query } })),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** Every change of the tree makes any unit, list or child list stale. */
function useTreeMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ['org-units'] }) });
}

export const useCreateUnit = () =>
  useTreeMutation((body: components['schemas']['CreateOrgUnitDto']) => unwrap<Answer<'/api/org-units', 'post'>>(api.POST('/api/org-units', { body })));

export const useUpdateUnit = () =>
  useTreeMutation(({ id, ...body }: components['schemas']['UpdateOrgUnitDto'] & { id: number }) =>
    unwrap<OrgUnit>(api.PATCH('/api/org-units/{id}', { params: { path: { id } }, body })),
  );

export const useMoveUnit = () =>
  useTreeMutation(({ id, parentId }: { id: number; parentId: number }) =>
    unwrap<OrgUnit>(api.POST('/api/org-units/{id}/move', { params: { path: { id } }, body: { parentId } })),
  );

export const useDeactivateUnit = () =>
  useTreeMutation((id: number) =>
    unwrap<Answer<'/api/org-units/{id}/deactivate', 'post'>>(api.POST('/api/org-units/{id}/deactivate', { params: { path: { id } } })),
  );

/** A tree file (CSV or XLSX): all rows or none; a refusal lists every bad row in the error's fields. */
export const useImportTree = () =>
  useTreeMutation((file: File) => unwrap<Answer<'/api/org-units/import', 'post'>>(api.POST('/api/org-units/import', multipart({ file }))));
