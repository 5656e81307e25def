// Department uploads (部门数据上报) and the office's insured-roster imports (参保库): upload a list, follow its run, page the uploads.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Answer } from '../../api/answers';
import { api, unwrap } from '../../api/client';
import { multipart } from '../../api/upload';

export type MatchUpload = Answer<'/api/department-uploads/{id}', 'get'>;
export type MatchPage = Answer<'/api/department-uploads', 'get'>;
export type MatchRoute = 'department-uploads' | 'roster-imports';
export type MatchDataKind = 'person' | 'employer' | 'death';

const POLL_MS = 1000;
export const running = (s?: string) => s === 'queued' || s === 'running';

/** A page of the caller's uploads of a campaign (a department: its own), polled while one runs. */
export function useMatchUploads(route: MatchRoute, query: { campaignId?: number; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [route, 'list', query],
    queryFn: () =>
      route === 'department-uploads'
        ? unwrap<MatchPage>(api.GET('/api/department-uploads', { params: { query } }))
        : unwrap<MatchPage>(api.GET('/api/roster-imports', { params: { query } })),
    enabled: query.campaignId !== undefined,
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some((i) => running(i.status)) ? POLL_MS * 2 : false),
  });
}

/** One upload, polled every second until it is done or failed. */
export function useMatchUpload(route: MatchRoute, id: string | undefined) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: [route, id],
    queryFn: async () => {
      const params = { params: { path: { id: id! } } };
      const job =
        route === 'department-uploads'
          ? await unwrap<MatchUpload>(api.GET('/api/department-uploads/{id}', params))
          : await unwrap<MatchUpload>(api.GET('/api/roster-imports/{id}', params));
      if (!running(job.status)) void qc.invalidateQueries({ queryKey: [route, 'list'] });
      return job;
    },
    enabled: !!id,
    refetchInterval: (q) => (running(q.state.data?.status) ? POLL_MS : false),
  });
}

export function useUploadMatch(route: MatchRoute) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { campaignId: number; dataKind: MatchDataKind; file: File }) =>
      route === 'department-uploads'
        ? unwrap<MatchUpload>(api.POST('/api/department-uploads', multipart({ campaignId: v.campaignId, dataKind: v.dataKind, file: v.file })))
        : unwrap<MatchUpload>(api.POST('/api/roster-imports', multipart({ campaignId: v.campaignId, dataKind: v.dataKind, file: v.file }))),
    onSuccess: () => qc.invalidateQueries({ queryKey: [route, 'list'] }),
  });
}

/** Runs a failed upload again (the API answers 409 once its file is gone: upload it again). */
export function useRetryMatch(route: MatchRoute) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => {
      const params = { params: { path: { id } } };
      return route === 'department-uploads'
        ? unwrap<MatchUpload>(api.POST('/api/department-uploads/{id}/retry', params))
        : unwrap<MatchUpload>(api.POST('/api/roster-imports/{id}/retry', params));
    },
    onSuccess: (job) => {
      qc.setQueryData([route, job.id], job);
      return qc.invalidateQueries({ queryKey: [route] });
    },
  });
}
