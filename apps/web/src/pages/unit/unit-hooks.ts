// The unit manager's resources: my tasks and their figures, a task and its split, the batch report, registry
// entries and their assignment to cadres, investigation progress.
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { multipart } from '../../api/upload';
import type { Answer } from '../../api/answers';
import type { components, paths } from '../../api/schema';

export type TaskPage = Answer<'/api/tasks/mine', 'get'>;
export type TaskDetail = Answer<'/api/tasks/{id}', 'get'>;
export type CampaignDetail = Answer<'/api/campaigns/{id}', 'get'>;
export type CampaignPage = Answer<'/api/campaigns', 'get'>;
export type AllocationDetail = Answer<'/api/allocations/{id}', 'get'>;
export type TaskListQuery = NonNullable<paths['/api/tasks/mine']['get']['parameters']['query']>;
export type Task = TaskPage['items'][number];
export type Dashboard = Answer<'/api/dashboards', 'get'>;
export type Cadre = components['schemas']['RegistryCadreDto'];
export type PeopleQuery = NonNullable<paths['/api/registry-people']['get']['parameters']['query']>;
export type EmployersQuery = NonNullable<paths['/api/registry-employers']['get']['parameters']['query']>;
export type PeoplePage = Answer<'/api/registry-people', 'get'>;
export type EmployersPage = Answer<'/api/registry-employers', 'get'>;
export type Investigation = Answer<'/api/registry-investigation', 'get'>;
export type OrgUnitRow = components['schemas']['OrgUnitDto'];
export type BatchAnswer = Answer<'/api/progress-reports/batch', 'post'>;
export type UploadAnswer = Answer<'/api/progress-reports/upload', 'post'>;
export type UploadRow = UploadAnswer['rows'][number];

/** My unit's tasks (a cadre's shares of it included), one page. */
export function useMyTasks(query: TaskListQuery) {
  return useQuery({
    queryKey: ['tasks', 'mine', query],
    queryFn: () => unwrap<TaskPage>(api.GET('/api/tasks/mine', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** The tasks a unit holds in a campaign (for the report form: a unit has a few, one per indicator and cadre share). */
export function useUnitTasks(unitId: number | undefined, campaignId: number | undefined) {
  return useQuery({
    queryKey: ['tasks', 'unit', unitId, campaignId],
    queryFn: () => unwrap<TaskPage>(api.GET('/api/tasks', { params: { query: { holderUnitId: unitId!, campaignId: campaignId!, pageSize: 100 } } })),
    enabled: !!unitId && !!campaignId,
  });
}

export function useTask(id: number) {
  return useQuery({ queryKey: ['tasks', id], queryFn: () => unwrap<TaskDetail>(api.GET('/api/tasks/{id}', { params: { path: { id } } })) });
}

/** Task views for several tasks (whether each is split further). */
export function useTaskDetails(ids: number[]) {
  return useQueries({
    queries: ids.map((id) => ({ queryKey: ['tasks', id], queryFn: () => unwrap<TaskDetail>(api.GET('/api/tasks/{id}', { params: { path: { id } } })) })),
  });
}

/** The latest report of each task (its previous figure on the report form). */
export function useLatestReports(ids: number[]) {
  return useQueries({
    queries: ids.map((taskId) => ({
      queryKey: ['progress-reports', taskId, 'latest'],
      queryFn: async () =>
        (await unwrap<Answer<'/api/progress-reports', 'get'>>(api.GET('/api/progress-reports', { params: { query: { taskId, pageSize: 1 } } }))).items[0] ??
        null,
    })),
  });
}

export function useCampaign(id: number | undefined) {
  return useQuery({
    queryKey: ['campaigns', id],
    queryFn: () => unwrap<CampaignDetail>(api.GET('/api/campaigns/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
    staleTime: 5 * 60_000,
  });
}

/** Campaigns running now (for the pickers). */
export function useActiveCampaigns() {
  return useQuery({
    queryKey: ['campaigns', { status: 'active', pageSize: 50 }],
    queryFn: () => unwrap<CampaignPage>(api.GET('/api/campaigns', { params: { query: { status: 'active', pageSize: 50 } } })),
    staleTime: 5 * 60_000,
  });
}

/** Per indicator, the unit's total (target, actual, rate) as of today. */
export function useDashboard(campaignId: number | undefined, unitId: number | undefined, date?: string) {
  return useQuery({
    queryKey: ['dashboards', campaignId, unitId, date],
    queryFn: () =>
      unwrap<Dashboard>(api.GET('/api/dashboards', { params: { query: { campaignId: campaignId!, unitId: unitId!, ...(date ? { date } : {}) } } })),
    enabled: !!campaignId && !!unitId,
  });
}

export function useChildUnits(id: number | undefined) {
  return useQuery({
    queryKey: ['org-units', id, 'children'],
    queryFn: () => unwrap<OrgUnitRow[]>(api.GET('/api/org-units/{id}/children', { params: { path: { id: id! } } })),
    enabled: !!id,
    staleTime: 10 * 60_000,
  });
}

/** The active cadres at a unit and below, with their loads (who may be given its entries, or a share of its task). */
export function useCadres(unitId: number | undefined, campaignId?: number) {
  return useQuery({
    queryKey: ['registry-cadres', unitId, campaignId],
    queryFn: () => unwrap<Cadre[]>(api.GET('/api/registry-assignments/cadres', { params: { query: { unitId, ...(campaignId ? { campaignId } : {}) } } })),
    enabled: !!unitId,
  });
}

export function useAllocation(id: number | undefined) {
  return useQuery({
    queryKey: ['allocations', id],
    queryFn: () => unwrap<AllocationDetail>(api.GET('/api/allocations/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}

type Lines = components['schemas']['CreateAllocationDto']['lines'];
/** One line of a split as the API takes it. */
export type SplitLine = Lines[number];

/** Drafts the split (or changes the open draft) and submits it for approval. */
export function useSubmitSplit(taskId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ draftId, lines }: { draftId?: number; lines: Lines }) => {
      const a = draftId
        ? await unwrap<AllocationDetail>(api.PATCH('/api/allocations/{id}', { params: { path: { id: draftId } }, body: { lines } }))
        : await unwrap<AllocationDetail>(api.POST('/api/allocations', { body: { parentTaskId: taskId, lines } }));
      return unwrap<AllocationDetail>(api.POST('/api/allocations/{id}/submit', { params: { path: { id: a.id } }, body: {} }));
    },
    onSettled: () => qc.invalidateQueries({ queryKey: ['tasks'] }).then(() => qc.invalidateQueries({ queryKey: ['allocations'] })),
  });
}

export function useBatchReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['CreateReportBatchDto']) => unwrap<BatchAnswer>(api.POST('/api/progress-reports/batch', { body })),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: ['progress-reports'] }),
        qc.invalidateQueries({ queryKey: ['dashboards'] }),
        qc.invalidateQueries({ queryKey: ['tasks'] }),
      ]),
  });
}

/** An uploaded progress table: checked only (dryRun) or stored, all rows or none. */
export function useReportUpload() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (f: { file: File; campaignId: number; asOf: string; indicatorId?: number; dryRun: boolean }) =>
      unwrap<UploadAnswer>(api.POST('/api/progress-reports/upload', multipart({ ...f, dryRun: String(f.dryRun) }))),
    onSuccess: (a) =>
      a.stored
        ? Promise.all([
            qc.invalidateQueries({ queryKey: ['progress-reports'] }),
            qc.invalidateQueries({ queryKey: ['dashboards'] }),
            qc.invalidateQueries({ queryKey: ['tasks'] }),
          ])
        : undefined,
  });
}

export function usePeople(query: PeopleQuery, enabled = true) {
  return useQuery({
    queryKey: ['registry-people', query],
    queryFn: () => unwrap<PeoplePage>(api.GET('/api/registry-people', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useEmployers(query: EmployersQuery, enabled = true) {
  return useQuery({
    queryKey: ['registry-employers', query],
    queryFn: () => unwrap<EmployersPage>(api.GET('/api/registry-employers', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useAssign() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['AssignDto']) =>
      unwrap<Answer<'/api/registry-assignments', 'post'>>(api.POST('/api/registry-assignments', { body })),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: ['registry-people'] }),
        qc.invalidateQueries({ queryKey: ['registry-employers'] }),
        qc.invalidateQueries({ queryKey: ['registry-cadres'] }),
      ]),
  });
}

export type InvestigationQuery = NonNullable<paths['/api/registry-investigation']['get']['parameters']['query']>;

/** One page of the investigation table of a unit's children, sorted on the server, with the 合计 row over all of them. */
export function useInvestigation(query: Partial<InvestigationQuery>) {
  return useQuery({
    queryKey: ['registry-investigation', query],
    queryFn: () => unwrap<Investigation>(api.GET('/api/registry-investigation', { params: { query: query as InvestigationQuery } })),
    enabled: !!query.campaignId,
    placeholderData: keepPreviousData,
  });
}
