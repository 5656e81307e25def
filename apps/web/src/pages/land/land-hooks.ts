import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components, paths } from '../../api/schema';

export type LandProject = components['schemas']['LandProjectDto'];
export type LandFarmer = components['schemas']['LandFarmerDto'];
export type LandIndicators = components['schemas']['LandIndicatorsDto'];
export type LandProjectInput = components['schemas']['CreateLandProjectDto'];
export type LandFarmerInput = components['schemas']['LandFarmerInputDto'];
export type LandListQuery = NonNullable<paths['/api/land-projects']['get']['parameters']['query']>;
type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };

/** The land projects in my scope: paged, searched by name and sorted on the server. */
export function useLandProjects(q: LandListQuery) {
  return useQuery({
    queryKey: ['land-projects', q],
    queryFn: () => unwrap<Paged<LandProject>>(api.GET('/api/land-projects', { params: { query: q } })),
    placeholderData: keepPreviousData,
  });
}

export function useLandProject(id: number | undefined) {
  return useQuery({
    queryKey: ['land-projects', 'one', id],
    queryFn: () => unwrap<LandProject>(api.GET('/api/land-projects/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}

export function useLandFarmers(id: number | undefined, page: number, pageSize = 20) {
  return useQuery({
    queryKey: ['land-projects', 'farmers', id, page, pageSize],
    queryFn: () => unwrap<Paged<LandFarmer>>(api.GET('/api/land-projects/{id}/farmers', { params: { path: { id: id! }, query: { page, pageSize } } })),
    enabled: !!id,
    placeholderData: keepPreviousData,
  });
}

/** Seed 004's three figures of my unit and each child, computed from the records. */
export function useLandIndicators(unitId?: number) {
  return useQuery({
    queryKey: ['land-projects', 'indicators', unitId],
    queryFn: () => unwrap<LandIndicators>(api.GET('/api/land-projects/indicators', { params: { query: unitId ? { unitId } : {} } })),
  });
}

/** Units in my scope whose name or code holds the text (to pick the unit that runs a project). */
export function useUnitSearch(q: string) {
  return useQuery({
    queryKey: ['org-units', 'search', q],
    queryFn: () => unwrap<Paged<{ id: number; name: string }>>(api.GET('/api/org-units', { params: { query: { q: q || undefined, pageSize: 20 } } })),
    placeholderData: keepPreviousData,
  });
}

/** Every change of a project or its farmers; each refreshes the lists. */
export function useLandChanges() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: ['land-projects'] });
  return {
    create: useMutation({
      mutationFn: (body: LandProjectInput) => unwrap<LandProject>(api.POST('/api/land-projects', { body })),
      onSuccess: done,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: number; body: components['schemas']['UpdateLandProjectDto'] }) =>
        unwrap<LandProject>(api.PATCH('/api/land-projects/{id}', { params: { path: { id } }, body })),
      onSuccess: done,
    }),
    split: useMutation({
      mutationFn: ({ id, body }: { id: number; body: components['schemas']['LandFundSplitDto'] }) =>
        unwrap<LandProject>(api.PUT('/api/land-projects/{id}/fund-split', { params: { path: { id } }, body })),
      onSuccess: done,
    }),
    addFarmers: useMutation({
      mutationFn: ({ id, farmers }: { id: number; farmers: LandFarmerInput[] }) =>
        unwrap<{ added: number; updated: number }>(api.POST('/api/land-projects/{id}/farmers', { params: { path: { id } }, body: { farmers } })),
      onSuccess: done,
    }),
    verify: useMutation({
      mutationFn: ({ id, farmerId, verified }: { id: number; farmerId: number; verified: boolean }) =>
        unwrap<void>(api.PATCH('/api/land-projects/{id}/farmers/{farmerId}', { params: { path: { id, farmerId } }, body: { verified } })),
      onSuccess: done,
    }),
  };
}
