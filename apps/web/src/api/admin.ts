import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiRoutes } from '@targetline/contract';
import { write } from './hooks';
import { auditQueries, summaryQueries, unitsQueries, usersQueries } from './queries';

type UpdateUserRoute = ApiRoutes['PATCH /users/:id'];
type UpdateUnitRoute = ApiRoutes['PATCH /units/:id'];

/** Left out: the password, to keep the current one (a new one ends the user's sessions). */
type UpdateUserInput = UpdateUserRoute['params'] & UpdateUserRoute['body'];
type UpdateUnitInput = UpdateUnitRoute['params'] & UpdateUnitRoute['body'];

export function useUsersQuery() {
  return useQuery(usersQueries.list());
}

/** The units with their versions, from the same cache entry as the rest of the app. */
export function useUnitRecordsQuery() {
  return useQuery(unitsQueries.list());
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
    mutationFn: (input: ApiRoutes['POST /users']['body']) =>
      write(queryClient, 'POST /users', { body: input }),
    onSettled: () => invalidateUsers(queryClient),
  });
}

export function useUpdateUserMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateUserInput) =>
      write(queryClient, 'PATCH /users/:id', { params: { id }, body }),
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
    mutationFn: (input: ApiRoutes['POST /units']['body']) =>
      write(queryClient, 'POST /units', { body: input }),
    onSettled: () => invalidateUnits(queryClient),
  });
}

export function useUpdateUnitMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateUnitInput) =>
      write(queryClient, 'PATCH /units/:id', { params: { id }, body }),
    onSettled: () => invalidateUnits(queryClient),
  });
}
