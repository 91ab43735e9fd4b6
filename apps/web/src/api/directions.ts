import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiRoutes, DirectionsQuery } from '@targetline/contract';
import { write } from './hooks';
import { directionQueries } from './queries';

export type NewDirection = ApiRoutes['POST /directions']['body'];
export type DirectionMove = ApiRoutes['PATCH /directions/:id']['body'] & { id: number };

export function useDirectionsQuery(query: DirectionsQuery, isEnabled = true) {
  return useQuery({ ...directionQueries.list(query), enabled: isEnabled });
}

/** Every list of directions may hold the one written (or, on a 409, the one changed). */
function useInvalidateDirections() {
  const queryClient = useQueryClient();
  return {
    queryClient,
    invalidate: () => queryClient.invalidateQueries({ queryKey: directionQueries.all() }),
  };
}

export function useRecordDirectionMutation() {
  const { queryClient, invalidate } = useInvalidateDirections();
  return useMutation({
    mutationFn: (body: NewDirection) => write(queryClient, 'POST /directions', { body }),
    onSettled: invalidate,
  });
}

export function useMoveDirectionMutation() {
  const { queryClient, invalidate } = useInvalidateDirections();
  return useMutation({
    mutationFn: ({ id, ...body }: DirectionMove) =>
      write(queryClient, 'PATCH /directions/:id', { params: { id }, body }),
    onSettled: invalidate,
  });
}
