import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Answer } from '../../api/answers';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';

export type AuditQuery = NonNullable<paths['/api/audit-log']['get']['parameters']['query']>;

/** The audit log of the caller's subtree, newest first, one page (office and admin). */
export function useAuditLog(query: AuditQuery) {
  return useQuery({
    queryKey: ['audit-log', query],
    queryFn: () => unwrap<Answer<'/api/audit-log', 'get'>>(api.GET('/api/audit-log', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}
