// Registry imports: upload a file (a queue job loads it), follow its progress, read and download its bad rows.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Answer } from '../../api/answers';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { multipart } from '../../api/upload';

export type RegistryImport = Answer<'/api/registry-imports/{id}', 'get'>;
export type ImportListQuery = NonNullable<paths['/api/registry-imports']['get']['parameters']['query']>;
export type ImportError = Answer<'/api/registry-imports/{id}/errors', 'get'>['items'][number];

const POLL_MS = 1000;
const running = (s?: string) => s === 'queued' || s === 'running';

export function useImports(query: ImportListQuery) {
  return useQuery({
    queryKey: ['registry-imports', 'list', query],
    queryFn: () => unwrap<Answer<'/api/registry-imports', 'get'>>(api.GET('/api/registry-imports', { params: { query } })),
    placeholderData: keepPreviousData,
    // a running import in the list moves on by itself
    refetchInterval: (q) => (q.state.data?.items.some((i) => running(i.status)) ? POLL_MS * 3 : false),
  });
}

/** One import, polled every second until it is done or failed. */
export function useImport(id: string | undefined) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: ['registry-imports', id],
    queryFn: async () => {
      const job = await unwrap<RegistryImport>(api.GET('/api/registry-imports/{id}', { params: { path: { id: id! } } }));
      // once it ends, its bad rows and the list are worth reading again
      if (!running(job.status)) void qc.invalidateQueries({ queryKey: ['registry-imports', 'list'] });
      return job;
    },
    enabled: !!id,
    refetchInterval: (q) => (running(q.state.data?.status) ? POLL_MS : false),
  });
}

export function useImportErrors(id: string | undefined, page: number, pageSize: number, enabled: boolean) {
  return useQuery({
    queryKey: ['registry-imports', id, 'errors', page, pageSize],
    queryFn: () =>
      unwrap<Answer<'/api/registry-imports/{id}/errors', 'get'>>(
        api.GET('/api/registry-imports/{id}/errors', { params: { path: { id: id! }, query: { page, pageSize } } }),
      ),
    enabled: !!id && enabled,
    placeholderData: keepPreviousData,
  });
}

export function useUploadImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { campaignId: number; kind: 'person' | 'employer'; file: File }) =>
      unwrap<RegistryImport>(api.POST('/api/registry-imports', multipart({ campaignId: v.campaignId, kind: v.kind, file: v.file }))),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['registry-imports', 'list'] }),
  });
}

export function useRetryImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap<RegistryImport>(api.POST('/api/registry-imports/{id}/retry', { params: { path: { id } } })),
    onSuccess: (job) => {
      qc.setQueryData(['registry-imports', job.id], job);
      return qc.invalidateQueries({ queryKey: ['registry-imports'] });
    },
  });
}
