// Login, the caller and logout as react-query hooks: the pattern every screen follows (a query key per resource,
// `unwrap` for typed data or an ApiError, invalidate or reset what a change makes stale).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { Me, OrgUnit, SessionTokens } from '../api/common-types';
import type { components } from '../api/schema';
import { clearSession, readSession, saveSession } from '../api/session';

export const meKey = ['auth', 'me'] as const;

/** The caller (roles, unit); only asked when a token is stored. */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: () => unwrap<Me>(api.GET('/api/auth/me')),
    enabled: readSession() !== null,
    staleTime: 5 * 60_000,
  });
}

/** The caller's unit (name for the header); not asked before a forced password change (the API refuses it then). */
export function useUnit(id: number | undefined, enabled = true) {
  return useQuery({
    queryKey: ['org-units', id],
    queryFn: () => unwrap<OrgUnit>(api.GET('/api/org-units/{id}', { params: { path: { id: id! } } })),
    enabled: id !== undefined && enabled,
    staleTime: 10 * 60_000,
  });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['LoginDto']) => unwrap<SessionTokens>(api.POST('/api/auth/login', { body })),
    onSuccess: (tokens) => {
      qc.clear();
      saveSession(tokens);
    },
  });
}

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['ChangePasswordDto']) => unwrap<SessionTokens>(api.POST('/api/auth/password', { body })),
    // every session ended; the answer is the new one
    onSuccess: async (tokens) => {
      saveSession(tokens);
      await qc.invalidateQueries({ queryKey: meKey });
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap<unknown>(api.POST('/api/auth/logout')),
    // the tokens go whatever the answer: a dead session is logged out too
    onSettled: () => {
      clearSession();
      qc.clear();
    },
  });
}

type RoleLabel = components['schemas']['RoleLabelDto'];

/**
 * The roles' Chinese names as the API gives them (GET /api/roles), read once a session exists: `names(roles)` for a
 * greeting, `label(role)` for a tag, `options` for a Select. Nothing shows while they load (never the English code).
 */
export function useRoleLabels() {
  const q = useQuery({
    queryKey: ['roles'],
    queryFn: () => unwrap<RoleLabel[]>(api.GET('/api/roles')),
    enabled: readSession() !== null,
    staleTime: Infinity,
  });
  const byValue = new Map((q.data ?? []).map((r) => [r.value as string, r.label]));
  const label = (role: string) => byValue.get(role) ?? '';
  return {
    label,
    names: (roles: readonly string[]) => roles.map(label).filter(Boolean).join('、'),
    options: (q.data ?? []).map((r) => ({ value: r.value, label: r.label })),
  };
}
