import type { operations } from '../../api/schema';
// The leader's dashboard: progress per indicator for a unit (and its children), the trend of one indicator, the
// overdue tasks, the escalated employers (open inspection cases), the latest bulletins and the splits awaiting approval.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Answer } from '../../api/answers';
import { api, unwrap } from '../../api/client';

export type Dashboard = Answer<'/api/dashboards', 'get'>;
export type DashboardIndicator = Dashboard['indicators'][number];
export type Series = Answer<'/api/dashboards/series', 'get'>;
export type CasePage = Answer<'/api/inspection-cases', 'get'>;
export type BulletinPage = Answer<'/api/bulletins', 'get'>;
export type TaskPage = Answer<'/api/tasks', 'get'>;
type AllocationPage = Answer<'/api/allocations', 'get'>;

/** A unit's dashboard query as the API takes it: campaign, unit, and the as-of date (the API's today when left out). */
export type UnitQuery = operations['DashboardsController_get']['parameters']['query'];

/** Per indicator the unit's total and one row per child unit. */
export function useDashboard(q: UnitQuery | null) {
  return useQuery({
    queryKey: ['dashboards', q],
    queryFn: () => unwrap<Dashboard>(api.GET('/api/dashboards', { params: { query: q! } })),
    enabled: q !== null,
    placeholderData: keepPreviousData,
  });
}

/** The unit's rolled-up figure of one indicator by report date, up to the date. */
export function useSeries(q: (UnitQuery & { indicatorId: number }) | null) {
  return useQuery({
    queryKey: ['dashboards', 'series', q],
    queryFn: () => {
      const { date, ...rest } = q!;
      return unwrap<Series>(api.GET('/api/dashboards/series', { params: { query: { ...rest, ...(date ? { to: date } : {}) } } }));
    },
    enabled: q !== null,
  });
}

/** Tasks of the unit's subtree (default: the caller's scope) unmet at their deadline, one page. */
export function useOverdueTasks(campaignId: number | undefined, unitId: number | undefined, page: number, pageSize = 5) {
  return useQuery({
    queryKey: ['tasks', { campaignId, unitId, status: 'overdue', page, pageSize }],
    queryFn: () => unwrap<TaskPage>(api.GET('/api/tasks', { params: { query: { campaignId, unitId, status: 'overdue', page, pageSize } } })),
    enabled: campaignId !== undefined,
    placeholderData: keepPreviousData,
  });
}

/** Employers of the unit's subtree (default: the caller's scope) escalated to inspection whose case is still open, one page. */
export function useOpenCases(unitId: number | undefined, page: number, pageSize = 5) {
  return useQuery({
    queryKey: ['inspection-cases', { status: 'open', unitId, page, pageSize }],
    queryFn: () => unwrap<CasePage>(api.GET('/api/inspection-cases', { params: { query: { status: 'open', unitId, page, pageSize } } })),
    placeholderData: keepPreviousData,
  });
}

/** The campaign's newest bulletins. */
export function useLatestBulletins(campaignId: number | undefined, pageSize = 5) {
  return useQuery({
    queryKey: ['bulletins', { campaignId, page: 1, pageSize }],
    queryFn: () => unwrap<BulletinPage>(api.GET('/api/bulletins', { params: { query: { campaignId: campaignId!, page: 1, pageSize } } })),
    enabled: campaignId !== undefined,
  });
}

/** How many splits wait for the leadership's decision. */
export function useSubmittedCount() {
  return useQuery({
    queryKey: ['allocations', { status: 'submitted', page: 1, pageSize: 1 }],
    queryFn: () => unwrap<AllocationPage>(api.GET('/api/allocations', { params: { query: { status: 'submitted', page: 1, pageSize: 1 } } })),
    select: (p) => p.total,
  });
}
