import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { write } from './hooks';
import { notificationQueries } from './queries';

/** The logged-in user's notifications, refreshed every minute. */
export function useNotificationsQuery() {
  return useQuery(notificationQueries.mine());
}

/** Marks one of one's own notifications read; the list is read again afterwards. */
export function useMarkNotificationReadMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      write(queryClient, 'POST /notifications/:id/read', { params: { id } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationQueries.all() }),
  });
}
