import {
  type QueryClient,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { Role, Unit, UnitKind } from '@targetline/core';
import { apiFetch } from './client';
import { auditQueries, summaryQueries, unitsQueries } from './queries';
import { csrfTokenOf } from './query-client';

/** A user as admins see them: never a password or hash. `version` goes back with every change. */
export type AdminUser = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** The units a unit lead leads; empty for the other roles. */
  unitIds: number[];
  isDisabled: boolean;
  version: number;
};

/** `GET /api/units` also returns each unit's version, which a change must send back. */
export type UnitRecord = Unit & { version: number };

export type CreateUserInput = {
  username: string;
  displayName: string;
  role: Role;
  unitIds: number[];
  /** At least 8 characters. */
  password: string;
};

export type UpdateUserInput = {
  id: number;
  version: number;
  displayName?: string;
  role?: Role;
  unitIds?: number[];
  isDisabled?: boolean;
  /** Left out to keep the current password; a new one ends the user's sessions. */
  password?: string;
};

export type CreateUnitInput = { code: string; name: string; kind: UnitKind; parentId: number };

export type UpdateUnitInput = {
  id: number;
  version: number;
  name?: string;
  kind?: UnitKind;
  parentId?: number;
};

export const usersQueries = {
  all: () => ['users'] as const,
  list: () =>
    queryOptions({
      queryKey: usersQueries.all(),
      queryFn: ({ signal }) => apiFetch<AdminUser[]>('/users', { signal }),
    }),
};

function send<T>(
  queryClient: QueryClient,
  path: string,
  method: 'POST' | 'PATCH',
  body: unknown,
): Promise<T> {
  return apiFetch<T>(path, { method, body, csrfToken: csrfTokenOf(queryClient) });
}

export function useUsersQuery() {
  return useQuery(usersQueries.list());
}

/** The units with their versions, from the same cache entry as the rest of the app. */
export function useUnitRecordsQuery() {
  return useQuery({ ...unitsQueries.list(), select: (units) => units as UnitRecord[] });
}

/** Users change only here; a 409 means our copy is stale, so the list reloads either way. */
function invalidateUsers(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: usersQueries.all() }),
    queryClient.invalidateQueries({ queryKey: auditQueries.all() }),
  ]);
}

export function useCreateUserMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserInput) => send<AdminUser>(queryClient, '/users', 'POST', input),
    onSettled: () => invalidateUsers(queryClient),
  });
}

export function useUpdateUserMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateUserInput) =>
      send<AdminUser>(queryClient, `/users/${id}`, 'PATCH', body),
    onSettled: () => invalidateUsers(queryClient),
  });
}

/** A unit's name, kind or place shows in every page, so all unit-based data reloads. */
function invalidateUnits(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: unitsQueries.all() }),
    queryClient.invalidateQueries({ queryKey: summaryQueries.all() }),
    queryClient.invalidateQueries({ queryKey: auditQueries.all() }),
  ]);
}

export function useCreateUnitMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUnitInput) => send<UnitRecord>(queryClient, '/units', 'POST', input),
    onSettled: () => invalidateUnits(queryClient),
  });
}

export function useUpdateUnitMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateUnitInput) =>
      send<UnitRecord>(queryClient, `/units/${id}`, 'PATCH', body),
    onSettled: () => invalidateUnits(queryClient),
  });
}
