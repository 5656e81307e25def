// My notices (GET /api/notices): a page of the inbox, the unread count for the header, marking one or all read.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Answer } from '../../api/answers';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';

export type NoticePage = Answer<'/api/notices', 'get'>;
export type Notice = NoticePage['items'][number];
export type NoticeQuery = NonNullable<paths['/api/notices']['get']['parameters']['query']>;

/** How often the header asks again how many notices are unread. */
const UNREAD_POLL_MS = 60_000;

export function useNotices(query: NoticeQuery) {
  return useQuery({
    queryKey: ['notices', query],
    queryFn: () => unwrap<NoticePage>(api.GET('/api/notices', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** My unread notices, all kinds (the page answers the count whatever it lists, so one row is asked for). */
export function useUnreadCount() {
  return useQuery({
    queryKey: ['notices', 'unread'],
    queryFn: () => unwrap<NoticePage>(api.GET('/api/notices', { params: { query: { unread: true, pageSize: 1 } } })),
    select: (p) => p.unread,
    refetchInterval: UNREAD_POLL_MS,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap<Answer<'/api/notices/{id}/read', 'post'>>(api.POST('/api/notices/{id}/read', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['notices'] }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap<Answer<'/api/notices/read-all', 'post'>>(api.POST('/api/notices/read-all', {})),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['notices'] }),
  });
}

type Preferences = Answer<'/api/notice-preferences', 'get'>;

/** My channel for escalations: 站内 (inbox) or 短信 (SMS too). */
export function useNoticePreferences() {
  return useQuery({ queryKey: ['notice-preferences'], queryFn: () => unwrap<Preferences>(api.GET('/api/notice-preferences')) });
}

export function useSetNoticePreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (escalations: Preferences['escalations']) => unwrap<Preferences>(api.PUT('/api/notice-preferences', { body: { escalations } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['notice-preferences'] }),
  });
}
