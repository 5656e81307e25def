// The cadre's resources: an entry's visit history, a person's employer, the police-check list of unreachable people.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { Answer } from '../../api/answers';
import type { paths } from '../../api/schema';

export type VisitHistory = Answer<'/api/registry-people/{id}/visits', 'get'>;
export type Employer = Answer<'/api/registry-employers/{id}', 'get'>;
export type PoliceCheckQuery = paths['/api/registry-police-checks']['get']['parameters']['query'];
export type PoliceCheckPage = Answer<'/api/registry-police-checks', 'get'>;

export function useVisitHistory(kind: 'person' | 'employer', id: string | undefined) {
  return useQuery({
    queryKey: [kind === 'person' ? 'registry-people' : 'registry-employers', id, 'visits'],
    queryFn: () =>
      unwrap<VisitHistory>(
        kind === 'person'
          ? api.GET('/api/registry-people/{id}/visits', { params: { path: { id: id! } } })
          : api.GET('/api/registry-employers/{id}/visits', { params: { path: { id: id! } } }),
      ),
    enabled: id !== undefined,
  });
}

/** A person's employer (an audited read of the employer's record). */
export function useEmployer(id: string | null | undefined) {
  return useQuery({
    queryKey: ['registry-employers', id, 'detail'],
    queryFn: () => unwrap<Employer>(api.GET('/api/registry-employers/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
    staleTime: 10 * 60_000,
  });
}

export function usePoliceChecks(query: PoliceCheckQuery, enabled: boolean) {
  return useQuery({
    queryKey: ['registry-police-checks', query],
    queryFn: () => unwrap<PoliceCheckPage>(api.GET('/api/registry-police-checks', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}
