import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiRoutes } from '@targetline/contract';
import { write } from './hooks';
import { notificationQueries, settingsQueries } from './queries';

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

/** How many days before a deadline reminders go out (the review board may show and set it). */
export function useReminderSettingsQuery() {
  return useQuery(settingsQueries.reminders());
}

/** Directors and admins set the reminders' days, from the version read; a 409 reloads it. */
export function useSaveReminderSettingsMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ApiRoutes['PUT /settings/reminders']['body']) =>
      write(queryClient, 'PUT /settings/reminders', { body: input }),
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: settingsQueries.reminders().queryKey }),
  });
}
