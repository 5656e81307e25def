// The registry desk: the API's labels of registry codes, an entry's full record (an audited read), its visits and assignments.
import { useQuery } from '@tanstack/react-query';
import type { Answer } from '../../api/answers';
import { api, unwrap } from '../../api/client';

export type RegistryReference = Answer<'/api/registry-reference', 'get'>;
export type PersonDetail = Answer<'/api/registry-people/{id}', 'get'>;
export type EmployerDetail = Answer<'/api/registry-employers/{id}', 'get'>;
export type EntryVisits = Answer<'/api/registry-people/{id}/visits', 'get'>;
export type EntryAssignments = Answer<'/api/registry-people/{id}/assignments', 'get'>;
export type EntryKind = 'person' | 'employer';

/** The registry's codes with the API's Chinese labels; they change only with a release, so they are read once. */
export function useRegistryReference() {
  return useQuery({
    queryKey: ['registry-reference'],
    queryFn: () => unwrap<RegistryReference>(api.GET('/api/registry-reference')),
    staleTime: Infinity,
  });
}

type LabelList = RegistryReference['entryStatuses'];

/** `label(code)`: the API's words for a code, the code itself while they load or when unknown; `options` for a Select. */
function labelsOf(list: LabelList | undefined) {
  const byValue = new Map((list ?? []).map((l) => [l.value, l.label]));
  return {
    label: (code: string | null | undefined) => (code ? (byValue.get(code) ?? code) : ''),
    options: (list ?? []).map((l) => ({ value: l.value, label: l.label })),
  };
}

/** Each kind of registry code, labelled as the API words it. */
export function useRegistryLabels() {
  const ref = useRegistryReference().data;
  return {
    status: labelsOf(ref?.entryStatuses),
    group: labelsOf(ref?.sourceGroups),
    recommendation: labelsOf(ref?.recommendations),
    method: labelsOf(ref?.visitMethods),
    flag: labelsOf(ref?.employerFlags),
    columns: ref?.columns,
  };
}

/** The full record of an entry: the API writes an audit row for every such read, so it is fetched only when a drawer opens. */
export function useEntryDetail(kind: EntryKind, id: string | undefined) {
  return useQuery({
    queryKey: ['registry-entry', kind, id],
    queryFn: (): Promise<PersonDetail | EmployerDetail> =>
      kind === 'person'
        ? unwrap<PersonDetail>(api.GET('/api/registry-people/{id}', { params: { path: { id: id! } } }))
        : unwrap<EmployerDetail>(api.GET('/api/registry-employers/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
    staleTime: 60_000,
  });
}

export function useEntryVisits(kind: EntryKind, id: string | undefined) {
  return useQuery({
    queryKey: ['registry-entry', kind, id, 'visits'],
    queryFn: () =>
      kind === 'person'
        ? unwrap<EntryVisits>(api.GET('/api/registry-people/{id}/visits', { params: { path: { id: id! } } }))
        : unwrap<EntryVisits>(api.GET('/api/registry-employers/{id}/visits', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}

export function useEntryAssignments(kind: EntryKind, id: string | undefined) {
  return useQuery({
    queryKey: ['registry-entry', kind, id, 'assignments'],
    queryFn: () =>
      kind === 'person'
        ? unwrap<EntryAssignments>(api.GET('/api/registry-people/{id}/assignments', { params: { path: { id: id! } } }))
        : unwrap<EntryAssignments>(api.GET('/api/registry-employers/{id}/assignments', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}
