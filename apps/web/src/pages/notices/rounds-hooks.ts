import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Answer } from '../../api/answers';
import { api, unwrap } from '../../api/client';
import type { components, paths } from '../../api/schema';
import { roundIsMoving } from '../../lib/office-labels';

export type RoundPage = Answer<'/api/reminder-rounds', 'get'>;
export type Round = RoundPage['items'][number];
export type RoundDetail = Answer<'/api/reminder-rounds/{id}', 'get'>;
export type MessagePage = Answer<'/api/reminder-rounds/{id}/messages', 'get'>;
export type RoundMessage = MessagePage['items'][number];
export type RoundListQuery = NonNullable<paths['/api/reminder-rounds']['get']['parameters']['query']>;
export type MessageListQuery = NonNullable<paths['/api/reminder-rounds/{id}/messages']['get']['parameters']['query']>;
export type MessageState = NonNullable<MessageListQuery['state']>;
export type PlanRound = components['schemas']['PlanRoundDto'];
type TemplatePage = Answer<'/api/notice-templates', 'get'>;
type UnitPage = Answer<'/api/org-units', 'get'>;

/** How often a round's totals are asked again while they move. */
const LIVE_MS = 1500;

export function useRounds(q: RoundListQuery) {
  return useQuery({
    queryKey: ['reminder-rounds', q],
    queryFn: () => unwrap<RoundPage>(api.GET('/api/reminder-rounds', { params: { query: q } })),
    placeholderData: keepPreviousData,
  });
}

/** A round with its totals per message state, asked again every LIVE_MS while messages are on their way. */
export function useRound(id: number | undefined) {
  return useQuery({
    queryKey: ['reminder-round', id],
    queryFn: () => unwrap<RoundDetail>(api.GET('/api/reminder-rounds/{id}', { params: { path: { id: id! } } })),
    enabled: id !== undefined,
    refetchInterval: (q) => (q.state.data && roundIsMoving(q.state.data.status, q.state.data.totals) ? LIVE_MS : false),
  });
}

export function useRoundMessages(id: number | undefined, q: MessageListQuery, live: boolean) {
  return useQuery({
    queryKey: ['reminder-round', id, 'messages', q],
    queryFn: () => unwrap<MessagePage>(api.GET('/api/reminder-rounds/{id}/messages', { params: { path: { id: id! }, query: q } })),
    enabled: id !== undefined,
    placeholderData: keepPreviousData,
    refetchInterval: live ? LIVE_MS * 2 : false,
  });
}

/** The reminder templates the office's unit can use (its own and inherited). */
export function useReminderTemplates(enabled: boolean) {
  return useQuery({
    queryKey: ['notice-templates'],
    queryFn: () => unwrap<TemplatePage>(api.GET('/api/notice-templates', { params: { query: { pageSize: 100 } } })),
    enabled,
    select: (p) => p.items.filter((t) => t.kind.startsWith('reminder.')),
  });
}

/** Units whose name or code holds the text (the subtree a round covers). */
export function useUnitSearch(q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['org-units', 'search', q],
    queryFn: () => unwrap<UnitPage>(api.GET('/api/org-units', { params: { query: { pageSize: 20, ...(q ? { q } : {}) } } })),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** The text a template makes with the round's values (samples for the person's name). */
export function usePreview() {
  return useMutation({
    mutationFn: (v: { kind: string; values: { amount?: string; deadline?: string; officePhone?: string } }) =>
      unwrap<Answer<'/api/notice-templates/{kind}/preview', 'post'>>(
        api.POST('/api/notice-templates/{kind}/preview', { params: { path: { kind: v.kind } }, body: { values: v.values } }),
      ),
  });
}

function useRoundChange<V, R>(call: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ['reminder-rounds'] }), qc.invalidateQueries({ queryKey: ['reminder-round'] })]),
  });
}

export const usePlanRound = () => useRoundChange((body: PlanRound) => unwrap<Round>(api.POST('/api/reminder-rounds', { body })));
export const useStartRound = () => useRoundChange((id: number) => unwrap<Round>(api.POST('/api/reminder-rounds/{id}/start', { params: { path: { id } } })));
export const useResendFailed = () =>
  useRoundChange((id: number) =>
    unwrap<Answer<'/api/reminder-rounds/{id}/resend-failed', 'post'>>(api.POST('/api/reminder-rounds/{id}/resend-failed', { params: { path: { id } } })),
  );
