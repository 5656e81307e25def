// Users and their roles (admin only: the API refuses everyone else).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Answer } from '../../api/answers';
import { api, unwrap } from '../../api/client';
import type { components, paths } from '../../api/schema';

export type User = Answer<'/api/users/{id}', 'get'>;
export type UserListQuery = NonNullable<paths['/api/users']['get']['parameters']['query']>;

export function useUsers(query: UserListQuery) {
  return useQuery({
    queryKey: ['users', query],
    queryFn: () => unwrap<Answer<'/api/users', 'get'>>(api.GET('/api/users', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** One user, phone unmasked (the edit form). */
export function useUser(id: number | undefined) {
  return useQuery({
    queryKey: ['users', 'one', id],
    queryFn: () => unwrap<User>(api.GET('/api/users/{id}', { params: { path: { id: id! } } })),
    enabled: id !== undefined,
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['CreateUserDto']) => unwrap<User>(api.POST('/api/users', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['users'] }),
  });
}

/** Roles, unit, active, details or a password reset; a password, role or active change ends the user's sessions. */
export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: components['schemas']['UpdateUserDto'] & { id: number }) =>
      unwrap<User>(api.PATCH('/api/users/{id}', { params: { path: { id } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['users'] }),
  });
}
